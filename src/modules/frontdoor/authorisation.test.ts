import { describe, expect, it } from 'vitest'
import {
  authorisationProblem,
  authorisationRefusal,
  authorisationSchema,
  consentProblem,
  departsFromProtection,
  needsSecondPerson,
  OVERSIGHT_MIN,
  readAuthorisationSettings,
  recommendationProblem,
  recommendationSchema,
  transferOpensStrategyDiscussion,
  type AuthorisationSettings,
} from './authorisation.js'

const NONE_ALONE: AuthorisationSettings = {
  authoriserRoles: ['team_manager', 'service_manager'],
  decideAlone: [],
}
const LOW_ALONE: AuthorisationSettings = { ...NONE_ALONE, decideAlone: ['no_further_action', 'signpost'] }
const NOTE = 'x'.repeat(OVERSIGHT_MIN)

describe('who must authorise a decision', () => {
  it.each([
    ['1', 'no_further_action', NONE_ALONE, true],
    ['1', 'no_further_action', LOW_ALONE, false],
    ['2', 'signpost', LOW_ALONE, false],
    ['2', 'early_help', LOW_ALONE, true],
    // Level 3 or 4: always a second person, whatever the authority sets.
    ['3', 'no_further_action', LOW_ALONE, true],
    ['4', 'signpost', LOW_ALONE, true],
  ] as const)('level %s, %s → second person %s', (level, decision, settings, expected) => {
    expect(needsSecondPerson(level, decision, settings)).toBe(expected)
  })

  it('refuses the recommender and anyone below a manager', () => {
    expect(authorisationRefusal({ id: 7, role: 'team_manager' }, 7, NONE_ALONE)).toMatch(/another manager/)
    expect(authorisationRefusal({ id: 8, role: 'mash_social_worker' }, 7, NONE_ALONE)).toMatch(
      /Only a manager/,
    )
    expect(authorisationRefusal({ id: 8, role: 'team_manager' }, 7, NONE_ALONE)).toBeNull()
    expect(
      authorisationRefusal({ id: 8, role: 'team_manager' }, 7, {
        ...NONE_ALONE,
        authoriserRoles: ['service_manager'],
      }),
    ).toMatch(/Only a manager/)
  })

  it('refuses settings that name a role that cannot decide, or an outcome that opens a referral', () => {
    expect(() =>
      readAuthorisationSettings({ authoriserRoles: ['front_door_screener'], decideAlone: [] }),
    ).toThrow(/cannot decide/)
    expect(() =>
      readAuthorisationSettings({ authoriserRoles: ['team_manager'], decideAlone: ['referral'] }),
    ).toThrow()
    expect(
      readAuthorisationSettings({ authoriserRoles: ['team_manager'], decideAlone: ['signpost'] }),
    ).toEqual({
      authoriserRoles: ['team_manager'],
      decideAlone: ['signpost'],
    })
  })
})

describe('significant harm', () => {
  it.each([
    ['4', 'strategy_discussion', false, false],
    ['4', 'transfer', false, true],
    ['4', 'referral', true, false],
    ['4', 'no_further_action', true, false],
    ['3', 'referral', false, false],
    ['3', 'transfer', false, false],
  ] as const)(
    'level %s, %s: departs %s, opens a strategy discussion before the transfer %s',
    (level, decision, departs, opens) => {
      expect(departsFromProtection(level, decision)).toBe(departs)
      expect(transferOpensStrategyDiscussion(level, decision)).toBe(opens)
    },
  )

  it('needs the manager’s reason for no strategy discussion at level 4, and only then', () => {
    const authorise = {
      outcome: 'authorise' as const,
      oversightNote: NOTE,
      noStrategyReason: null,
      returnReason: null,
    }
    expect(authorisationProblem('4', 'referral', authorise)?.field).toBe('noStrategyReason')
    expect(
      authorisationProblem('4', 'referral', { ...authorise, noStrategyReason: 'Police already acting.' }),
    ).toBeNull()
    expect(authorisationProblem('4', 'strategy_discussion', authorise)).toBeNull()
    expect(authorisationProblem('3', 'referral', authorise)).toBeNull()
    expect(authorisationProblem('4', 'referral', { ...authorise, outcome: 'return' })).toBeNull()
  })
})

