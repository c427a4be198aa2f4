import { afterEach, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  londonInstant,
  type CaseEvent,
  type ClockDefinition,
  STATUTORY_CLOCKS,
  addMonths,
  dueAt,
  endOfLondonDay,
  evaluateClocks,
  londonDate,
  parseClockDefinitions,
  statusAt,
  timescaleFor,
} from './clocks.js'
import { englandAndWales as cal } from './working-days.js'

function clock(code: string): ClockDefinition {
  const found = STATUTORY_CLOCKS.find((d) => d.code === code)
  if (found === undefined) throw new Error(`no clock ${code}`)
  return found
}

/** A test clock built from a bundled one with a different timescale. */
function variant(code: string, changes: Partial<ClockDefinition>): ClockDefinition {
  return { ...clock(code), ...changes }
}

/**
 * The decision clock counted to midnight, as a plain working-day clock: the day-counting rules
 * below are about working days, not the front door's working hours (frontdoor-clocks.test.ts).
 */
const midnightDecision = variant('mash-decision', { inWorkingHours: false })

let nextId = 1
function event(
  type: string,
  occurredAt: string,
  subjectType: string,
  extra: Partial<CaseEvent> = {},
): CaseEvent {
  return { id: nextId++, childId: 'C1', subjectType, subjectId: 'S1', type, occurredAt, ...extra }
}

describe('Europe/London dates of UTC instants', () => {
  it.each([
    ['2026-06-30T23:30:00Z', '2026-07-01'], // BST: already 1 July in London
    ['2026-06-30T22:59:59Z', '2026-06-30'],
    ['2026-12-30T23:30:00Z', '2026-12-30'], // GMT: still 30 December
    ['2026-03-29T00:30:00Z', '2026-03-29'], // the spring-forward Sunday, before the change
    ['2026-03-28T23:30:00Z', '2026-03-28'],
    ['2026-10-24T23:30:00Z', '2026-10-25'], // the fall-back Sunday, still BST at midnight
    ['2026-10-25T23:30:00Z', '2026-10-25'], // GMT again by the evening
    ['2026-07-01T01:30:00+02:00', '2026-07-01'], // offsets other than Z are read correctly
  ])('%s is %s in London', (instant, date) => {
    expect(londonDate(instant)).toBe(date)
  })

  it.each([
    ['2026-03-28', '2026-03-28T23:59:59.999Z'], // Saturday before the change: GMT
    ['2026-03-29', '2026-03-29T22:59:59.999Z'], // the 23-hour day ends in BST
    ['2026-10-24', '2026-10-24T22:59:59.999Z'],
    ['2026-10-25', '2026-10-25T23:59:59.999Z'], // the 25-hour day ends in GMT
    ['2026-07-01', '2026-07-01T22:59:59.999Z'],
  ])('%s ends at %s', (date, end) => {
    expect(new Date(endOfLondonDay(date)).toISOString()).toBe(end)
  })

  it('refuses a timestamp with no offset, which would be read in the process time zone', () => {
    expect(() => londonDate('2026-07-01T00:30:00')).toThrow(RangeError)
    expect(() => dueAt(midnightDecision, '2026-07-01 00:30', cal)).toThrow(RangeError)
    expect(londonDate('2026-07-01T00:30:00Z')).toBe('2026-07-01')
  })

  describe('whatever the process time zone', () => {
    const original = process.env.TZ
    afterEach(() => {
      process.env.TZ = original
    })
    it.each(['Pacific/Auckland', 'America/Los_Angeles', 'UTC'])('%s gives the London answer', (tz) => {
      process.env.TZ = tz
      expect(londonDate('2026-06-30T23:30:00Z')).toBe('2026-07-01')
      // 00:30 on 1 July in London, out of hours: from the opening that day, due at the close on 2 July.
      expect(dueAt(clock('mash-decision'), '2026-06-30T23:30:00Z', cal)).toBe('2026-07-02T16:00:00.000Z')
    })
  })
})

describe('calendar months', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'], // leap year
    ['2026-01-30', 1, '2026-02-28'],
    ['2026-01-28', 1, '2026-02-28'], // not clamped: the same day
    ['2026-03-31', 6, '2026-09-30'],
    ['2026-08-31', 6, '2027-02-28'], // over the year end
    ['2026-11-30', 3, '2027-02-28'],
    ['2026-05-15', 3, '2026-08-15'],
    ['2026-05-15', 12, '2027-05-15'],
    ['2026-05-15', 0, '2026-05-15'],
    ['2026-03-31', -1, '2026-02-28'],
  ])('%s + %i months = %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected)
  })

  it('property: the day of the month is kept or clamped to the last day, never overflowing', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2000, max: 2040 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        fc.integer({ min: 0, max: 36 }),
        (y, m, d, n) => {
          const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate()
          const date = `${y}-${String(m).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`
          const result = addMonths(date, n)
          const [ry, rm, rd] = result.split('-').map(Number) as [number, number, number]
          expect(ry * 12 + rm - (y * 12 + m)).toBe(n)
          expect(rd).toBe(Math.min(Math.min(d, lastDay), new Date(Date.UTC(ry, rm, 0)).getUTCDate()))
        },
      ),
    )
  })
})

