import { describe, expect, it } from 'vitest'
import { allow, type AccessGrant, type Actor, type ChildRecord } from './allow.js'
import { CASEWORK_READING_RELATIONSHIPS, caseworkReading, caseworkReadingBasis } from './casework.js'
import { RELATIONSHIPS } from './relationships.js'
import { ROLES } from './roles.js'

const NOW = new Date('2026-12-01T12:00:00Z')
const REFUSAL = 'Case notes are for the council’s own casework.'

const actor = (role: Actor['role'], id = 5): Actor => ({
  id,
  role,
  teamId: 10,
  agency: null,
  managedTeamIds: [],
})
const grant = (basis: string, userId: number | null = 5, teamId: number | null = null): AccessGrant => ({
  userId,
  teamId,
  basis,
  expiresAt: null,
  revokedAt: null,
})
const child = (grants: AccessGrant[], extra: Partial<ChildRecord> = {}): ChildRecord => ({
  childId: 1,
  restricted: false,
  deleted: false,
  grants,
  staffLinks: [],
  ...extra,
})

describe('who reads a child’s casework', () => {
  it.each<[string, Actor, ChildRecord, string | null]>([
    ['the allocated worker', actor('social_worker'), child([grant('allocated_worker')]), 'allocated_worker'],
    [
      'a colleague in the allocated team',
      actor('social_worker'),
      child([grant('allocated_team', null, 10)]),
      'allocated_team',
    ],
    [
      'a screener checking history',
      actor('front_door_screener'),
      child([grant('allocated_worker', 99)]),
      'front_door',
    ],
    [
      'a service manager',
      actor('service_manager'),
      child([grant('allocated_worker', 99)]),
      'service_oversight',
    ],
    ['a worker with no link', actor('social_worker'), child([grant('allocated_worker', 99)]), null],
    [
      'a social worker in a strategy discussion only',
      actor('social_worker'),
      child([grant('process_participant')]),
      null,
    ],
    ['a partner in a conference', actor('partner_practitioner'), child([grant('process_participant')]), null],
    ['a partner agency lead', actor('partner_practitioner'), child([grant('agency_lead')]), null],
    [
      'a partner even with a named grant to a restricted record',
      actor('partner_practitioner'),
      child([grant('restriction_grant')], { restricted: true }),
      null,
    ],
    [
      'a worker with emergency access',
      actor('social_worker'),
      child([grant('break_glass')], { restricted: true }),
      'break_glass',
    ],
    [
      'anyone, once the record is deleted',
      actor('social_worker'),
      child([grant('allocated_worker')], { deleted: true }),
      null,
    ],
  ])('%s', (_who, a, c, basis) => {
    expect(caseworkReadingBasis(a, c, NOW)).toBe(basis)
  })

  it('reads a time-boxed grant against the time it is given: expired at exactly its end', () => {
    const expiring = child([{ ...grant('restriction_grant'), expiresAt: NOW }])
    expect(caseworkReadingBasis(actor('social_worker'), expiring, new Date(NOW.getTime() - 1))).toBe(
      'restriction_grant',
    )
    expect(caseworkReadingBasis(actor('social_worker'), expiring, NOW)).toBeNull()
  })

  it('is never wider than viewing the record, for any role and single relationship', () => {
    for (const role of ROLES)
      for (const basis of RELATIONSHIPS)
        for (const restricted of [false, true]) {
          const c = child([grant(basis, 5, basis === 'allocated_team' ? 10 : null)], { restricted })
          const read = caseworkReadingBasis(actor(role), c, NOW)
          if (read === null) continue
          expect(allow(actor(role), 'child.view', c, NOW).allowed, `${role} ${basis}`).toBe(true)
          expect(CASEWORK_READING_RELATIONSHIPS).toContain(read)
        }
  })
})

describe('deciding a route on a child’s casework', () => {
  it('allows on the casework basis, naming it', () => {
    expect(caseworkReading(actor('social_worker'), child([grant('allocated_worker')]), NOW, REFUSAL)).toEqual(
      {
        allowed: true,
        basis: 'allocated_worker',
        reason: 'Allowed as the allocated worker.',
      },
    )
  })

  it('refuses someone who may open the record but not its casework, in the words given', () => {
    expect(
      caseworkReading(actor('partner_practitioner'), child([grant('process_participant')]), NOW, REFUSAL),
    ).toEqual({ allowed: false, basis: null, reason: REFUSAL })
  })

  it('refuses someone who may not open the record as the record’s own rule does', () => {
    const c = child([grant('allocated_worker', 99)])
    const decision = caseworkReading(actor('social_worker'), c, NOW, REFUSAL)
    expect(decision).toEqual(allow(actor('social_worker'), 'child.view', c, NOW))
    expect(decision.allowed).toBe(false)
    expect(decision.reason).not.toBe(REFUSAL)
  })
})
