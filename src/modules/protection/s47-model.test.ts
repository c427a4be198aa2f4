/**
 * Section 47 and conference rules: the 15-working-day ICPC clock (from the definitions, through
 * the clock engine, across Christmas), dates out of order, and a decision per child.
 * Friday 11 December 2026: 25 and 28 December and 1 January are bank holidays.
 */
import { describe, expect, it } from 'vitest'
import { evaluateClocks, STATUTORY_CLOCKS } from '../../platform/calendar/clocks.js'
import { englandAndWales } from '../../platform/calendar/working-days.js'
import { checkAnswers } from '../../platform/http/form.js'
import { accessUntil, conferenceDateProblem, conferenceHeldSchema } from './conference-model.js'
import { heldSchema, startsS47 } from './model.js'
import { childSeenSchema, icpcDueDate, s47OutcomeSchema, S47_CLOCK } from './s47-model.js'

const start = '2026-12-11'

describe('the initial conference clock (icpc-15wd)', () => {
  it('is due 15 working days after the strategy discussion, skipping Christmas and New Year', () => {
    expect(icpcDueDate(englandAndWales, start)).toBe('2027-01-06')
    // A Monday start with no holidays: three weeks later.
    expect(icpcDueDate(englandAndWales, '2026-03-02')).toBe('2026-03-23')
  })

  it('runs from s47.started to icpc.held in the clock engine, cancelled when no conference is needed', () => {
    const started = {
      id: '1',
      childId: '7',
      subjectType: 's47',
      subjectId: '3',
      type: 's47.started',
      occurredAt: '2026-12-11T09:00:00.000Z',
      attributes: {},
    }
    const open = evaluateClocks(STATUTORY_CLOCKS, [started], '2026-12-14T09:00:00Z', englandAndWales)
    const icpc = open.instances.find((i) => i.code === S47_CLOCK)
    expect(icpc?.dueDate).toBe('2027-01-06')
    expect(icpc?.stoppedAt).toBeUndefined()
    const held = { ...started, id: '2', type: 'icpc.held', occurredAt: '2027-01-05T10:00:00.000Z' }
    const stopped = evaluateClocks(STATUTORY_CLOCKS, [started, held], '2027-01-05T12:00:00Z', englandAndWales)
    expect(stopped.instances.find((i) => i.code === S47_CLOCK)?.stoppedAt).toBe('2027-01-05T10:00:00.000Z')
    const none = {
      ...started,
      id: '2',
      type: 's47.ended_no_conference',
      occurredAt: '2026-12-18T10:00:00.000Z',
    }
    const cancelled = evaluateClocks(
      STATUTORY_CLOCKS,
      [started, none],
      '2026-12-18T12:00:00Z',
      englandAndWales,
    )
    const c = cancelled.instances.find((i) => i.code === S47_CLOCK)
    expect(c?.closedBy).toBe('cancel')
  })
})

describe('the strategy discussion outcomes', () => {
  it('starts a section 47 enquiry on a joint or single enquiry and on immediate protection only', () => {
    expect(['s47_joint', 's47_single', 'immediate_protection'].every((o) => startsS47(o as never))).toBe(true)
    expect(['cin_assessment', 'early_help', 'no_further_action'].some((o) => startsS47(o as never))).toBe(
      false,
    )
  })

  const base = {
    'held-day': '11',
    'held-month': '12',
    'held-year': '2026',
    'held-time': '09:00',
    'participant-0-agency': 'social_care',
    'participant-0-name': 'Amara Lewis',
    'participant-1-agency': 'police',
    'participant-1-name': 'DC Sam Turner',
    'participant-1-shared': 'Two call-outs to the address this year.',
    'participant-2-agency': 'health',
    'participant-2-name': 'Nia Barker',
  }
  const schema = heldSchema(new Date('2026-12-11T10:00:00Z'), new Date('2026-12-11T08:00:00Z'))

  it('asks which kind of immediate protection, and keeps what each agency shared', () => {
    const missing = checkAnswers(schema, { ...base, outcome: 'immediate_protection' })
    expect(missing.ok ? [] : missing.errors.list).toEqual([
      { text: 'Select police protection or an emergency protection order', href: '#immediateProtection' },
    ])
    const ok = checkAnswers(schema, {
      ...base,
      outcome: 'immediate_protection',
      immediateProtection: 'police_protection',
    })
    expect(ok.ok && ok.data.immediateProtection).toBe('police_protection')
    expect(ok.ok && ok.data.participants[1]?.shared).toBe('Two call-outs to the address this year.')
    const joint = checkAnswers(schema, {
      ...base,
      outcome: 's47_joint',
      immediateProtection: 'police_protection',
    })
    expect(joint.ok && joint.data.immediateProtection).toBe(null)
  })
})