describe('dueAt', () => {
  const wd = (length: number) =>
    variant('mash-decision', { inWorkingHours: false, length, unit: 'working_days' })
  it.each([
    // why, definition, started at, due at
    ['Friday + 1 working day is Monday', wd(1), '2026-11-20T15:00:00Z', '2026-11-23T23:59:59.999Z'],
    ['Monday + 1 working day is Tuesday', wd(1), '2026-11-23T09:00:00Z', '2026-11-24T23:59:59.999Z'],
    ['Saturday + 1 working day is Monday', wd(1), '2026-11-21T09:00:00Z', '2026-11-23T23:59:59.999Z'],
    ['23:30 UTC on 30 June is 1 July in London', wd(1), '2026-06-30T23:30:00Z', '2026-07-02T22:59:59.999Z'],
    ['22:30 UTC on 30 June is still 30 June', wd(1), '2026-06-30T21:30:00Z', '2026-07-01T22:59:59.999Z'],
    [
      'over Christmas and the Boxing Day substitute',
      wd(1),
      '2026-12-24T10:00:00Z',
      '2026-12-29T23:59:59.999Z',
    ],
    ['over Easter 2026', wd(1), '2026-04-02T10:00:00Z', '2026-04-07T22:59:59.999Z'],
    ['over the spring clock change weekend', wd(1), '2026-03-27T14:00:00Z', '2026-03-30T22:59:59.999Z'],
    ['over the autumn clock change weekend', wd(1), '2026-10-23T14:00:00Z', '2026-10-26T23:59:59.999Z'],
    ['45 working days', clock('assessment-45wd'), '2026-01-05T09:00:00Z', '2026-03-09T23:59:59.999Z'],
    [
      '20 working days over Christmas',
      clock('lac-review-20wd'),
      '2026-12-14T09:00:00Z',
      '2027-01-14T23:59:59.999Z',
    ],
    ['0 working days is the same day', wd(0), '2026-11-23T09:00:00Z', '2026-11-23T23:59:59.999Z'],
    ['0 working days on a Saturday is Monday', wd(0), '2026-11-21T09:00:00Z', '2026-11-23T23:59:59.999Z'],
    ['0 working days on Christmas Day', wd(0), '2026-12-25T09:00:00Z', '2026-12-29T23:59:59.999Z'],
    [
      '1 calendar day onto the 23-hour day',
      variant('mash-decision', { inWorkingHours: false, length: 1, unit: 'calendar_days' }),
      '2026-03-28T12:00:00Z',
      '2026-03-29T22:59:59.999Z',
    ],
    [
      'calendar days ignore weekends',
      variant('mash-decision', { inWorkingHours: false, length: 2, unit: 'calendar_days' }),
      '2026-11-20T12:00:00Z',
      '2026-11-22T23:59:59.999Z',
    ],
    ['72 hours', clock('rhi-72h'), '2026-11-20T22:00:00Z', '2026-11-23T22:00:00.000Z'],
    [
      'hours across midnight',
      variant('rhi-72h', { length: 3 }),
      '2026-11-20T22:30:00Z',
      '2026-11-21T01:30:00.000Z',
    ],
    [
      '72 elapsed hours over the autumn change',
      clock('rhi-72h'),
      '2026-10-24T12:00:00Z',
      '2026-10-27T12:00:00.000Z',
    ],
    [
      '72 elapsed hours over the spring change',
      clock('rhi-72h'),
      '2026-03-28T12:00:00Z',
      '2026-03-31T12:00:00.000Z',
    ],
    ['20 weeks', clock('ehc-20w'), '2026-01-05T09:00:00Z', '2026-05-25T22:59:59.999Z'],
    ['1 week lands in BST', clock('lac-visit-1w'), '2026-03-24T09:00:00Z', '2026-03-31T22:59:59.999Z'],
    ['3 months', clock('cp-review-first-3m'), '2026-01-15T10:00:00Z', '2026-04-15T22:59:59.999Z'],
    [
      '31 January + 1 month is 28 February',
      variant('cp-review-first-3m', { length: 1 }),
      '2026-01-31T10:00:00Z',
      '2026-02-28T23:59:59.999Z',
    ],
    [
      '31 January + 1 month is 29 February in a leap year',
      variant('cp-review-first-3m', { length: 1 }),
      '2028-01-31T10:00:00Z',
      '2028-02-29T23:59:59.999Z',
    ],
    ['6 months from 31 August', clock('cp-review-6m'), '2026-08-31T10:00:00Z', '2027-02-28T23:59:59.999Z'],
    [
      '3 months counts from the London date',
      clock('lac-review-3m'),
      '2026-06-30T23:30:00Z',
      '2026-10-01T22:59:59.999Z',
    ],
  ])('%s', (_why, definition, startedAt, expected) => {
    expect(dueAt(definition, startedAt, cal)).toBe(expected)
  })

  it('uses the start event attributes for a parameterised clock', () => {
    const rag = clock('mash-decision-rag')
    expect(dueAt(rag, '2026-11-23T10:00:00Z', cal, { urgency: 'red' })).toBe('2026-11-23T17:00:00.000Z')
    expect(dueAt(rag, '2026-11-21T10:00:00Z', cal, { urgency: 'red' })).toBe('2026-11-23T17:00:00.000Z')
    expect(dueAt(rag, '2026-11-23T10:00:00Z', cal, { urgency: 'amber' })).toBe('2026-11-24T10:00:00.000Z')
    expect(dueAt(rag, '2026-11-23T10:00:00Z', cal, { urgency: 'green' })).toBe('2026-11-26T10:00:00.000Z')
    expect(() => dueAt(rag, '2026-11-23T10:00:00Z', cal, {})).toThrow(RangeError)
  })

  it.each([
    ['mash-decision-rag', { urgency: 'red' }, { length: 0, unit: 'working_days' }],
    ['mash-decision-rag', { urgency: 'amber' }, { length: 8, unit: 'working_hours' }],
    ['mash-decision-rag', { urgency: 'green' }, { length: 24, unit: 'working_hours' }],
    ['mash-decision-rag', { urgency: 'purple' }, undefined],
    ['mash-decision-rag', { urgency: 'toString' }, undefined], // not an inherited property
    ['mash-decision-rag', {}, undefined],
    ['rha', { ageBand: '5_and_over' }, { length: 12, unit: 'months' }],
    ['rha', { ageBand: 'under_5' }, { length: 6, unit: 'months' }],
    ['rha', {}, { length: 6, unit: 'months' }], // unknown age: the shorter timescale
    ['mash-decision', { urgency: 'red' }, { length: 1, unit: 'working_days' }], // statute ignores RAG
  ])('%s with %o runs to %o', (code, attributes, expected) => {
    expect(timescaleFor(clock(code), attributes)).toEqual(expected)
  })

  const instant = fc
    .integer({ min: Date.UTC(2012, 0, 1), max: Date.UTC(2034, 10, 1) })
    .map((ms) => new Date(ms).toISOString())

  it('property: a working-day clock is due by the end of a working day in London', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 70 }), (startedAt, length) => {
        const due = dueAt(wd(length), startedAt, cal)
        const dueDate = londonDate(due)
        expect(cal.isWorkingDay(dueDate)).toBe(true)
        expect(Date.parse(due)).toBe(endOfLondonDay(dueDate))
        expect(Date.parse(due) + 1).toBeGreaterThan(Date.parse(startedAt))
        // exactly `length` working days after the London start date (day 0 rolls to a working day)
        if (length > 0) expect(cal.workingDaysBetween(londonDate(startedAt), dueDate)).toBe(length)
      }),
    )
  })

  it('property: an hour clock is due exactly that many elapsed hours later', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 500 }), (startedAt, length) => {
        const due = dueAt(variant('rhi-72h', { length }), startedAt, cal)
        expect(Date.parse(due) - Date.parse(startedAt)).toBe(length * 3_600_000)
      }),
    )
  })
})

