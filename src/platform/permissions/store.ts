/**
 * Permissions in SQL: loading what `allow` needs, the same rule as a where-clause so lists and
 * searches filter in the database (never fetch-then-filter), and giving and revoking grants.
 * The where-clause is built from the tables in `relationships.ts`, as `allow` is; an integration
 * property test proves the two agree on random data.
 */
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely'
import { jsonArrayFrom } from 'kysely/helpers/postgres'
import { insertRowsReturningIds, type ColumnTypes } from '../db/insert-rows.js'
import { withInstants } from '../db/json-rows.js'
import type { Database } from '../db/schema.js'
import type { AccessGrant, Actor, ChildRecord, StaffLink } from './allow.js'
import {
  REACHES_RESTRICTED,
  RELATIONSHIP_ACTIONS,
  relationshipsOf,
  STANDING_RELATIONSHIPS,
  TEAM_GRANT_BASIS,
  USER_GRANT_BASES,
  isGrantBasis,
  type GrantBasis,
  type Relationship,
} from './relationships.js'
import { isRole, roleGrants, type ChildAction } from './roles.js'

/** A child's permission record as stored, with where a merged duplicate now lives. */
export interface StoredChildRecord extends ChildRecord {
  /** Set when this record was merged into another as a duplicate (and so is deleted). */
  mergedIntoId: number | null
}

/**
 * What `allow` needs about a child, in one statement: runs before every read or write of a
 * child's data. Revoked grants never count again, so they are left behind; expiry depends on
 * `now`, which `allow` is given, so expired grants are loaded and judged there.
 */
export async function loadChildRecord(
  db: Kysely<Database>,
  childId: number,
): Promise<StoredChildRecord | null> {
  return (await loadChildRecords(db, [childId])).get(childId) ?? null
}

/** As `loadChildRecord` for several children in one statement (a family's records), by id. */
export async function loadChildRecords(
  db: Kysely<Database>,
  childIds: readonly number[],
): Promise<Map<number, StoredChildRecord>> {
  if (childIds.length === 0) return new Map()
  const people = await db
    .selectFrom('person as p')
    .select([
      'p.id',
      'p.restricted',
      'p.deleted_at',
      'p.merged_into_id',
      (eb) =>
        jsonArrayFrom(
          eb
            .selectFrom('child_access as a')
            .select(['a.user_id', 'a.team_id', 'a.basis', 'a.expires_at'])
            .whereRef('a.child_id', '=', 'p.id')
            .where('a.revoked_at', 'is', null)
            .orderBy('a.id'),
        ).as('grants'),
      sql<StaffLink[]>`coalesce((
        select json_agg(json_build_object('userId', u.id,
          'link', case when u.person_id = p.id then 'self' else 'relative' end) order by u.id)
        from app_user u where ${staffLinkedTo(sql.ref('p.id'))}), '[]'::json)`.as('staffLinks'),
    ])
    .where('p.id', 'in', [...new Set(childIds)])
    .execute()
  return new Map(
    people.map((person) => {
      const grants: AccessGrant[] = withInstants(person.grants, ['expires_at']).map((r) => ({
        userId: r.user_id,
        teamId: r.team_id,
        basis: r.basis,
        expiresAt: r.expires_at,
        revokedAt: null,
      }))
      const record: StoredChildRecord = {
        childId: person.id,
        restricted: person.restricted,
        deleted: person.deleted_at !== null,
        mergedIntoId: person.merged_into_id,
        grants,
        // int8 ids arrive as strings from pg's JSON and numbers from PGlite's.
        staffLinks: person.staffLinks.map((l) => ({ userId: Number(l.userId), link: l.link })),
      }
      return [person.id, record]
    }),
  )
}

/**
 * `app_user u` is linked (SEC-08) to the person: it is their own record, or a relationship is
 * recorded between their record and this one (either way round).
 */
function staffLinkedTo(personId: Expression<unknown>) {
  return sql<SqlBool>`u.person_id is not null and ${linkedPeople(sql.ref('u.person_id'), personId)}`
}

/** The two people are the same, or a relationship is recorded between them (either way round). */
function linkedPeople(staffPersonId: Expression<unknown>, personId: Expression<unknown>) {
  return sql<SqlBool>`(${staffPersonId} = ${personId} or exists (
    select 1 from person_relationship r where r.deleted_at is null and (
      (r.person_id = ${staffPersonId} and r.related_person_id = ${personId}) or
      (r.related_person_id = ${staffPersonId} and r.person_id = ${personId}))))`
}

/**
 * Leaves out the actor's own record and their relatives' (SEC-08). Most staff have no person
 * record, and then nothing is added: the clause costs a lookup per row otherwise.
 */