describe('section 47 dates', () => {
  it('refuses the child seen before the enquiry started, or in the future', () => {
    const s = childSeenSchema('2026-12-14', start)
    const before = checkAnswers(s, {
      'seen-day': '10',
      'seen-month': '12',
      'seen-year': '2026',
      seenAlone: 'yes',
    })
    expect(before.ok ? [] : before.errors.list.map((e) => e.text)).toEqual([
      'Date the child was seen must be on or after 11 December 2026, when the section 47 enquiry started',
    ])
    const future = checkAnswers(s, {
      'seen-day': '15',
      'seen-month': '12',
      'seen-year': '2026',
      seenAlone: 'no',
    })
    expect(future.ok).toBe(false)
    const ok = checkAnswers(s, {
      'seen-day': '11',
      'seen-month': '12',
      'seen-year': '2026',
      seenAlone: 'yes',
    })
    expect(ok.ok && ok.data).toEqual({ seenOn: '2026-12-11', seenAlone: true })
  })

  it('asks why when no conference is needed', () => {
    const s = s47OutcomeSchema()
    const answers = { outcome: 'not_substantiated', likelyHarm: 'no', conferenceNeeded: 'no' }
    const r = checkAnswers(s, answers)
    expect(r.ok ? [] : r.errors.list.map((e) => e.text)).toEqual(['Enter why a conference is not needed'])
    const ok = checkAnswers(s, { ...answers, noConferenceReason: 'Support as a child in need.' })
    expect(ok.ok && ok.data.noConferenceReason).toBe('Support as a child in need.')
  })
})

describe('conferences', () => {
  const children = [
    { childId: 1, name: 'Ava Holloway', s47StartDate: '2026-12-11' },
    { childId: 2, name: 'Leo Holloway', s47StartDate: '2026-12-14' },
  ]

  it('refuses a conference before any child’s section 47 enquiry started', () => {
    expect(conferenceDateProblem('2026-12-12', children)).toBe(
      'The conference cannot be before Leo Holloway’s section 47 enquiry started (14 December 2026)',
    )
    expect(conferenceDateProblem('2026-12-14', children)).toBe(null)
  })

  it('gives partners access until the end of the 10th working day after the meeting', () => {
    expect(accessUntil(englandAndWales, '2027-01-05').toISOString()).toBe('2027-01-19T23:59:59.999Z')
    // In summer time the London day ends at 22:59:59.999 UTC.
    expect(accessUntil(englandAndWales, '2026-06-01').toISOString()).toBe('2026-06-15T22:59:59.999Z')
  })

  it('needs a decision for each child, and a category of abuse with a plan', () => {
    const schema = conferenceHeldSchema(new Date('2027-01-05T12:00:00Z'), 'initial', children, [9])
    const answers = {
      'held-day': '5',
      'held-month': '1',
      'held-year': '2027',
      'held-time': '10:00',
      childParticipation: 'views_through_advocate',
      familyParticipation: 'attended',
      'attendance-9': 'attended',
      'decision-1': 'plan',
      'decision-2': 'no_plan',
    }
    const r = checkAnswers(schema, answers)
    expect(r.ok ? [] : r.errors.list).toEqual([
      { text: 'Select the category of abuse for Ava Holloway', href: '#category-1' },
    ])
    const ok = checkAnswers(schema, { ...answers, 'category-1': 'NEG', 'category-2': 'PHY' })
    expect(ok.ok && ok.data.decisions).toEqual([
      { childId: 1, decision: 'plan', category: 'NEG', endReason: null },
      { childId: 2, decision: 'no_plan', category: null, endReason: null },
    ])
    const early = checkAnswers(schema, {
      ...answers,
      'category-1': 'NEG',
      'held-day': '12',
      'held-month': '12',
      'held-year': '2026',
    })
    expect(early.ok ? [] : early.errors.list.map((e) => e.text)).toEqual([
      'The conference cannot be before Leo Holloway’s section 47 enquiry started (14 December 2026)',
    ])
  })

  it('asks a review for continue or end, with the reason a plan ends', () => {
    const schema = conferenceHeldSchema(
      new Date('2027-04-01T12:00:00Z'),
      'review',
      [children[0] as never],
      [],
    )
    const r = checkAnswers(schema, {
      'held-day': '1',
      'held-month': '4',
      'held-year': '2027',
      'held-time': '10:00',
      childParticipation: 'attended',
      familyParticipation: 'attended',
      'decision-1': 'end',
    })
    expect(r.ok ? [] : r.errors.list.map((e) => e.text)).toEqual(['Select why Ava Holloway’s plan ends'])
  })
})
