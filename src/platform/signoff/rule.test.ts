import { describe, expect, it } from 'vitest'
import type { Role } from '../permissions/roles.js'
import { OVERSIGHT_MIN, signOffDecisionSchema, signOffRefusal, signOffRefusalText } from './rule.js'

const MANAGERS: readonly Role[] = ['team_manager', 'service_manager']

describe('who may sign off', () => {
  it.each<[string, { id: number; role: Role }, number, readonly Role[], ReturnType<typeof signOffRefusal>]>([
    ['a team manager, on a worker’s request', { id: 2, role: 'team_manager' }, 1, MANAGERS, null],
    ['a service manager, on a worker’s request', { id: 3, role: 'service_manager' }, 1, MANAGERS, null],
    ['the manager who asked', { id: 2, role: 'team_manager' }, 2, MANAGERS, 'own_request'],
    ['a social worker', { id: 4, role: 'social_worker' }, 1, MANAGERS, 'not_an_authoriser'],
    ['the social worker who asked', { id: 1, role: 'social_worker' }, 1, MANAGERS, 'not_an_authoriser'],
    ['a partner practitioner', { id: 5, role: 'partner_practitioner' }, 1, MANAGERS, 'not_an_authoriser'],
    [
      'a team manager where only service managers may',
      { id: 2, role: 'team_manager' },
      1,
      ['service_manager'],
      'not_an_authoriser',
    ],
    ['an administrator', { id: 6, role: 'administrator' }, 1, MANAGERS, 'not_an_authoriser'],
  ])('%s', (_name, actor, askedBy, roles, expected) => {
    expect(signOffRefusal(actor, askedBy, roles)).toBe(expected)
  })

  it('says why in words', () => {
    expect(signOffRefusalText('own_request', 'this assessment')).toBe(
      'You sent this assessment for authorisation, so another manager must authorise it.',
    )
    expect(signOffRefusalText('not_an_authoriser', 'this assessment')).toBe(
      'Only a manager can authorise this assessment.',
    )
  })
})

describe('the manager’s answer', () => {
  const note = 'Read the assessment and the child’s words; the plan follows from the analysis.'
  it.each<[string, Record<string, string>, unknown]>([
    [
      'authorised with a full note',
      { outcome: 'authorise', oversightNote: note },
      { outcome: 'authorise', oversightNote: note },
    ],
    [
      'returned with a reason',
      { outcome: 'return', returnReason: 'See the father too.' },
      { outcome: 'return', returnReason: 'See the father too.' },
    ],
    [
      'a return reason under authorise is left out',
      { outcome: 'authorise', oversightNote: note, returnReason: 'x' },
      { outcome: 'authorise', oversightNote: note },
    ],
  ])('%s', (_name, answers, expected) => {
    expect(signOffDecisionSchema.parse(answers)).toEqual(expected)
  })

  it.each<[string, Record<string, string>, string, RegExp]>([
    ['no choice', {}, 'outcome', /Select whether/],
    [
      'authorised without a note',
      { outcome: 'authorise' },
      'oversightNote',
      /Enter the management oversight note/,
    ],
    [
      'authorised with a word',
      { outcome: 'authorise', oversightNote: 'Agreed' },
      'oversightNote',
      new RegExp(`at least ${OVERSIGHT_MIN}`),
    ],
    ['returned without a reason', { outcome: 'return', oversightNote: note }, 'returnReason', /Enter why/],
  ])('refuses %s', (_name, answers, field, message) => {
    const result = signOffDecisionSchema.safeParse(answers)
    expect(result.success).toBe(false)
    expect(result.error?.issues[0]?.path).toEqual([field])
    expect(result.error?.issues[0]?.message).toMatch(message)
  })
})