function notLinkedToActor(actor: Actor): Expression<SqlBool> | null {
  const person = sql.ref('person.id')
  if (actor.personId === null) return null
  if (actor.personId === undefined)
    return sql<SqlBool>`not exists (select 1 from app_user u
        where u.id = ${actor.id} and ${staffLinkedTo(person)})`
  return sql<SqlBool>`not ${linkedPeople(sql.lit(actor.personId), person)}`
}

/**
 * The signed-in member of staff as the rules see them. Null when the account does not exist, is
 * disabled, or holds a role Haven does not know (deny by default rather than guess).
 */
export async function loadActor(db: Kysely<Database>, userId: number): Promise<Actor | null> {
  const member = await loadStaffMember(db, userId)
  if (member === null) return null
  const { id, role, teamId, agency, managedTeamIds, managesFrontDoor, personId } = member
  return {
    id,
    role,
    teamId,
    agency,
    managedTeamIds,
    personId,
    ...(managesFrontDoor ? { managesFrontDoor } : {}),
  }
}

/** A member of staff as every page needs them: the actor the rules judge, and their names. */
export type StaffMember = Actor & { personId: number | null; username: string; displayName: string }

/**
 * The columns of `app_user as u` a member of staff is read from, for any query that joins the
 * account (the session check on every request does): the teams they manage come back as an
 * array rather than from a second query.
 */
export const STAFF_MEMBER_COLUMNS = [
  'u.id',
  'u.role',
  'u.team_id',
  'u.agency',
  'u.disabled_at',
  'u.username',
  'u.display_name',
  'u.person_id',
  sql<number[]>`array(select t.id from team t where t.manager_id = u.id order by t.id)`.as('managed'),
  sql<boolean>`exists(select 1 from team t where t.manager_id = u.id and t.kind = 'front_door')`.as(
    'manages_front_door',
  ),
] as const

/**
 * The member of staff from those columns. Null when the account is disabled or holds a role
 * Haven does not know (deny by default rather than guess).
 */
export function staffMemberFrom(row: {
  id: number
  role: string
  team_id: number | null
  agency: string | null
  disabled_at: Date | null
  username: string
  display_name: string
  person_id: number | null
  managed: number[]
  manages_front_door: boolean
}): StaffMember | null {
  if (row.disabled_at !== null || !isRole(row.role)) return null
  return {
    id: row.id,
    role: row.role,
    teamId: row.team_id,
    agency: row.agency,
    // int8 arrays arrive as strings from pg and numbers from PGlite.
    managedTeamIds: row.managed.map(Number),
    managesFrontDoor: row.manages_front_door,
    // int8 arrives as a string from pg.
    personId: row.person_id === null ? null : Number(row.person_id),
    username: row.username,
    displayName: row.display_name,
  }
}

/** The signed-in member of staff by account id; null as for `staffMemberFrom`, or no such account. */
export async function loadStaffMember(db: Kysely<Database>, userId: number): Promise<StaffMember | null> {
  const row = await db
    .selectFrom('app_user as u')
    .select(STAFF_MEMBER_COLUMNS)
    .where('u.id', '=', userId)
    .executeTakeFirst()
  return row ? staffMemberFrom(row) : null
}

type PersonExpression = (eb: ExpressionBuilder<Database, 'person'>) => Expression<SqlBool>

/** A where-clause for `person` rows the actor may view (use in lists and searches). */
export function visibleChildren(actor: Actor, now: Date): PersonExpression {
  return childrenPermitting(actor, 'child.view', now)
}

/**
 * A where-clause for `person` rows on which `allow(actor, action, …)` holds. The query must name
 * the table `person` (not an alias).
 */
