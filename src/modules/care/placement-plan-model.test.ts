import { describe, expect, it } from 'vitest'
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
