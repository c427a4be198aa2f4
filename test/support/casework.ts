/**
 * Typed factories for tests of children's casework (case notes, documents, assessments, section 47
 * enquiries and conferences, plans, sign-off), built on the seeded demo authority and its users:
 * a member of staff by username, a signed-in browser, people, a family of brothers and sisters
 * with a parent in common and their cases open with a worker, a referral allocated to a worker,
 * and a grant to a child's record (time-boxed where a test needs it to end).
 */
import { expect } from 'vitest'
import type { GrantBasis } from '../../src/platform/permissions/relationships.js'
import { openCaseWith } from './frontdoor.js'
import { Browser, type TestApp } from './web.js'

export interface PersonSpec {
  given: string
  family: string
  kind?: 'child' | 'adult'
  dob?: string | null
}

/** A child in a family: the family's name is the family's. */
export interface ChildSpec {
  given: string
  dob: string
}

/** The brother and sister most tests follow, and their mother. */
export const AVA: ChildSpec = { given: 'Ava', dob: '2016-05-01' }
export const LEO: ChildSpec = { given: 'Leo', dob: '2019-09-12' }
export const SOPHIE: ChildSpec = { given: 'Sophie', dob: '1990-02-02' }

/** A conference form's date and time fields, in 2026. */
export const scheduledIn2026 = (d: string, m: string, time = '10:00') => ({
  'scheduled-day': d,
  'scheduled-month': m,
  'scheduled-year': '2026',
  'scheduled-time': time,
})

export interface FamilyOptions {
  /** The children's parent, recorded as their mother, living with them. */
  parent?: ChildSpec
  /** Whose cases the children's are (allocated worker and team); null leaves them unallocated. */
  caseWith?: string | null
}

export function caseworkFactory(t: () => TestApp) {
  const db = () => t().database.db

  /** A browser signed in as a demo account (the sign-in must succeed). */
  async function signedIn(username: string): Promise<Browser> {
    const b = new Browser(t().app)
    const res = await b.signIn(username)
    expect(res.statusCode, `${username} signs in`).toBe(303)
    return b
  }

  /** A demo account's id and team. */
  async function user(username: string): Promise<{ id: number; teamId: number | null }> {
    const row = await db()
      .selectFrom('app_user')
      .select(['id', 'team_id'])
      .where('username', '=', username)
      .executeTakeFirstOrThrow()
    return { id: row.id, teamId: row.team_id }
  }

  async function userId(username: string): Promise<number> {
    return (await user(username)).id
  }

  async function person(p: PersonSpec): Promise<number> {
    const row = await db()
      .insertInto('person')
      .values({
        kind: p.kind ?? 'child',
        given_name: p.given,
        family_name: p.family,
        date_of_birth: p.dob ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return row.id
  }

  /** A child whose case is open with `caseWith` (`social.worker` unless said; null: nobody's). */
  async function child(p: PersonSpec, caseWith: string | null = 'social.worker'): Promise<number> {
    const id = await person({ ...p, kind: 'child' })
    if (caseWith !== null) await openCaseWith(db(), id, caseWith)
    return id
  }

  /**
   * Brothers and sisters (`children`, in order) with a mother in common living with them, so the
   * people module finds them siblings; each child's case open with `caseWith`.
   */
  async function family<const T extends readonly ChildSpec[]>(
    surname: string,
    children: T,
    options: FamilyOptions = {},
  ): Promise<{ children: { -readonly [K in keyof T]: number }; parent: number }> {
    const ids: number[] = []
    for (const c of children) ids.push(await person({ ...c, family: surname, kind: 'child' }))
    const parent = await person({ ...(options.parent ?? SOPHIE), family: surname, kind: 'adult' })
    await db()
      .insertInto('person_relationship')
      .values(
        ids.map((id) => ({
          person_id: parent,
          related_person_id: id,
          relationship_type: 'mother',
          household_member: true,
        })),
      )
      .execute()
    const caseWith = options.caseWith === undefined ? 'social.worker' : options.caseWith
    if (caseWith !== null) for (const id of ids) await openCaseWith(db(), id, caseWith)
    return { children: ids as { -readonly [K in keyof T]: number }, parent }
  }

  /** A referral of the child received on `date`, allocated that afternoon to `worker` and their team. */
  async function referral(childId: number, date: string, worker = 'social.worker'): Promise<number> {
    const w = await user(worker)
    const row = await db()
      .insertInto('referral')
      .values({
        child_id: childId,
        referral_date: date,
        referral_source: '6',
        re_referral: false,
        status: 'allocated',
        team_id: w.teamId,
        worker_id: w.id,
        allocated_at: new Date(`${date}T15:00:00Z`),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return row.id
  }

  /** A grant to the child's record for `username`, given by the team manager; `expiresAt` ends it. */
  async function grant(
    childId: number,
    username: string,
    basis: GrantBasis,
    o: { expiresAt?: Date | null; reason?: string } = {},
  ): Promise<void> {
    await db()
      .insertInto('child_access')
      .values({
        child_id: childId,
        user_id: await userId(username),
        basis,
        granted_by: await userId('team.manager'),
        expires_at: o.expiresAt ?? null,
        ...(o.reason ? { reason: o.reason } : {}),
      })
      .execute()
  }

  return { db, signedIn, user, userId, person, child, family, referral, grant }
}