export function childrenPermitting(actor: Actor, action: ChildAction, now: Date): PersonExpression {
  const usable = relationshipsOf(actor).filter((r) => RELATIONSHIP_ACTIONS[r].includes(action))
  const has = (r: Relationship): boolean => usable.includes(r)
  const reaches = (r: Relationship): boolean => REACHES_RESTRICTED.includes(r)
  const userBases = USER_GRANT_BASES.filter((b) => has(b))
  // The team allocations the actor reaches, by whether the relationship reaches restricted records.
  const teamRoutes: [Relationship, number[]][] = [
    ['allocated_team', actor.teamId === null ? [] : [actor.teamId]],
    ['team_manager', actor.managedTeamIds],
  ]
  /** The grants of one kind: those that reach restricted records, or those reaching open ones only. */
  const grantsOf = (reaching: boolean) => ({
    bases: userBases.filter((b) => reaches(b) === reaching),
    teamIds: [
      ...new Set(teamRoutes.filter(([r]) => has(r) && reaches(r) === reaching).flatMap(([, ids]) => ids)),
    ],
  })

  return (eb) => {
    if (!roleGrants(actor.role, action)) return sql<SqlBool>`false`
    const unrestricted = eb('person.restricted', '=', false)
    const routes: Expression<SqlBool>[] = []

    // Standing access: every record that is not restricted.
    const standing = STANDING_RELATIONSHIPS.filter((r) => has(r))
    const standingReach = standing.length === 0 ? null : standing.some(reaches) ? 'all' : 'open'
    if (standingReach) routes.push(standingReach === 'all' ? sql<SqlBool>`true` : unrestricted)

    // A live grant: to the actor, or an allocation to their team or a team they manage. Grants
    // that reach restricted records and those that reach only open ones are two probes, the
    // second behind `person.restricted = false`: a probe that asks nothing of the person but its
    // id lets PostgreSQL start a worklist from the tasks in scope rather than from every person
    // (19 ms -> 6 ms in the database for the benchmark's manager of five teams).
    // (A grant adds nothing to standing access that already reaches what it would.)
    for (const reaching of standingReach === 'all' ? [] : standingReach === 'open' ? [true] : [true, false]) {
      const { bases, teamIds } = grantsOf(reaching)
      if (bases.length === 0 && teamIds.length === 0) continue
      const probe = eb
        .selectFrom('child_access')
        .select(sql<number>`1`.as('one'))
        .whereRef('child_access.child_id', '=', 'person.id')
        .where('child_access.revoked_at', 'is', null)
        .where((gb) =>
          gb.or([gb('child_access.expires_at', 'is', null), gb('child_access.expires_at', '>', now)]),
        )
        .where((gb) =>
          gb.or([
            ...(bases.length > 0
              ? [gb.and([gb('child_access.user_id', '=', actor.id), gb('child_access.basis', 'in', bases)])]
              : []),
            ...(teamIds.length > 0
              ? [
                  gb.and([
                    gb('child_access.team_id', 'in', teamIds),
                    gb('child_access.basis', '=', TEAM_GRANT_BASIS),
                  ]),
                ]
              : []),
          ]),
        )
      routes.push(reaching ? eb.exists(probe) : eb.and([unrestricted, eb.exists(probe)]))
    }

    if (routes.length === 0) return sql<SqlBool>`false`
    // A deleted record is never reached through the ordinary rules, nor one's own or a relative's.
    const notLinked = notLinkedToActor(actor)
    return eb.and([eb('person.deleted_at', 'is', null), eb.or(routes), ...(notLinked ? [notLinked] : [])])
  }
}

/**
 * The grants that mean a service is working with the child (an allocation to a worker or a team,
 * an agency's lead professional), as against reading for a piece of work or in an emergency.
 */
export const INVOLVEMENT_BASES = [
  'allocated_worker',
  'allocated_team',
  'agency_lead',
] as const satisfies readonly GrantBasis[]

/**
 * When the work with each child began: the earliest grant of `INVOLVEMENT_BASES` still live at
 * `now`. A child with none is not in the map.
 */
export async function involvementSince(
  db: Kysely<Database>,
  childIds: readonly number[],
  now: Date,
): Promise<Map<number, Date>> {
  if (childIds.length === 0) return new Map()
  const rows = await db
    .selectFrom('child_access')
    .select(['child_id', (eb) => eb.fn.min('granted_at').as('since')])
    .where('child_id', 'in', [...childIds])
    .where('basis', 'in', INVOLVEMENT_BASES)
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .groupBy('child_id')
    .execute()
  return new Map(rows.map((r) => [r.child_id, new Date(r.since)]))
}

export interface NewGrant {
  childId: number
  /** Exactly one of userId and teamId. */
  userId?: number | null
  teamId?: number | null
  basis: GrantBasis
  grantedBy: number | null
  expiresAt?: Date | null
  reason?: string | null
}

export class InvalidGrantError extends Error {
  override name = 'InvalidGrantError'
}

/**
 * Checks a grant against the rules `allow` applies, so nothing is written that would silently
 * count for nothing. Returns the problem in plain English, or null.
 */
export function grantProblem(grant: NewGrant): string | null {
  const userId = grant.userId ?? null
  const teamId = grant.teamId ?? null
  if ((userId === null) === (teamId === null)) return 'A grant names either one person or one team.'
  if (!isGrantBasis(grant.basis)) return `Unknown basis of access: ${String(grant.basis)}.`
  if (teamId !== null && grant.basis !== TEAM_GRANT_BASIS) {
    return 'Only an allocation can be given to a team; other grants name one person.'
  }
  if (userId !== null && grant.basis === TEAM_GRANT_BASIS)
    return 'A team allocation names a team, not a person.'
  const timeBoxed = grant.basis === 'break_glass' || grant.basis === 'restriction_grant'
  // Emergency and restricted-record access are time-boxed and reviewed (the access model in
  // docs/security-requirements.md; Lincolnshire's two-week and six-month grants), so they must say when they end and why they were given.
  if (timeBoxed && !grant.expiresAt) return 'Break-glass and restricted-record grants must have an end date.'
  if (timeBoxed && !grant.reason?.trim())
    return 'Break-glass and restricted-record grants must give a reason.'
  return null
}