describe('due soon', () => {
  const start = (definition: ClockDefinition, occurredAt: string) =>
    evaluateClocks(
      [definition],
      [event(definition.startEvent ?? '', occurredAt, definition.subject)],
      occurredAt,
      cal,
    ).instances[0]
  it.each([
    [
      'the last 2 working days before a Wednesday deadline: from the start of Tuesday',
      variant('mash-decision', {
        inWorkingHours: false,
        length: 2,
        dueSoonWithin: { length: 2, unit: 'working_days' },
      }),
      '2026-11-23T09:00:00Z',
      '2026-11-25T23:59:59.999Z',
      '2026-11-24T00:00:00.000Z',
    ],
    [
      'the last working day before a Monday deadline starts on Saturday',
      midnightDecision,
      '2026-11-20T15:00:00Z',
      '2026-11-23T23:59:59.999Z',
      '2026-11-21T00:00:00.000Z',
    ],
    [
      'the last working day in summer starts at London midnight',
      midnightDecision,
      '2026-06-30T09:00:00Z',
      '2026-07-01T22:59:59.999Z',
      '2026-06-30T23:00:00.000Z',
    ],
    [
      'the last 3 calendar days',
      variant('mash-decision', {
        inWorkingHours: false,
        length: 2,
        dueSoonWithin: { length: 3, unit: 'calendar_days' },
      }),
      '2026-11-23T09:00:00Z',
      '2026-11-25T23:59:59.999Z',
      '2026-11-23T00:00:00.000Z',
    ],
    [
      'the last 24 hours',
      clock('rhi-72h'),
      '2026-11-20T22:00:00Z',
      '2026-11-23T22:00:00.000Z',
      '2026-11-22T22:00:00.000Z',
    ],
  ])('%s', (_why, definition, startedAt, due, dueSoon) => {
    expect(start(definition, startedAt)).toMatchObject({ dueAt: due, dueSoonAt: dueSoon })
  })
})

describe('statusAt', () => {
  const base = { dueAt: '2026-11-25T23:59:59.999Z', dueSoonAt: '2026-11-25T00:00:00.000Z' }
  it.each([
    ['before due soon', {}, '2026-11-24T23:59:59.999Z', 'due'],
    ['at due soon', {}, '2026-11-25T00:00:00.000Z', 'due_soon'],
    ['at the last moment', {}, '2026-11-25T23:59:59.999Z', 'due_soon'],
    ['a moment later', {}, '2026-11-26T00:00:00.000Z', 'overdue'],
    [
      'stopped in time',
      { stoppedAt: '2026-11-25T23:59:59.999Z', closedBy: 'stop' },
      '2027-01-01T00:00:00Z',
      'met',
    ],
    [
      'stopped late',
      { stoppedAt: '2026-11-26T00:00:00.000Z', closedBy: 'stop' },
      '2026-11-20T00:00:00Z',
      'missed',
    ],
    [
      'cancelled',
      { stoppedAt: '2026-11-27T00:00:00.000Z', closedBy: 'cancel' },
      '2027-01-01T00:00:00Z',
      'cancelled',
    ],
  ] as const)('%s', (_why, closed, now, expected) => {
    expect(statusAt({ ...base, ...closed }, now)).toBe(expected)
  })

  it('takes a Date as well as a timestamp', () => {
    expect(statusAt(base, new Date('2026-11-26T00:00:00Z'))).toBe('overdue')
  })
})

