import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  addWorkingHours,
  evaluateClocks,
  STATUTORY_CLOCKS,
  workingMsBetween,
  workingStart,
  type CaseEvent,
} from './clocks.js'
import { describeDue } from './due.js'
import { configuredClocks } from './store.js'
import { BUNDLED_BANK_HOLIDAYS, englandAndWales as cal, WorkingCalendar } from './working-days.js'

// Monday 25 May 2026 is the late May bank holiday (BST: 09:00 in London is 08:00Z, 17:00 is 16:00Z);
// Friday 25 and Monday 28 December 2026 are Christmas and the Boxing Day substitute (GMT).
const FRONT_DOOR = STATUTORY_CLOCKS.filter((d) => d.subject === 'contact')

let nextId = 1
function event(type: string, occurredAt: string, attributes: Record<string, unknown> = {}): CaseEvent {
  return {
    id: nextId++,
    childId: 'C1',
    subjectType: 'contact',
    subjectId: 'S1',
    type,
    occurredAt,
    attributes,
  }
}

/** The due time of each front-door clock for a contact received, and rated, at the given times. */
function dueTimes(receivedAt: string, ratedAt: string, urgency: string, calendar = cal) {
  const { instances } = evaluateClocks(
    FRONT_DOOR,
    [event('contact.received', receivedAt), event('contact.rated', ratedAt, { urgency, receivedAt })],
    ratedAt,
    calendar,
  )
  return Object.fromEntries(instances.map((i) => [i.code, i.dueAt]))
}