describe('consent', () => {
  it('refuses early help when the family refused consent, and asks why a referral overrides it', () => {
    expect(consentProblem('refused', 'early_help', null)?.kind).toBe('early_help_refused')
    expect(consentProblem('refused', 'early_help', 'Risk too high.')?.kind).toBe('early_help_refused')
    expect(consentProblem('refused', 'referral', null)?.kind).toBe('override_reason_needed')
    expect(consentProblem('refused', 'strategy_discussion', 'Risk of significant harm.')).toBeNull()
    expect(consentProblem('refused', 'no_further_action', null)).toBeNull()
    expect(consentProblem('given', 'early_help', null)).toBeNull()
  })

  it('points the recommendation’s error at the field that fixes it', () => {
    const base = recommendationSchema.parse({ decision: 'early_help', rationale: 'Needs support.' })
    expect(recommendationProblem('2', 'refused', base)?.field).toBe('decision')
    const referral = recommendationSchema.parse({ decision: 'referral', teamId: '2', rationale: 'Harm.' })
    expect(recommendationProblem('3', 'refused', referral)?.field).toBe('consentOverrideReason')
    expect(recommendationProblem('3', 'given', referral)).toBeNull()
    expect(recommendationProblem('1', 'given', referral)?.field).toBe('decisionReason')
  })
})

describe('the recommendation form', () => {
  it.each([
    [{ decision: 'no_further_action', rationale: 'ok' }, 'decisionReason'],
    [{ decision: 'referral', rationale: 'ok' }, 'teamId'],
    [{ decision: 'transfer', rationale: 'ok' }, 'transferAuthority'],
    [{ decision: 'early_help', rationale: '' }, 'rationale'],
    [{ decision: 'early_help', rationale: 'x'.repeat(4001) }, 'rationale'],
    [{ decision: 'adopt', rationale: 'ok' }, 'decision'],
  ])('refuses %j at %s', (body, field) => {
    const result = recommendationSchema.safeParse(body)
    expect(result.error?.issues.map((i) => i.path[0])).toContain(field)
  })

  it('reads the home authority under a transfer only', () => {
    const transfer = { decision: 'transfer', rationale: 'Family moved.', transferAuthority: 'Kent' }
    expect(recommendationSchema.parse(transfer).transferAuthority).toBe('Kent')
    expect(recommendationSchema.safeParse({ ...transfer, transferAuthority: 'x'.repeat(201) }).success).toBe(
      false,
    )
    for (const transferAuthority of ['Kent', 'x'.repeat(201)])
      expect(
        recommendationSchema.parse({ decision: 'early_help', rationale: 'ok', transferAuthority })
          .transferAuthority,
      ).toBeNull()
  })
})

describe('the manager’s answer', () => {
  it.each([
    [{}, 'outcome'],
    [{ outcome: 'authorise' }, 'oversightNote'],
    // "NFA" is not oversight.
    [{ outcome: 'authorise', oversightNote: 'NFA' }, 'oversightNote'],
    [{ outcome: 'return' }, 'returnReason'],
  ])('refuses %j at %s', (body, field) => {
    const result = authorisationSchema.safeParse(body)
    expect(result.error?.issues.map((i) => i.path[0])).toContain(field)
  })

  it('accepts a full oversight note, and ignores a return reason under authorise', () => {
    expect(
      authorisationSchema.parse({ outcome: 'authorise', oversightNote: NOTE, returnReason: 'x' }),
    ).toEqual({
      outcome: 'authorise',
      oversightNote: NOTE,
      noStrategyReason: null,
      returnReason: null,
    })
  })
})
