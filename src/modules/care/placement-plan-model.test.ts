import { describe, expect, it } from 'vitest'
import { evaluateClocks, STATUTORY_CLOCKS } from '../../platform/calendar/clocks.js'
import { londonInstant } from '../../platform/calendar/dates.js'
import { englandAndWales as calendar } from '../../platform/calendar/working-days.js'
import {
  carerLinkRefusal,
  delegateName,
  delegateNoteName,
  DELEGATED_DECISIONS,
  delegationChanges,
  PLAN_SECTIONS,
  planRefusal,
  planSchema,
  planSummary,
  PLACEMENT_PLAN_CLOCK,
  PLACEMENT_PLAN_EVENTS,
} from './placement-plan-model.js'

const NOW = new Date('2026-04-15T12:00:00Z')

const answers = (over: Record<string, string> = {}): Record<string, string> => ({
  'agreed-day': '5',
  'agreed-month': '3',
  'agreed-year': '2026',
  ...Object.fromEntries(PLAN_SECTIONS.map((s) => [s.key, `${s.label}: as agreed`])),
  ...Object.fromEntries(DELEGATED_DECISIONS.map((d) => [delegateName(d.code), 'carer'])),
  ...over,
})

const messages = (result: ReturnType<ReturnType<typeof planSchema>['safeParse']>) =>
  result.success ? [] : result.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`)

describe('the plan form', () => {
  it('reads a whole plan: the date, each section trimmed, each decision and its note', () => {
    const parsed = planSchema(NOW).parse(
      answers({ routines: '  Bed at 8.  ', [delegateNoteName('haircuts')]: ' No dye ' }),
    )
    expect(parsed.agreedOn).toBe('2026-03-05')
    expect(parsed.sections.routines).toBe('Bed at 8.')
    expect(parsed.delegated).toHaveLength(8)
    expect(parsed.delegated[0]).toEqual({ decision: 'haircuts', decidedBy: 'carer', note: 'No dye' })
    expect(parsed.delegated[1]).toEqual({ decision: 'school_trips', decidedBy: 'carer', note: null })
  })

  it('names every problem at once, the date with the rest', () => {
    const result = planSchema(NOW).safeParse(
      answers({
        'agreed-day': '',
        'agreed-month': '',
        'agreed-year': '',
        health: ' ',
        [delegateName('holidays_abroad')]: 'grandmother',
        [delegateNoteName('school_trips')]: 'x'.repeat(501),
      }),
    )
    expect(messages(result)).toEqual([
      'agreed-day: Enter the date the plan was agreed',
      'health: Enter the health needs and medication',
      'da-school_trips-note: A note must be 500 characters or fewer',
      'da-holidays_abroad: Select who decides: holidays abroad',
    ])
  })

  it('refuses a date in the future or that is not a date, and a section over 4000 characters', () => {
    expect(messages(planSchema(NOW).safeParse(answers({ 'agreed-day': '16', 'agreed-month': '4' })))).toEqual(
      ['agreed-day: The date agreed must be today or in the past'],
    )
    expect(messages(planSchema(NOW).safeParse(answers({ 'agreed-day': '31', 'agreed-month': '2' })))).toEqual(
      ['agreed-day: The date agreed must be a real date'],
    )
    expect(messages(planSchema(NOW).safeParse(answers({ missing: 'x'.repeat(4001) })))).toEqual([
      'missing: If the child goes missing must be 4000 characters or fewer',
    ])
    expect(planSchema(NOW).safeParse(answers({ missing: 'x'.repeat(4000) })).success).toBe(true)
  })
})

describe('a new version', () => {
  it('needs a current placement', () => {
    expect(planRefusal({ placementStart: null, lastAgreedOn: null }, '2026-03-05')?.field).toBe('form')
  })

  it('is agreed on or after the placement began and the last version', () => {
    const state = { placementStart: '2026-03-02', lastAgreedOn: '2026-03-05' }
    expect(planRefusal({ ...state, lastAgreedOn: null }, '2026-03-02')).toBeNull()
    expect(planRefusal({ ...state, lastAgreedOn: null }, '2026-03-01')).toEqual({
      field: 'agreed-day',
      message: 'The date agreed must be on or after 2 March 2026, when the placement began',
    })
    expect(planRefusal(state, '2026-03-05')).toBeNull()
    expect(planRefusal(state, '2026-03-04')?.message).toBe(
      'The date agreed must be on or after 5 March 2026, when the last version was agreed',
    )
  })

  it('says in the chronology which decisions moved to someone else', () => {
    const before = [
      { decision: 'haircuts', decided_by: 'carer' },
      { decision: 'holidays_abroad', decided_by: 'carer' },
    ]
    const after = [
      { decision: 'haircuts', decidedBy: 'carer' },
      { decision: 'holidays_abroad', decidedBy: 'social_worker' },
      { decision: 'school_trips', decidedBy: 'parent' },
    ]
    const changes = delegationChanges(before, after)
    expect(changes).toEqual(['Holidays abroad: now the social worker'])
    expect(planSummary(1, '2026-03-05', [])).toBe(
      'Placement plan and delegated authority agreed on 5 March 2026',
    )
    expect(planSummary(2, '2026-04-01', changes)).toBe(
      'Placement plan version 2 agreed on 1 April 2026; delegated authority changed (Holidays abroad: now the social worker)',
    )
  })
})

describe('who may be given sight of the plan', () => {
  it('is an active carer’s account not already linked', () => {
    expect(carerLinkRefusal({ role: 'carer', disabled: false, linked: false })).toBeNull()
    expect(carerLinkRefusal(null)?.message).toBe('Select a carer’s account')
    expect(carerLinkRefusal({ role: 'partner_practitioner', disabled: false, linked: false })?.field).toBe(
      'userId',
    )
    expect(carerLinkRefusal({ role: 'carer', disabled: true, linked: false })?.field).toBe('userId')
    expect(carerLinkRefusal({ role: 'carer', disabled: false, linked: true })?.message).toBe(
      'This carer can already see the plan',
    )
  })
})

describe('the placement plan’s clock', () => {
  const definition = STATUTORY_CLOCKS.find((d) => d.code === PLACEMENT_PLAN_CLOCK)
  if (!definition) throw new Error(`${PLACEMENT_PLAN_CLOCK} is not defined`)
  // As the care service records them: a placement from the start of its London day, a plan at noon.
  let n = 0
  const event = (type: string, occurredAt: string) => ({
    id: String(++n),
    childId: 7,
    subjectType: 'period_of_care',
    subjectId: '3',
    type,
    occurredAt,
    attributes: {},
  })
  const placed = (day: string) => event('placement.started', londonInstant(day, '00:00').toISOString())
  const planned = (day: string) =>
    event(PLACEMENT_PLAN_EVENTS.recorded, londonInstant(day, '12:00').toISOString())
  const run = (events: ReturnType<typeof event>[], now: string) =>
    evaluateClocks([definition], events, new Date(now), calendar).instances.map((i) => [i.dueAt, i.status])

  it.each<[string, string, string]>([
    // Tuesday 3 March 2026 (GMT): 4, 5, 6, 9 and 10 March.
    ['an ordinary week', '2026-03-03', '2026-03-10T23:59:59.999Z'],
    // Thursday 2 April 2026 (BST): Good Friday and Easter Monday skipped: 7, 8, 9, 10 and 13 April.
    ['across Easter', '2026-04-02', '2026-04-13T22:59:59.999Z'],
    // Friday 18 December 2026: Christmas Day and Boxing Day (observed Monday 28th) skipped.
    ['across Christmas', '2026-12-18', '2026-12-29T23:59:59.999Z'],
    // Saturday 2 May 2026: the early May bank holiday (Monday 4th) skipped: 5 to 8 and 11 May.
    ['from a weekend, across the May bank holiday', '2026-05-02', '2026-05-11T22:59:59.999Z'],
  ])('%s: placed %s, due %s', (_case, day, due) => {
    expect(run([placed(day)], '2027-06-01T00:00:00Z')).toEqual([[due, 'overdue']])
  })

  it('is met by a plan agreed by the due day, missed by one after it', () => {
    expect(run([placed('2026-04-02'), planned('2026-04-13')], '2026-05-01T00:00:00Z')).toEqual([
      ['2026-04-13T22:59:59.999Z', 'met'],
    ])
    expect(run([placed('2026-04-02'), planned('2026-04-14')], '2026-05-01T00:00:00Z')).toEqual([
      ['2026-04-13T22:59:59.999Z', 'missed'],
    ])
  })

  it('starts again with each new placement, and closes when care ends', () => {
    // Moved on Wednesday 8 April before a plan was agreed: the new placement's plan is due 15 April.
    expect(
      run([placed('2026-04-02'), placed('2026-04-08'), planned('2026-04-10')], '2026-05-01T00:00:00Z'),
    ).toEqual([
      ['2026-04-13T22:59:59.999Z', 'cancelled'],
      ['2026-04-15T22:59:59.999Z', 'met'],
    ])
    // A later version of the same placement's plan starts nothing.
    expect(
      run([placed('2026-04-02'), planned('2026-04-03'), planned('2026-04-20')], '2026-05-01T00:00:00Z'),
    ).toEqual([['2026-04-13T22:59:59.999Z', 'met']])
    expect(
      run([placed('2026-04-02'), event('care.ended', '2026-04-07T22:59:59.999Z')], '2026-05-01T00:00:00Z'),
    ).toEqual([['2026-04-13T22:59:59.999Z', 'cancelled']])
  })
})