describe('the front door in working hours', () => {
  it.each([
    // why, received, rated, decision due, red, amber, green
    [
      'Friday 18:30 before the bank holiday Monday: counts from Tuesday 09:00',
      '2026-05-22T17:30:00Z',
      '2026-05-26T08:30:00Z',
      '2026-05-27T16:00:00.000Z', // Wednesday 17:00: Tuesday is day 0
      '2026-05-26T16:00:00.000Z', // Tuesday 17:00
      '2026-05-26T16:00:00.000Z', // Tuesday 09:00 + 8 working hours
      '2026-05-27T16:00:00.000Z', // 24 working hours would be Thursday: the decision clock's Wednesday
    ],
    [
      'Saturday morning: the same as Friday evening',
      '2026-05-23T09:00:00Z',
      '2026-05-26T09:00:00Z',
      '2026-05-27T16:00:00.000Z',
      '2026-05-26T16:00:00.000Z',
      '2026-05-26T16:00:00.000Z',
      '2026-05-27T16:00:00.000Z',
    ],
    [
      'the bank holiday itself',
      '2026-05-25T11:00:00Z',
      '2026-05-26T09:00:00Z',
      '2026-05-27T16:00:00.000Z',
      '2026-05-26T16:00:00.000Z',
      '2026-05-26T16:00:00.000Z',
      '2026-05-27T16:00:00.000Z',
    ],
    [
      'Friday 16:55 before the bank holiday: five minutes on Friday, the rest on Tuesday',
      '2026-05-22T15:55:00Z',
      '2026-05-22T15:58:00Z',
      '2026-05-26T16:00:00.000Z', // Tuesday 17:00
      '2026-05-22T16:00:00.000Z', // Friday 17:00, five minutes after receipt
      '2026-05-26T15:55:00.000Z', // Tuesday 16:55
      '2026-05-26T16:00:00.000Z', // capped at Tuesday 17:00
    ],
    [
      'Thursday 16:55, rated the next morning: the clocks ran overnight from receipt',
      '2026-05-21T15:55:00Z',
      '2026-05-22T08:30:00Z',
      '2026-05-22T16:00:00.000Z', // Friday 17:00
      '2026-05-21T16:00:00.000Z', // Thursday 17:00: already overdue when rated
      '2026-05-22T15:55:00.000Z', // Friday 16:55
      '2026-05-22T16:00:00.000Z',
    ],
    [
      'before opening on a working day: from 09:00 that day',
      '2026-05-26T06:30:00Z',
      '2026-05-26T08:10:00Z',
      '2026-05-27T16:00:00.000Z',
      '2026-05-26T16:00:00.000Z',
      '2026-05-26T16:00:00.000Z',
      '2026-05-27T16:00:00.000Z',
    ],
    [
      'Wednesday noon',
      '2026-05-27T11:00:00Z',
      '2026-05-27T11:30:00Z',
      '2026-05-28T16:00:00.000Z', // Thursday 17:00
      '2026-05-27T16:00:00.000Z', // Wednesday 17:00
      '2026-05-28T11:00:00.000Z', // Thursday noon
      '2026-05-28T16:00:00.000Z',
    ],
    [
      'Christmas Eve after close: Christmas and the Boxing Day substitute are skipped (GMT)',
      '2026-12-24T17:30:00Z',
      '2026-12-29T09:30:00Z',
      '2026-12-30T17:00:00.000Z',
      '2026-12-29T17:00:00.000Z',
      '2026-12-29T17:00:00.000Z',
      '2026-12-30T17:00:00.000Z',
    ],
  ])('%s', (_why, received, rated, decision, red, amber, green) => {
    expect(dueTimes(received, rated, 'red')).toEqual({ 'mash-decision': decision, 'mash-decision-rag': red })
    expect(dueTimes(received, rated, 'amber')['mash-decision-rag']).toBe(amber)
    expect(dueTimes(received, rated, 'green')['mash-decision-rag']).toBe(green)
  })

  it('counts the authority’s own hours: 08:30 to 17:30', () => {
    const late = new WorkingCalendar(BUNDLED_BANK_HOLIDAYS, [], { opensAt: '08:30', closesAt: '17:30' })
    expect(dueTimes('2026-05-22T15:55:00Z', '2026-05-22T16:00:00Z', 'red', late)).toEqual({
      'mash-decision': '2026-05-26T16:30:00.000Z',
      'mash-decision-rag': '2026-05-22T16:30:00.000Z',
    })
    expect(dueTimes('2026-05-22T15:55:00Z', '2026-05-22T16:00:00Z', 'amber', late)['mash-decision-rag']).toBe(
      '2026-05-26T14:55:00.000Z', // 35 minutes on Friday, 8h25 on Tuesday from 08:30
    )
  })

  it('a contact never rated has only the statutory clock, still from receipt', () => {
    const { instances } = evaluateClocks(
      FRONT_DOOR,
      [event('contact.received', '2026-05-22T17:30:00Z')],
      '2026-05-26T08:00:00Z',
      cal,
    )
    expect(instances.map((i) => [i.code, i.startedAt, i.dueAt])).toEqual([
      ['mash-decision', '2026-05-22T17:30:00.000Z', '2026-05-27T16:00:00.000Z'],
    ])
  })

  it('a rating without the time of receipt starts no RAG clock rather than guess one', () => {
    const { instances } = evaluateClocks(
      FRONT_DOOR,
      [
        event('contact.received', '2026-05-27T11:00:00Z'),
        event('contact.rated', '2026-05-27T11:30:00Z', { urgency: 'red' }),
      ],
      '2026-05-27T12:00:00Z',
      cal,
    )
    expect(instances.map((i) => i.code)).toEqual(['mash-decision'])
  })

  it('re-rating up brings the response forward from the re-rating; down never puts it back', () => {
    const received = '2026-05-27T11:00:00Z' // Wednesday noon
    const rag = (events: CaseEvent[]) =>
      evaluateClocks(FRONT_DOOR, events, '2026-05-27T12:00:00Z', cal).instances.find(
        (i) => i.code === 'mash-decision-rag',
      )
    const up = rag([
      event('contact.received', received),
      event('contact.rated', '2026-05-27T11:30:00Z', { urgency: 'green', receivedAt: received }),
      event('contact.rated', '2026-05-27T14:00:00Z', { urgency: 'amber', receivedAt: received }),
    ])
    // Green was the decision's Thursday 17:00; amber from the re-rating at 15:00 is Thursday 15:00.
    expect(up).toMatchObject({ dueAt: '2026-05-28T14:00:00.000Z', reratedAt: '2026-05-27T14:00:00.000Z' })
    const down = rag([
      event('contact.received', received),
      event('contact.rated', '2026-05-27T11:30:00Z', { urgency: 'red', receivedAt: received }),
      event('contact.rated', '2026-05-27T14:00:00Z', { urgency: 'green', receivedAt: received }),
    ])
    expect(down).toMatchObject({ dueAt: '2026-05-27T16:00:00.000Z' })
    expect(down?.reratedAt).toBeUndefined()
  })

  it('RAG due soon is the last 2 working hours, across the night', () => {
    const { instances } = evaluateClocks(
      FRONT_DOOR,
      [
        event('contact.received', '2026-05-22T15:30:00Z'), // Friday 16:30
        event('contact.rated', '2026-05-22T15:40:00Z', {
          urgency: 'amber',
          receivedAt: '2026-05-22T15:30:00Z',
        }),
      ],
      '2026-05-22T15:40:00Z',
      cal,
    )
    // Due Tuesday 16:30 (half an hour Friday, 7h30 Tuesday); due soon from Tuesday 14:30.
    expect(instances.find((i) => i.code === 'mash-decision-rag')).toMatchObject({
      dueAt: '2026-05-26T15:30:00.000Z',
      dueSoonAt: '2026-05-26T13:30:00.000Z',
    })
  })

  it('property: the RAG response, whatever its ratings, never ends after the decision clock', () => {
    const urgency = fc.constantFrom('red', 'amber', 'green', 'purple')
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2028, 0, 1) }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 4 * 86_400_000 }), urgency), {
          minLength: 1,
          maxLength: 4,
        }),
        (received, ratings) => {
          const receivedAt = new Date(received).toISOString()
          const events = [
            event('contact.received', receivedAt),
            ...ratings.map(([after, u]) =>
              event('contact.rated', new Date(received + after).toISOString(), { urgency: u, receivedAt }),
            ),
          ]
          const { instances } = evaluateClocks(FRONT_DOOR, events, receivedAt, cal)
          const decision = instances.find((i) => i.code === 'mash-decision')
          for (const i of instances.filter((x) => x.code === 'mash-decision-rag'))
            expect(Date.parse(i.dueAt)).toBeLessThanOrEqual(Date.parse(decision!.dueAt))
        },
      ),
    )
  })

  it('property: a working-hours clock falls due inside working hours, never before it starts', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2028, 0, 1) }),
        fc.integer({ min: 1, max: 60 }),
        (start, hours) => {
          const due = addWorkingHours(start, hours, cal)
          expect(due).toBeGreaterThan(start)
          // Just before the due time is working time, so the clock ends in hours, at the close at the latest.
          expect(workingStart(due - 1, cal)).toBe(due - 1)
          expect(workingMsBetween(start, due, cal)).toBe(hours * 3_600_000)
        },
      ),
    )
  })
})