/** A grant's row as inserted (given now unless the row says when). */
const grantRow = (grant: NewGrant) => ({
  child_id: grant.childId,
  user_id: grant.userId ?? null,
  team_id: grant.teamId ?? null,
  basis: grant.basis,
  granted_by: grant.grantedBy,
  expires_at: grant.expiresAt ?? null,
  reason: grant.reason?.trim() || null,
})

/** Records a grant; call inside the transaction that audits it. Returns the grant's id. */
export async function grantAccess(trx: Kysely<Database>, grant: NewGrant): Promise<number> {
  const problem = grantProblem(grant)
  if (problem) throw new InvalidGrantError(problem)
  const row = await trx
    .insertInto('child_access')
    .values(grantRow(grant))
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** A grant brought from another system, with its own dates (an allocation of years ago). */
export interface MigratedGrant extends NewGrant {
  grantedAt: Date
  revokedAt: Date | null
  revokedReason: string | null
}

/**
 * Records grants migrated from another system, a statement for many; call inside the transaction
 * that audits them. Returns their ids in the order given (identity values are drawn in the order
 * the rows are inserted, so sorted they are the rows' ids, whatever order RETURNING lists them).
 */
export async function insertMigratedGrants(
  trx: Kysely<Database>,
  grants: readonly MigratedGrant[],
): Promise<number[]> {
  for (const g of grants) {
    const problem =
      grantProblem(g) ??
      (g.revokedAt !== null && !g.revokedReason?.trim() ? 'Give a reason for ending the access.' : null)
    if (problem) throw new InvalidGrantError(problem)
  }
  return insertRowsReturningIds(
    trx,
    'child_access',
    MIGRATED_GRANT,
    // grantRow's columns and the migration's in one literal (spread, an import's every grant is
    // built on V8's slow path).
    grants.map((g) => ({
      child_id: g.childId,
      user_id: g.userId ?? null,
      team_id: g.teamId ?? null,
      basis: g.basis,
      granted_by: g.grantedBy,
      expires_at: g.expiresAt ?? null,
      reason: g.reason?.trim() || null,
      granted_at: g.grantedAt,
      revoked_at: g.revokedAt,
      revoked_reason: g.revokedReason?.trim() || null,
    })),
  )
}

const MIGRATED_GRANT = {
  child_id: 'bigint',
  user_id: 'bigint',
  team_id: 'bigint',
  basis: 'text',
  granted_by: 'bigint',
  expires_at: 'timestamptz',
  reason: 'text',
  granted_at: 'timestamptz',
  revoked_at: 'timestamptz',
  revoked_reason: 'text',
} as const satisfies ColumnTypes<'child_access'>

/**
 * Ends a grant at once (deallocation, a team move, a process closing). Revoking a grant that is
 * already revoked changes nothing, so the first reason stands.
 */
export async function revokeAccess(trx: Kysely<Database>, id: number, reason: string): Promise<void> {
  if (!reason.trim()) throw new InvalidGrantError('Give a reason for ending the access.')
  const found = await trx.selectFrom('child_access').select('id').where('id', '=', id).executeTakeFirst()
  if (!found) throw new InvalidGrantError(`No access grant ${id}.`)
  await trx
    .updateTable('child_access')
    .set({ revoked_at: sql<Date>`now()`, revoked_reason: reason.trim() })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute()
}

/**
 * Ends the child's allocation (the case closes): every live grant to an allocated worker or team
 * is revoked with the reason. Returns the grants ended, for the audit row.
 */
export async function endAllocation(
  trx: Kysely<Database>,
  childId: number,
  reason: string,
): Promise<{ id: number; basis: string; user_id: number | null; team_id: number | null }[]> {
  if (!reason.trim()) throw new InvalidGrantError('Give a reason for ending the access.')
  return trx
    .updateTable('child_access')
    .set({ revoked_at: sql<Date>`now()`, revoked_reason: reason.trim() })
    .where('child_id', '=', childId)
    .where('basis', 'in', ['allocated_worker', 'allocated_team'])
    .where('revoked_at', 'is', null)
    .returning(['id', 'basis', 'user_id', 'team_id'])
    .execute()
}