describe('evaluateClocks', () => {
  const now = '2026-11-23T09:00:00Z'
  const mash = [midnightDecision]

  it('a decision in time is met and a late one missed', () => {
    const met = evaluateClocks(
      mash,
      [
        event('contact.received', '2026-11-20T15:00:00Z', 'contact'),
        event('contact.decided', '2026-11-23T17:00:00Z', 'contact'),
      ],
      now,
      cal,
    )
    expect(met.instances.map((i) => i.status)).toEqual(['met'])
    expect(met.instances[0]).toMatchObject({
      childId: 'C1',
      subjectType: 'contact',
      subjectId: 'S1',
      sequence: 1,
    })
    const missed = evaluateClocks(
      mash,
      [
        event('contact.received', '2026-11-20T15:00:00Z', 'contact'),
        event('contact.decided', '2026-11-24T00:00:00Z', 'contact'),
      ],
      now,
      cal,
    )
    expect(missed.instances.map((i) => i.status)).toEqual(['missed'])
  })

  it.each([
    ['2026-11-20T23:00:00Z', 'due'], // Friday night
    ['2026-11-21T00:00:00Z', 'due_soon'], // Saturday: one working day left
    ['2026-11-23T23:59:59.999Z', 'due_soon'],
    ['2026-11-24T00:00:00Z', 'overdue'],
  ])('an undecided contact at %s is %s', (at, status) => {
    const result = evaluateClocks(
      mash,
      [event('contact.received', '2026-11-20T15:00:00Z', 'contact')],
      at,
      cal,
    )
    expect(result.instances.map((i) => i.status)).toEqual([status])
  })

  it('reports a stop without a start and makes no clock of it', () => {
    const result = evaluateClocks(
      mash,
      [event('contact.decided', '2026-11-23T09:00:00Z', 'contact', { id: 'e7' })],
      now,
      cal,
    )
    expect(result.instances).toEqual([])
    expect(result.ignored).toEqual([expect.objectContaining({ eventId: 'e7', reason: 'stop_without_start' })])
  })

  it('a stop recorded before its start does not stop it', () => {
    const result = evaluateClocks(
      mash,
      [
        event('contact.decided', '2026-11-20T14:00:00Z', 'contact', { id: 'd' }),
        event('contact.received', '2026-11-20T15:00:00Z', 'contact', { id: 'r' }),
      ],
      now,
      cal,
    )
    expect(result.instances.map((i) => i.status)).toEqual(['due_soon'])
    expect(result.ignored.map((i) => [i.eventId, i.reason])).toEqual([['d', 'stop_without_start']])
  })

  it('a decision in the same second as the contact is met', () => {
    const result = evaluateClocks(
      mash,
      [
        event('contact.decided', '2026-11-20T15:00:00Z', 'contact', { id: 'a' }),
        event('contact.received', '2026-11-20T15:00:00Z', 'contact', { id: 'b' }),
      ],
      now,
      cal,
    )
    expect(result.instances.map((i) => i.status)).toEqual(['met'])
    expect(result.ignored).toEqual([])
  })

  it('a second start while the clock runs does not move the deadline, and is reported', () => {
    const result = evaluateClocks(
      mash,
      [
        event('contact.received', '2026-11-20T15:00:00Z', 'contact', { id: 'first' }),
        event('contact.received', '2026-11-23T15:00:00Z', 'contact', { id: 'again' }),
      ],
      now,
      cal,
    )
    expect(result.instances.map((i) => i.dueAt)).toEqual(['2026-11-23T23:59:59.999Z'])
    expect(result.instances.map((i) => i.dueAt)).not.toEqual(['2026-11-24T23:59:59.999Z'])
    expect(result.ignored).toEqual([
      expect.objectContaining({ eventId: 'again', code: 'mash-decision', reason: 'already_running' }),
    ])
  })

  it('a restart after a stop is a new clock, numbered in sequence', () => {
    const assessment = [clock('assessment-45wd')]
    const result = evaluateClocks(
      assessment,
      [
        event('assessment.started', '2026-01-05T09:00:00Z', 'assessment', { id: 'a1' }),
        event('assessment.authorised', '2026-02-20T09:00:00Z', 'assessment', { id: 'a2' }),
        event('assessment.started', '2026-06-01T09:00:00Z', 'assessment', { id: 'a3' }),
      ],
      '2026-06-02T09:00:00Z',
      cal,
    )
    expect(result.instances.map((i) => [i.key, i.sequence, i.status])).toEqual([
      ['assessment-45wd/a1', 1, 'met'],
      ['assessment-45wd/a3', 2, 'due'],
    ])
  })

  describe('counting from an earlier instant: allocation starts the assessment, counted from the referral', () => {
    const visit = [clock('assessment-from-referral-45wd')]
    // Referred on Friday 18 December 2026; 45 working days skip Christmas Day, the Boxing Day
    // substitute (Monday 28th) and New Year's Day, as well as the weekends.
    const referredAt = '2026-12-18T15:00:00Z'
    const allocated = (at: string, extra: Partial<CaseEvent> = {}) =>
      event('referral.allocated', at, 'referral', extra)

    it('runs from the referral, not from the allocation', () => {
      const result = evaluateClocks(
        visit,
        [allocated('2027-01-05T10:00:00Z', { id: 'al', attributes: { referredAt } })],
        '2027-01-05T10:00:00Z',
        cal,
      )
      expect(result.instances).toEqual([
        expect.objectContaining({
          key: 'assessment-from-referral-45wd/al',
          title: 'Visit the child and start the child and family assessment',
          startedAt: '2026-12-18T15:00:00.000Z',
          dueDate: '2027-02-24',
          dueAt: '2027-02-24T23:59:59.999Z',
          dueSoonAt: '2027-02-18T00:00:00.000Z',
          status: 'due',
        }),
      ])
      // Counted from the allocation it would be due a fortnight later.
      expect(dueAt(clock('assessment-45wd'), '2027-01-05T10:00:00Z', cal)).toBe('2027-03-09T23:59:59.999Z')
    })

    it('a reallocation neither moves the deadline nor restarts a clock that has stopped', () => {
      const result = evaluateClocks(
        visit,
        [
          allocated('2027-01-05T10:00:00Z', { id: 'first', attributes: { referredAt } }),
          allocated('2027-01-12T10:00:00Z', { id: 'again', attributes: { workerId: 9 } }),
          event('referral.assessment_started', '2027-01-14T10:00:00Z', 'referral', { id: 'started' }),
          allocated('2027-01-20T10:00:00Z', { id: 'later', attributes: { workerId: 7 } }),
        ],
        '2027-01-21T09:00:00Z',
        cal,
      )
      expect(result.instances.map((i) => [i.key, i.dueAt, i.status])).toEqual([
        ['assessment-from-referral-45wd/first', '2027-02-24T23:59:59.999Z', 'met'],
      ])
    })

    it.each([
      ['no referral instant', {}],
      ['an instant without an offset', { referredAt: '2026-12-18T15:00:00' }],
      ['an instant after the allocation', { referredAt: '2027-01-06T09:00:00Z' }],
      ['a date, not an instant', { referredAt: 20261218 }],
    ])('starts no clock from an allocation with %s', (_why, attributes) => {
      const result = evaluateClocks(
        visit,
        [allocated('2027-01-05T10:00:00Z', { attributes })],
        '2027-01-05T10:00:00Z',
        cal,
      )
      expect(result.instances).toEqual([])
    })

    it('is cancelled, neither met nor missed, when the referral is closed', () => {
      const result = evaluateClocks(
        visit,
        [
          allocated('2027-01-05T10:00:00Z', { attributes: { referredAt } }),
          event('referral.closed', '2027-01-07T10:00:00Z', 'referral'),
        ],
        '2027-03-01T09:00:00Z',
        cal,
      )
      expect(result.instances.map((i) => i.status)).toEqual(['cancelled'])
    })
  })

  /** The looked-after review clocks over these events. */
  const lacReviews = (events: CaseEvent[]) =>
    evaluateClocks(
      STATUTORY_CLOCKS.filter((d) => d.code.startsWith('lac-review')),
      events,
      now,
      cal,
    )

  it('looked-after reviews repeat: 20 working days, then 3 months, then every 6 months', () => {
    const result = lacReviews([
      event('care.started', '2026-01-05T11:00:00Z', 'period_of_care', { id: 'care' }),
      event('lac_review.held', '2026-01-28T10:00:00Z', 'period_of_care', { id: 'r1' }),
      event('lac_review.held', '2026-04-20T10:00:00Z', 'period_of_care', { id: 'r2' }),
      event('lac_review.held', '2026-11-01T10:00:00Z', 'period_of_care', { id: 'r3' }),
    ])
    expect(result.instances.map((i) => [i.code, i.startedAt.slice(0, 10), i.dueDate, i.status])).toEqual([
      ['lac-review-20wd', '2026-01-05', '2026-02-02', 'met'],
      ['lac-review-3m', '2026-01-28', '2026-04-28', 'met'],
      ['lac-review-6m', '2026-04-20', '2026-10-20', 'missed'],
      ['lac-review-6m', '2026-11-01', '2027-05-01', 'due'],
    ])
    expect(result.ignored).toEqual([])
  })

  it('an imported period resumes its reviews at the one owed next, which then repeat as usual', () => {
    const result = lacReviews([
      event('lac_review.second_owed', '2026-01-28T00:00:00Z', 'period_of_care', { id: 'resume' }),
      event('lac_review.held', '2026-04-20T10:00:00Z', 'period_of_care', { id: 'r2' }),
    ])
    expect(result.instances.map((i) => [i.code, i.startedAt.slice(0, 10), i.dueDate, i.status])).toEqual([
      ['lac-review-3m', '2026-01-28', '2026-04-28', 'met'],
      ['lac-review-6m', '2026-04-20', '2026-10-20', 'overdue'],
    ])
    // A clock that follows none can start with a resume event alone.
    const { then: _then, resumeEvent: _resume, ...alone } = clock('lac-review-6m')
    expect(() => parseClockDefinitions([alone])).toThrow(/can never start/)
    expect(() => parseClockDefinitions([{ ...alone, resumeEvent: 'lac_review.next_owed' }])).not.toThrow()
  })

  it('child protection reviews: first at 3 months, then 6-monthly, until the plan ends', () => {
    const cp = STATUTORY_CLOCKS.filter((d) => d.code.startsWith('cp-review'))
    const events = [
      event('cp_plan.started', '2026-01-15T10:00:00Z', 'cp_plan', { id: 'p' }),
      event('cp_review.held', '2026-04-10T10:00:00Z', 'cp_plan', { id: 'r1' }),
    ]
    const open = evaluateClocks(cp, events, now, cal)
    expect(open.instances.map((i) => [i.code, i.dueDate, i.status])).toEqual([
      ['cp-review-6m', '2026-10-10', 'overdue'],
      ['cp-review-first-3m', '2026-04-15', 'met'],
    ])
    const ended = evaluateClocks(
      cp,
      [...events, event('cp_plan.ended', '2026-09-01T10:00:00Z', 'cp_plan', { id: 'end' })],
      now,
      cal,
    )
    expect(ended.instances.map((i) => [i.code, i.status, i.closedBy])).toEqual([
      ['cp-review-6m', 'cancelled', 'cancel'],
      ['cp-review-first-3m', 'met', 'stop'],
    ])
    expect(ended.instances).toHaveLength(2) // no review follows a cancelled one
  })

  it('a withdrawn contact is cancelled, neither met nor missed, and starts nothing', () => {
    const result = evaluateClocks(
      mash,
      [
        event('contact.received', '2026-11-20T15:00:00Z', 'contact'),
        event('contact.withdrawn', '2026-11-25T09:00:00Z', 'contact'),
        event('contact.decided', '2026-11-26T09:00:00Z', 'contact', { id: 'late' }),
      ],
      '2026-11-27T09:00:00Z',
      cal,
    )
    expect(result.instances.map((i) => [i.status, i.closedBy, i.stoppedAt])).toEqual([
      ['cancelled', 'cancel', '2026-11-25T09:00:00.000Z'],
    ])
    expect(result.ignored.map((i) => [i.eventId, i.reason])).toEqual([['late', 'stop_without_start']])
  })

  it('a visit that stops both the new-placement visit and the 6-weekly visit starts one next visit', () => {
    const visits = STATUTORY_CLOCKS.filter((d) => d.code.startsWith('lac-visit'))
    const result = evaluateClocks(
      visits,
      [
        event('placement.started', '2026-09-01T10:00:00Z', 'period_of_care', { id: 'p1' }),
        event('lac_visit.held', '2026-09-07T10:00:00Z', 'period_of_care', { id: 'v1' }),
        event('placement.started', '2026-10-01T10:00:00Z', 'period_of_care', { id: 'p2' }),
        event('lac_visit.held', '2026-10-06T10:00:00Z', 'period_of_care', { id: 'v2' }),
      ],
      now,
      cal,
    )
    expect(result.instances.map((i) => [i.key, i.dueDate, i.status])).toEqual([
      ['lac-visit-1w/p1', '2026-09-08', 'met'],
      ['lac-visit-1w/p2', '2026-10-08', 'met'],
      ['lac-visit-6w/v1', '2026-10-19', 'met'],
      ['lac-visit-6w/v2', '2026-11-17', 'overdue'],
    ])
  })

  it('a move before the first visit owes the new placement its own first visit within a week', () => {
    // Placed Tuesday 1 September, moved on Friday the 4th before anyone visited: the first
    // placement's visit is no longer owed (cancelled, neither met nor missed), the new one's is
    // due a week from the move, and a visit on the 9th meets it.
    const visits = STATUTORY_CLOCKS.filter((d) => d.code.startsWith('lac-visit'))
    const result = evaluateClocks(
      visits,
      [
        event('placement.started', '2026-08-31T23:00:00Z', 'period_of_care', { id: 'p1' }),
        event('placement.started', '2026-09-03T23:00:00Z', 'period_of_care', { id: 'p2' }),
        event('lac_visit.held', '2026-09-09T11:00:00Z', 'period_of_care', { id: 'v1' }),
      ],
      '2026-09-10T09:00:00Z',
      cal,
    )
    expect(result.instances.map((i) => [i.key, i.dueDate, i.status, i.stoppedAt])).toEqual([
      ['lac-visit-1w/p1', '2026-09-08', 'cancelled', '2026-09-03T23:00:00.000Z'],
      ['lac-visit-1w/p2', '2026-09-11', 'met', '2026-09-09T11:00:00.000Z'],
      ['lac-visit-6w/v1', '2026-10-21', 'due', undefined],
    ])
    expect(result.ignored).toEqual([])
  })

  it('a visit in a long-term placement after its first year sets the next at 3 months', () => {
    const visits = STATUTORY_CLOCKS.filter((d) => d.code.startsWith('lac-visit'))
    const result = evaluateClocks(
      visits,
      [
        event('placement.started', '2025-01-05T00:00:00Z', 'period_of_care', { id: 'p' }),
        event('lac_visit.held', '2025-01-09T12:00:00Z', 'period_of_care', { id: 'v1' }),
        event('lac_visit.held', '2025-02-13T12:00:00Z', 'period_of_care', {
          id: 'v2',
          attributes: { visitInterval: '6w' },
        }),
        event('lac_visit.held', '2026-01-15T12:00:00Z', 'period_of_care', {
          id: 'v3',
          attributes: { visitInterval: '3m' },
        }),
      ],
      '2026-01-16T09:00:00Z',
      cal,
    )
    expect(result.instances.map((i) => [i.key, i.dueDate, i.status])).toEqual([
      ['lac-visit-1w/p', '2025-01-12', 'met'],
      ['lac-visit-6w/v1', '2025-02-20', 'met'],
      ['lac-visit-6w/v2', '2025-03-27', 'missed'],
      ['lac-visit-6w/v3', '2026-04-15', 'due'],
    ])
  })

  it('two placements starting at the same instant leave the later one’s first visit running', () => {
    const first = clock('lac-visit-1w')
    const result = evaluateClocks(
      [first],
      [
        event('placement.started', '2026-09-01T09:00:00Z', 'period_of_care', { id: 'a' }),
        event('placement.started', '2026-09-01T09:00:00Z', 'period_of_care', { id: 'b' }),
      ],
      '2026-09-02T09:00:00Z',
      cal,
    )
    expect(result.instances.map((i) => [i.key, i.status])).toEqual([
      ['lac-visit-1w/a', 'cancelled'],
      ['lac-visit-1w/b', 'due'],
    ])
  })

  it('without restart a start while the clock runs is still ignored and reported', () => {
    const result = evaluateClocks(
      [variant('lac-visit-1w', { restart: false })],
      [
        event('placement.started', '2026-09-01T09:00:00Z', 'period_of_care', { id: 'a' }),
        event('placement.started', '2026-09-03T09:00:00Z', 'period_of_care', { id: 'b' }),
      ],
      '2026-09-04T09:00:00Z',
      cal,
    )
    expect(result.instances.map((i) => [i.key, i.status])).toEqual([['lac-visit-1w/a', 'due']])
    expect(result.ignored.map((i) => [i.eventId, i.reason])).toEqual([['b', 'already_running']])
  })

  it('refuses a clock that both re-rates and restarts on a second start', () => {
    const { then: _then, ...first } = clock('lac-visit-1w')
    const both = { ...first, rerate: true, restart: true }
    expect(() => parseClockDefinitions([both])).toThrow(/both re-rates and restarts/)
  })

  it('one clock can start another: minutes to the chair, then circulated within 5 more working days', () => {
    const minutes = STATUTORY_CLOCKS.filter((d) => d.code.startsWith('minutes-'))
    const result = evaluateClocks(
      minutes,
      [
        event('meeting.held', '2026-11-02T18:00:00Z', 'meeting', { id: 'm' }),
        event('minutes.sent_to_chair', '2026-11-13T12:00:00Z', 'meeting', { id: 's' }),
      ],
      now,
      cal,
    )
    expect(result.instances.map((i) => [i.code, i.startEventId, i.dueDate, i.status])).toEqual([
      ['minutes-10wd', 'm', '2026-11-16', 'met'],
      ['minutes-circulated-5wd', 's', '2026-11-20', 'overdue'],
    ])
  })

  it('an agreed extension measures a complaint against the longer timescale', () => {
    const stage1 = [clock('complaint-stage1-10wd')]
    const events = [
      event('complaint.received', '2026-11-02T10:00:00Z', 'complaint', { id: 'c' }),
      event('complaint.stage1_responded', '2026-11-23T10:00:00Z', 'complaint', { id: 'r' }),
    ]
    const plain = evaluateClocks(stage1, events, now, cal)
    expect(plain.instances.map((i) => [i.dueDate, i.status])).toEqual([['2026-11-16', 'missed']])
    const extended = evaluateClocks(
      stage1,
      [...events, event('complaint.stage1_extended', '2026-11-12T10:00:00Z', 'complaint', { id: 'x' })],
      now,
      cal,
    )
    expect(extended.instances.map((i) => [i.dueDate, i.status, i.extendedAt])).toEqual([
      ['2026-11-30', 'met', '2026-11-12T10:00:00.000Z'],
    ])
  })

  describe('re-rating a contact', () => {
    const rag = [clock('mash-decision-rag')]
    // Received at 09:30 on Monday 23 November; the first rating counts from then.
    const rated = (id: string, at: string, urgency: string, receivedAt = '2026-11-23T09:30:00Z') =>
      event('contact.rated', at, 'contact', { id, attributes: { urgency, receivedAt } })
    const evaluate = (events: CaseEvent[], at = '2026-11-24T09:00:00Z') =>
      evaluateClocks(rag, events, at, cal)

    it('brings the response forward when the rating goes up, counted from the re-rating', () => {
      // Green on Monday at 10:00 (24 working hours from receipt: Thursday 09:30), red at 14:00: due at Monday's close.
      const result = evaluate(
        [rated('g', '2026-11-23T10:00:00Z', 'green'), rated('r', '2026-11-23T14:00:00Z', 'red')],
        '2026-11-23T16:30:00Z', // within the 2 working hours before it is due
      )
      expect(result.instances).toHaveLength(1)
      expect(result.instances[0]).toMatchObject({
        startEventId: 'g',
        timescale: { length: 0, unit: 'working_days' },
        dueAt: '2026-11-23T17:00:00.000Z',
        reratedAt: '2026-11-23T14:00:00.000Z',
        status: 'due_soon',
      })
      expect(result.ignored).toEqual([])
    })

    it('never puts the response back when the rating goes down', () => {
      const result = evaluate([
        rated('r', '2026-11-23T10:00:00Z', 'red'),
        rated('g', '2026-11-23T16:00:00Z', 'green'),
      ])
      expect(result.instances.map((i) => [i.dueAt, i.reratedAt, i.status])).toEqual([
        ['2026-11-23T17:00:00.000Z', undefined, 'overdue'],
      ])
      expect(result.ignored).toEqual([])
    })

    it('amber then red: the close of the red day, not amber’s 8 working hours, and met by a decision that day', () => {
      const result = evaluate([
        rated('a', '2026-11-23T10:00:00Z', 'amber'),
        rated('r', '2026-11-23T11:00:00Z', 'red'),
        event('contact.decided', '2026-11-23T16:00:00Z', 'contact', { id: 'd' }),
      ])
      expect(result.instances.map((i) => [i.dueAt, i.status])).toEqual([['2026-11-23T17:00:00.000Z', 'met']])
    })

    it('a rating with no timescale leaves the running clock alone', () => {
      const result = evaluate([
        rated('a', '2026-11-23T10:00:00Z', 'amber'),
        rated('x', '2026-11-23T11:00:00Z', 'purple'),
      ])
      expect(result.instances.map((i) => [i.dueAt, i.reratedAt])).toEqual([
        ['2026-11-24T09:30:00.000Z', undefined],
      ])
    })

    it('property: a re-rated clock is due no later than either rating alone would make it', () => {
      const urgency = fc.constantFrom('red', 'amber', 'green')
      fc.assert(
        fc.property(
          fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) }),
          fc.integer({ min: 1, max: 5 * 86_400_000 }),
          urgency,
          urgency,
          (first, gap, u1, u2) => {
            const at1 = new Date(first).toISOString()
            const at2 = new Date(first + gap).toISOString()
            const [both] = evaluate([rated('1', at1, u1, at1), rated('2', at2, u2, at1)], at1).instances
            const [alone] = evaluate([rated('1', at1, u1, at1)], at1).instances
            expect(Date.parse(both!.dueAt)).toBeLessThanOrEqual(Date.parse(alone!.dueAt))
            expect(Date.parse(both!.dueAt)).toBeGreaterThanOrEqual(
              Math.min(Date.parse(alone!.dueAt), Date.parse(dueAt(rag[0]!, at2, cal, { urgency: u2 }))),
            )
          },
        ),
      )
    })
  })

  it('runs the RAG clock beside the statutory one only when the contact is rated', () => {
    const both = [clock('mash-decision'), clock('mash-decision-rag')]
    const rated = evaluateClocks(
      both,
      [
        event('contact.received', '2026-11-23T09:00:00Z', 'contact'),
        event('contact.rated', '2026-11-23T10:00:00Z', 'contact', {
          attributes: { urgency: 'amber', receivedAt: '2026-11-23T09:00:00Z' },
        }),
      ],
      '2026-11-23T11:00:00Z',
      cal,
    )
    // Both run from receipt: the statutory day to Tuesday's close, amber's 8 working hours to Monday's.
    expect(rated.instances.map((i) => [i.code, i.dueAt])).toEqual([
      ['mash-decision', '2026-11-24T17:00:00.000Z'],
      ['mash-decision-rag', '2026-11-23T17:00:00.000Z'],
    ])
    const unrated = evaluateClocks(
      both,
      [event('contact.received', '2026-11-23T10:00:00Z', 'contact')],
      now,
      cal,
    )
    expect(unrated.instances.map((i) => i.code)).toEqual(['mash-decision'])
  })

  it('matches start and stop on child and subject, not on subject id alone', () => {
    const result = evaluateClocks(
      mash,
      [
        event('contact.received', '2026-11-20T10:00:00Z', 'contact', { childId: 'C1' }),
        event('contact.received', '2026-11-20T10:00:00Z', 'contact', { childId: 'C2' }),
        event('contact.decided', '2026-11-20T11:00:00Z', 'contact', { childId: 'C2' }),
        event('contact.decided', '2026-11-20T11:00:00Z', 'assessment', { childId: 'C1' }), // another record's id
      ],
      now,
      cal,
    )
    expect(result.instances.map((i) => [i.childId, i.status])).toEqual([
      ['C1', 'due_soon'],
      ['C2', 'met'],
    ])
  })

  it('ignores events that name another subject type, even for the right event type', () => {
    const wrong = evaluateClocks(
      mash,
      [event('contact.received', '2026-11-20T10:00:00Z', 'assessment')],
      now,
      cal,
    )
    expect(wrong.instances).toEqual([])
    const untyped = evaluateClocks(
      mash,
      [
        {
          id: 1,
          childId: 'C1',
          subjectId: 'S1',
          type: 'contact.received',
          occurredAt: '2026-11-20T10:00:00Z',
        },
      ],
      now,
      cal,
    )
    expect(untyped.instances.map((i) => [i.code, i.subjectType])).toEqual([['mash-decision', 'contact']])
  })

  it.each([
    ['in order', ['d1', 'd2']],
    ['reversed', ['d2', 'd1']],
  ])('of two decisions at one instant the lower id stops the clock, given %s', (_why, order) => {
    const decided = order.map((id) => event('contact.decided', '2026-11-20T12:00:00Z', 'contact', { id }))
    const result = evaluateClocks(
      mash,
      [event('contact.received', '2026-11-20T10:00:00Z', 'contact', { id: 'r' }), ...decided],
      now,
      cal,
    )
    expect(result.instances.map((i) => i.stopEventId)).toEqual(['d1'])
    expect(result.ignored.map((i) => [i.eventId, i.reason])).toEqual([['d2', 'stop_without_start']])
  })

  it('is idempotent: the same event twice counts once; one id with two contents is reported', () => {
    const events = [
      event('contact.received', '2026-11-20T10:00:00Z', 'contact', { id: 'r' }),
      event('contact.decided', '2026-11-23T10:00:00Z', 'contact', { id: 'd' }),
    ]
    const once = evaluateClocks(mash, events, now, cal)
    expect(evaluateClocks(mash, [...events, ...events], now, cal)).toEqual(once)
    const clash = evaluateClocks(
      mash,
      [...events, event('contact.decided', '2026-11-25T10:00:00Z', 'contact', { id: 'd' })],
      now,
      cal,
    )
    expect(clash.ignored).toEqual([
      expect.objectContaining({ eventId: 'd', reason: 'conflicting_duplicate' }),
    ])
  })

  it('runs partnership clocks that are about no one child', () => {
    const minutes = STATUTORY_CLOCKS.filter((d) => d.code.startsWith('minutes-'))
    const result = evaluateClocks(
      minutes,
      [event('meeting.held', '2026-11-02T18:00:00Z', 'meeting', { childId: null })],
      now,
      cal,
    )
    expect(result.instances.map((i) => [i.code, i.childId, i.status])).toEqual([
      ['minutes-10wd', null, 'overdue'],
    ])
  })

  it('reports an event whose time has no offset instead of guessing', () => {
    const result = evaluateClocks(
      mash,
      [event('contact.received', '2026-11-20 10:00', 'contact', { id: 'bad' })],
      now,
      cal,
    )
    expect(result.instances).toEqual([])
    expect(result.ignored).toEqual([expect.objectContaining({ eventId: 'bad', reason: 'invalid_event' })])
  })

  // Properties over random histories of a few subjects.
  const types = [
    ['contact.received', 'contact'],
    ['contact.rated', 'contact'],
    ['contact.decided', 'contact'],
    ['contact.withdrawn', 'contact'],
    ['cp_plan.started', 'cp_plan'],
    ['cp_review.held', 'cp_plan'],
    ['cp_plan.ended', 'cp_plan'],
    ['care.started', 'period_of_care'],
    ['lac_review.held', 'period_of_care'],
    ['placement.started', 'period_of_care'],
    ['lac_visit.held', 'period_of_care'],
    ['complaint.received', 'complaint'],
    ['complaint.stage1_extended', 'complaint'],
    ['complaint.stage1_responded', 'complaint'],
    ['missing.returned', 'missing_episode'],
    ['rhi.offered', 'missing_episode'],
  ] as const
  const history = fc
    .array(
      fc.record({
        type: fc.constantFrom(...types),
        childId: fc.constantFrom('C1', 'C2'),
        subjectId: fc.constantFrom('S1', 'S2'),
        // often one of a few instants (so events share one), otherwise any hour over 400 days
        hour: fc.oneof(
          fc.integer({ min: 0, max: 7 }).map((n) => n * 12),
          fc.integer({ min: 0, max: 24 * 400 }),
        ),
        urgency: fc.constantFrom('red', 'amber', 'green', undefined),
      }),
      { minLength: 20, maxLength: 60 },
    )
    .map((list) =>
      list.map((e, i): CaseEvent => ({
        id: `e${i}`,
        childId: e.childId,
        subjectType: e.type[1],
        subjectId: e.subjectId,
        type: e.type[0],
        occurredAt: new Date(Date.UTC(2026, 0, 1) + e.hour * 3_600_000).toISOString(),
        attributes: e.urgency === undefined ? {} : { urgency: e.urgency },
      })),
    )

  it('property: the result does not depend on the order of the events, or on repeats', () => {
    const shuffledHistory = history.chain((events) =>
      fc.tuple(
        fc.constant(events),
        fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }),
      ),
    )
    fc.assert(
      fc.property(shuffledHistory, ([events, shuffled]) => {
        const expected = evaluateClocks(STATUTORY_CLOCKS, events, now, cal)
        expect(evaluateClocks(STATUTORY_CLOCKS, shuffled, now, cal)).toEqual(expected)
        expect(evaluateClocks(STATUTORY_CLOCKS, [...shuffled, ...events], now, cal)).toEqual(expected)
      }),
      { numRuns: 100 },
    )
  })

  it('property: every instance has a due time after its start, and a closed one is met exactly when stopped by then', () => {
    fc.assert(
      fc.property(history, (events) => {
        const { instances } = evaluateClocks(STATUTORY_CLOCKS, events, now, cal)
        expect(new Set(instances.map((i) => i.key)).size).toBe(instances.length)
        for (const i of instances) {
          expect(Date.parse(i.dueAt)).toBeGreaterThanOrEqual(Date.parse(i.startedAt))
          if (i.closedBy === 'stop')
            expect(i.status).toBe(Date.parse(i.stoppedAt ?? '') <= Date.parse(i.dueAt) ? 'met' : 'missed')
        }
      }),
      { numRuns: 100 },
    )
  })

  const plainClocks = STATUTORY_CLOCKS.filter(
    // A clock due on a date its start event names (`dueOn`) has no timescale to check here.
    (d) =>
      d.startEvent !== null &&
      d.byAttribute === undefined &&
      d.countFrom === undefined &&
      d.dueOn === undefined,
  )
  it('property: a clock stopped before it is due is met, after it is due missed', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...plainClocks),
        fc.integer({ min: Date.UTC(2015, 0, 1), max: Date.UTC(2034, 0, 1) }),
        fc.integer({ min: 0, max: 400 * 24 * 60 }),
        (definition, startMs, minutes) => {
          const startedAt = new Date(startMs).toISOString()
          const stoppedAt = new Date(startMs + minutes * 60_000).toISOString()
          const due = dueAt(definition, startedAt, cal)
          const result = evaluateClocks(
            [definition],
            [
              {
                id: 'start',
                childId: 1,
                subjectId: 1,
                type: definition.startEvent ?? '',
                occurredAt: startedAt,
              },
              { id: 'stop', childId: 1, subjectId: 1, type: definition.stopEvent, occurredAt: stoppedAt },
            ],
            now,
            cal,
          )
          const first = result.instances[0]
          expect(first?.dueAt).toBe(due)
          expect(first?.status).toBe(Date.parse(stoppedAt) <= Date.parse(due) ? 'met' : 'missed')
        },
      ),
    )
  })

  it('property: an open clock only moves forward from due to due soon to overdue', () => {
    const rank = { due: 0, due_soon: 1, overdue: 2 } as Record<string, number>
    fc.assert(
      fc.property(
        fc.constantFrom(...plainClocks),
        fc.integer({ min: Date.UTC(2015, 0, 1), max: Date.UTC(2034, 0, 1) }),
        fc.array(fc.integer({ min: 0, max: 400 * 24 }), { minLength: 2, maxLength: 6 }),
        (definition, startMs, hours) => {
          const [instance] = evaluateClocks(
            [definition],
            [
              {
                id: 1,
                childId: 1,
                subjectId: 1,
                type: definition.startEvent ?? '',
                occurredAt: new Date(startMs).toISOString(),
              },
            ],
            new Date(startMs),
            cal,
          ).instances
          if (instance === undefined) throw new Error('no clock started')
          const statuses = [...hours]
            .sort((a, b) => a - b)
            .map((h) => rank[statusAt(instance, new Date(startMs + h * 3_600_000))] ?? -1)
          expect(statuses).toEqual([...statuses].sort((a, b) => a - b))
          expect(Math.min(...statuses)).toBeGreaterThanOrEqual(0)
        },
      ),
    )
  })
})