describe('feedback to the referrer', () => {
  const feedback = (decision: string, decidedAt: string, definitions = FRONT_DOOR, referrer = 'known') =>
    evaluateClocks(
      definitions,
      [
        event('contact.received', '2026-05-20T09:00:00Z'),
        event('contact.decided', decidedAt, { decision, referrer }),
      ],
      decidedAt,
      cal,
    ).instances.filter((i) => i.code === 'referrer-feedback')

  it.each([
    [
      'decided Friday: Tuesday, Wednesday, Thursday after the bank holiday',
      '2026-05-22T14:00:00Z',
      '2026-05-28T16:00:00.000Z',
    ],
    ['decided after close on Friday: from Tuesday', '2026-05-22T17:00:00Z', '2026-05-29T16:00:00.000Z'],
    [
      'decided 23 December: Christmas and Boxing Day substitute skipped',
      '2026-12-23T11:00:00Z',
      '2026-12-30T17:00:00.000Z',
    ],
  ])('%s', (_why, decidedAt, due) => {
    expect(feedback('no_further_action', decidedAt).map((i) => i.dueAt)).toEqual([due])
  })

  it('stops when the referrer is told', () => {
    const { instances } = evaluateClocks(
      FRONT_DOOR,
      [
        event('contact.received', '2026-05-20T09:00:00Z'),
        event('contact.decided', '2026-05-20T11:00:00Z', { decision: 'referral' }),
        event('contact.feedback', '2026-05-21T10:00:00Z'),
      ],
      '2026-05-22T10:00:00Z',
      cal,
    )
    expect(instances.find((i) => i.code === 'referrer-feedback')).toMatchObject({
      dueAt: '2026-05-26T16:00:00.000Z',
      status: 'met',
    })
  })

  it('has no clock when there is no referrer to tell, or the allocated worker took the contact into the case', () => {
    expect(feedback('passed_to_allocated_worker', '2026-05-22T14:00:00Z', FRONT_DOOR, 'none')).toEqual([])
    expect(feedback('no_further_action', '2026-05-22T14:00:00Z', FRONT_DOOR, 'none')).toEqual([])
  })

  it('takes the authority’s number of working days', () => {
    const five = configuredClocks({ referrerFeedbackWorkingDays: 5 }).filter((d) => d.subject === 'contact')
    expect(feedback('referral', '2026-05-22T14:00:00Z', five).map((i) => i.dueAt)).toEqual([
      '2026-06-01T16:00:00.000Z',
    ])
  })
})

describe('how a due time reads', () => {
  const at = (iso: string) => new Date(iso)
  it.each([
    [
      'red, this afternoon',
      '2026-05-22T16:00:00Z',
      '2026-05-22T13:00:00Z',
      '5:00pm today',
      '3 working hours left',
    ],
    ['minutes', '2026-05-22T16:00:00Z', '2026-05-22T15:15:00Z', '5:00pm today', '45 working minutes left'],
    [
      'over the bank holiday weekend',
      '2026-05-26T16:00:00Z',
      '2026-05-22T15:00:00Z',
      '5:00pm on 26 May 2026',
      '9 working hours left',
    ],
    ['tomorrow', '2026-05-28T11:00:00Z', '2026-05-27T15:00:00Z', '12:00pm tomorrow', '4 working hours left'],
    ['overdue, the evening after', '2026-05-27T16:00:00Z', '2026-05-27T19:00:00Z', '5:00pm today', 'overdue'],
    [
      'overdue next morning',
      '2026-05-27T16:00:00Z',
      '2026-05-28T10:00:00Z',
      '5:00pm on 27 May 2026',
      '2 working hours overdue',
    ],
    [
      'a whole-day clock',
      '2026-06-05T22:59:59.999Z',
      '2026-06-01T10:00:00Z',
      '5 June 2026',
      'due in 4 working days',
    ],
  ])('%s', (_why, due, now, dueBy, left) => {
    expect(describeDue(at(due), at(now), cal)).toMatchObject({ dueBy, left })
  })
})
