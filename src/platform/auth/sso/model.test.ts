import { describe, expect, it } from 'vitest'
import {
  classifyTokenError,
  groupMappingSchema,
  groupsFrom,
  groupsOverflowed,
  placementFor,
  usernameBase,
} from './model.js'

const mappings = [
  { id: 3, groupId: 'g-managers', role: 'team_manager', teamId: 7 },
  { id: 1, groupId: 'g-social', role: 'social_worker', teamId: null },
  { id: 5, groupId: 'g-retired-role', role: 'no_such_role', teamId: null },
]

describe('placementFor', () => {
  it.each([
    [['g-social'], { role: 'social_worker', teamId: null, groupId: 'g-social' }],
    [['g-managers'], { role: 'team_manager', teamId: 7, groupId: 'g-managers' }],
    // In two mapped groups: the mapping added first (lowest id) decides, whatever the token's order.
    [['g-managers', 'g-social'], { role: 'social_worker', teamId: null, groupId: 'g-social' }],
    [['g-other'], null],
    [[], null],
    // A mapping to a role Haven does not know gives nothing (deny by default).
    [['g-retired-role'], null],
  ])('%j gives %j', (groups, expected) => {
    expect(placementFor(groups, mappings)).toEqual(expected)
  })
})

describe('the groups claim', () => {
  it('reads an array, a single string, or nothing', () => {
    expect(groupsFrom({ groups: ['a', 1, 'b'] }, 'groups')).toEqual(['a', 'b'])
    expect(groupsFrom({ roles: 'a' }, 'roles')).toEqual(['a'])
    expect(groupsFrom({}, 'groups')).toEqual([])
  })
  it('notices when Entra ID left the groups out for being too many', () => {
    expect(groupsOverflowed({ _claim_names: { groups: 'src1' } }, 'groups')).toBe(true)
    expect(groupsOverflowed({ groups: ['a'] }, 'groups')).toBe(false)
  })
})

describe('usernameBase', () => {
  it.each([
    [{ preferred_username: 'Jo.Bloggs@council.gov.uk' }, 'jo.bloggs'],
    [{ email: 'siân.o’neill@council.gov.uk' }, 'sian.o.neill'],
    [{ name: 'Al' }, 'sso.al'],
    [{}, 'sso.user'],
  ])('%j → %s', (claims, expected) => {
    const name = usernameBase(claims)
    expect(name).toBe(expected)
    expect(name).toMatch(/^[a-z0-9][a-z0-9._-]{2,63}$/)
  })
})

describe('classifyTokenError', () => {
  // The shape openid-client throws: its own error, caused by oauth4webapi's, whose cause names the claim.
  const wrapped = (code: string, message: string, claim?: string) => ({
    code,
    message: 'wrapped',
    cause: { code, message, cause: claim ? { claim } : {} },
  })
  it.each([
    [wrapped('OAUTH_INVALID_RESPONSE', 'JWT signature verification failed'), 'bad_signature'],
    [wrapped('OAUTH_KEY_SELECTION_FAILED', 'no applicable key'), 'bad_signature'],
    [wrapped('OAUTH_JWT_CLAIM_COMPARISON_FAILED', 'unexpected aud', 'aud'), 'wrong_audience'],
    [wrapped('OAUTH_JWT_CLAIM_COMPARISON_FAILED', 'unexpected iss', 'iss'), 'wrong_issuer'],
    [wrapped('OAUTH_JWT_CLAIM_COMPARISON_FAILED', 'unexpected nonce', 'nonce'), 'wrong_nonce'],
    [wrapped('OAUTH_JWT_TIMESTAMP_CHECK_FAILED', 'expired', 'exp'), 'token_expired'],
    [wrapped('OAUTH_JWT_TIMESTAMP_CHECK_FAILED', 'not before', 'nbf'), 'token_not_yet_valid'],
    [new Error('anything else'), 'token_rejected'],
  ])('%j is %s', (err, expected) => {
    expect(classifyTokenError(err)).toBe(expected)
  })
})

describe('groupMappingSchema', () => {
  it('accepts a group, a role and an optional team', () => {
    expect(groupMappingSchema.parse({ groupId: ' 0b7f3c1e-5d2a ', role: 'auditor', teamId: '' })).toEqual({
      groupId: '0b7f3c1e-5d2a',
      role: 'auditor',
      teamId: null,
    })
    expect(groupMappingSchema.parse({ groupId: 'g', role: 'auditor', teamId: '4' }).teamId).toBe(4)
  })
  it.each([
    [{ groupId: '', role: 'auditor' }, 'Enter the group’s ID'],
    [{ groupId: 'two words', role: 'auditor' }, 'without spaces'],
    [{ groupId: 'g', role: 'king' }, 'Choose the role'],
    [{ groupId: 'g', role: 'auditor', teamId: 'x' }, 'Choose a team'],
  ])('refuses %j', (input, message) => {
    const result = groupMappingSchema.safeParse(input)
    expect(result.success).toBe(false)
    expect(result.error?.issues[0]?.message).toContain(message)
  })
})
