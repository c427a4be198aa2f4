import { describe, expect, it } from 'vitest'
import { BULK_DECISIONS, bulkDecisionSchema } from './bulk.js'
import { partnerStatus } from './partner-service.js'
import { contactReference } from './model.js'

describe("what a partner reads of each child's progress", () => {
  const at = new Date('2026-11-20T10:00:00Z')
  it.each([
    [{ status: 'awaiting_match', decision: null, feedback_at: null }, 'With the front door'],
    [{ status: 'in_triage', decision: null, feedback_at: null }, 'Being screened'],
    [{ status: 'routed_to_allocated_worker', decision: null, feedback_at: null }, 'Being screened'],
    [
      { status: 'routed_to_allocated_worker', decision: 'passed_to_allocated_worker', feedback_at: null },
      'Passed to the child’s social worker',
    ],
    [
      { status: 'decided', decision: 'early_help', feedback_at: null },
      'Decided: the front door will tell you the outcome',
    ],
    [{ status: 'decided', decision: 'early_help', feedback_at: at }, 'Decided: early help'],
    [
      { status: 'decided', decision: 'strategy_discussion', feedback_at: at },
      'Decided: strategy discussion (and referral)',
    ],
    [{ status: 'withdrawn', decision: null, feedback_at: null }, 'Closed by the front door'],
  ] as const)('%o reads “%s”', (row, text) => {
    expect(partnerStatus(row).text).toBe(text)
  })

  it('never shows a decision before feedback is recorded', () => {
    for (const decision of ['no_further_action', 'referral', 'strategy_discussion'])
      expect(partnerStatus({ status: 'decided', decision, feedback_at: null }).text).not.toMatch(
        /action|referral|strategy/i,
      )
  })
})

describe('a contact reference', () => {
  it('is the id padded to six digits', () => {
    expect(contactReference(42)).toBe('C-000042')
    expect(contactReference(1234567)).toBe('C-1234567')
  })
})

describe('the bulk decision form', () => {
  const valid = {
    contactChildIds: ['3', '5', '5'],
    thresholdLevel: '1',
    rag: 'green',
    decision: 'information_and_advice',
    decisionReason: '',
    rationale: 'Single incident, no injury, both parents engaging with support.',
  }
  const messages = (input: Record<string, unknown>) => {
    const r = bulkDecisionSchema.safeParse(input)
    return r.success ? [] : r.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`)
  }

  it('accepts a valid form, each child once', () => {
    const r = bulkDecisionSchema.parse(valid)
    expect(r.contactChildIds).toEqual([3, 5])
    expect(r.decisionReason).toBeNull()
  })

  it('takes a single selected notification as well as several', () => {
    expect(bulkDecisionSchema.parse({ ...valid, contactChildIds: '7' }).contactChildIds).toEqual([7])
  })

  it.each([
    [{ contactChildIds: undefined }, 'contactChildIds: Select at least one notification'],
    [{ contactChildIds: ['x'] }, 'contactChildIds: Select notifications from the list'],
    [{ thresholdLevel: '5' }, 'thresholdLevel: Select the level of need'],
    [{ rag: 'blue' }, 'rag: Select the urgency (red, amber or green)'],
    [
      { rationale: '  ' },
      'rationale: Enter your analysis: what you weighed and why this keeps the children safe',
    ],
    [{ decision: 'no_further_action' }, 'decisionReason: Enter the reason for no further action'],
    [
      { thresholdLevel: '2', decision: 'no_further_action' },
      'decisionReason: Enter the reason for no further action',
    ],
    [
      { thresholdLevel: '1', decision: 'early_help' },
      'decisionReason: This decision is outside the routes for level 1 need: enter the reason for it',
    ],
    [
      { thresholdLevel: '3', decision: 'early_help' },
      'thresholdLevel: Select level 1 or 2: a child at level 3 or 4 is decided on their own page',
    ],
    [
      { thresholdLevel: '4', decision: 'signpost' },
      'thresholdLevel: Select level 1 or 2: a child at level 3 or 4 is decided on their own page',
    ],
  ])('refuses %o', (change, message) => {
    expect(messages({ ...valid, ...change })).toContain(message)
  })

  it.each(['referral', 'strategy_discussion', 'transfer'])(
    'leaves %s to the single-child page',
    (decision) => {
      expect(BULK_DECISIONS).not.toContain(decision)
      expect(messages({ ...valid, decision })[0]).toMatch(/^decision: .*own decision page/)
    },
  )

  it('accepts a departure from the threshold with its reason', () => {
    expect(
      messages({
        ...valid,
        thresholdLevel: '1',
        decision: 'early_help',
        decisionReason: 'The family asked for support with the children’s routines',
      }),
    ).toEqual([])
  })
})