describe('clock definitions', () => {
  it('bundles the statutory timescales', () => {
    const codes = STATUTORY_CLOCKS.map((d) => d.code)
    for (const code of [
      'mash-decision',
      'assessment-45wd',
      'icpc-15wd',
      'cp-review-first-3m',
      'cp-review-6m',
      'lac-review-20wd',
      'lac-review-3m',
      'lac-review-6m',
      'rhi-72h',
      'ehc-20w',
      'complaint-stage1-10wd',
      'complaint-stage2-25wd',
      'complaint-stage3-30wd',
      'rapid-review-15wd',
      'minutes-10wd',
    ])
      expect(codes).toContain(code)
    expect(codes).not.toContain('lac-review-1m')
  })

  const base = midnightDecision
  it.each([
    ['a duplicate code', [base, base], /defined twice/],
    ['an unknown follower', [{ ...base, then: 'nope' }], /unknown nope/],
    ['a clock that can never start', [{ ...base, startEvent: null }], /can never start/],
    [
      'clocks starting each other in a cycle',
      [
        { ...base, code: 'a', then: 'b' },
        { ...base, code: 'b', then: 'a' },
      ],
      /cycle/,
    ],
    [
      'an extension that is not longer',
      [{ ...base, extension: { event: 'contact.extended', length: 1 } }],
      /extension/,
    ],
    ['an unknown unit', [{ ...base, unit: 'fortnights' }], /unit/],
    [
      'an event type that is not process.happened',
      [{ ...base, stopEvent: 'ContactDecided' }],
      /process\.happened/,
    ],
  ])('rejects %s', (_why, list, message) => {
    expect(() => parseClockDefinitions(list)).toThrow(message)
  })

  it('accepts a clock that follows itself', () => {
    expect(parseClockDefinitions([{ ...base, then: 'mash-decision' }])).toHaveLength(1)
  })
})

describe('londonInstant: a time typed into a form', () => {
  it.each([
    ['2026-11-23', '14:30', '2026-11-23T14:30:00.000Z'], // GMT
    ['2026-07-01', '00:30', '2026-06-30T23:30:00.000Z'], // BST: the day before in UTC
    ['2026-03-29', '00:30', '2026-03-29T00:30:00.000Z'], // before the clocks go forward
    ['2026-03-29', '01:30', '2026-03-29T00:30:00.000Z'], // skipped: read an hour earlier
    ['2026-03-29', '02:30', '2026-03-29T01:30:00.000Z'],
    ['2026-10-25', '01:30', '2026-10-25T00:30:00.000Z'], // happens twice: the first
    ['2026-10-25', '02:30', '2026-10-25T02:30:00.000Z'],
  ])('%s %s is %s', (date, time, expected) => {
    expect(londonInstant(date, time).toISOString()).toBe(expected)
  })

  it('refuses a time not written like 14:30', () => {
    expect(() => londonInstant('2026-11-23', '2:30pm')).toThrow(RangeError)
  })
})
