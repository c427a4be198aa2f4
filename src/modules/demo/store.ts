/**
 * The demo seed's SQL: single-row inserts into the tables the hand-made demo fills, the two
 * updates it makes, and what it reads to tell whether the demo (and its synthetic authority) is
 * loaded already.
 */
import type { Insertable, Updateable } from 'kysely'
import type { Db } from '../../platform/db/database.js'
import type { Database } from '../../platform/db/schema.js'

/** The tables whose new row's id the seed needs. */
type WithId =
  | 'team'
  | 'agency'
  | 'app_user'
  | 'contact'
  | 'contact_child'
  | 'person'
  | 'referral'
  | 'strategy_discussion'
  | 's47_enquiry'
  | 'assessment'
  | 'out_of_hours_record'

export async function insertReturningId<T extends WithId>(
  trx: Db,
  table: T,
  values: Insertable<Database[T]>,
): Promise<number> {
  // Kysely cannot narrow a generic table's columns: every table in WithId has an `id`.
  const row = (await trx
    .insertInto(table as 'team')
    .values(values as Insertable<Database['team']>)
    .returning('id')
    .executeTakeFirstOrThrow()) as { id: number }
  return row.id
}

type Plain =
  | 'person_restriction'
  | 'child_access'
  | 'person_address'
  | 'person_relationship'
  | 'contact_recommendation'
  | 'strategy_discussion_participant'
  | 'sign_off'

export async function insertRows<T extends Plain>(
  trx: Db,
  table: T,
  values: Insertable<Database[T]> | readonly Insertable<Database[T]>[],
): Promise<void> {
  await trx
    .insertInto(table as 'child_access')
    .values(values as Insertable<Database['child_access']>)
    .execute()
}

export async function setTeamManager(trx: Db, teamName: string, managerId: number | null): Promise<void> {
  await trx.updateTable('team').set({ manager_id: managerId }).where('name', '=', teamName).execute()
}

export async function updateContactChild(
  trx: Db,
  id: number,
  set: Updateable<Database['contact_child']>,
): Promise<void> {
  await trx.updateTable('contact_child').set(set).where('id', '=', id).execute()
}

/** The detail of the last `demo.seed` audit event: what the first run promised to load. */
export async function lastDemoSeedDetail(db: Db): Promise<unknown> {
  const row = await db
    .selectFrom('audit_event')
    .select('detail')
    .where('action', '=', 'demo.seed')
    .orderBy('id', 'desc')
    .executeTakeFirst()
  return row?.detail
}

/** Whether a synthetic load finished (it audits `synth.load` as its last step). */
export async function syntheticLoadFinished(db: Db): Promise<boolean> {
  const row = await db
    .selectFrom('audit_event')
    .select('id')
    .where('action', '=', 'synth.load')
    .executeTakeFirst()
  return row !== undefined
}

/** Children a stopped synthetic load had written (its last `synth.load.batch` mark), 0 if none. */
export async function syntheticChildrenLoaded(db: Db): Promise<number> {
  const row = await db
    .selectFrom('audit_event')
    .select('detail')
    .where('action', '=', 'synth.load.batch')
    .orderBy('id', 'desc')
    .executeTakeFirst()
  const detail = row?.detail as { counts?: { children?: number } } | undefined
  return Number(detail?.counts?.children ?? 0)
}

/** The first children allocated to a worker, with the worker and team, for the demo's casework. */
export async function allocatedChildren(trx: Db, limit: number) {
  return trx
    .selectFrom('child_access as a')
    .innerJoin('app_user as u', 'u.id', 'a.user_id')
    .innerJoin('person as p', 'p.id', 'a.child_id')
    .select(['a.child_id', 'a.user_id', 'u.team_id', 'p.given_name'])
    .where('a.basis', '=', 'allocated_worker')
    .where('a.revoked_at', 'is', null)
    .where('p.restricted', '=', false)
    .orderBy('a.child_id')
    .orderBy('a.id')
    .limit(limit)
    .execute()
}

/**
 * The children a partner may see through a strategy discussion they took part in, with the
 * manager of the team each child's case is allocated to (none when the team has no manager).
 */
export async function partnerChildrenWithManager(trx: Db, partnerId: number) {
  return trx
    .selectFrom('child_access as p')
    .innerJoin('child_access as a', (join) =>
      join
        .onRef('a.child_id', '=', 'p.child_id')
        .on('a.basis', '=', 'allocated_team')
        .on('a.revoked_at', 'is', null),
    )
    .innerJoin('team as t', 't.id', 'a.team_id')
    .select(['p.child_id', 't.manager_id'])
    .where('p.user_id', '=', partnerId)
    .where('p.basis', '=', 'process_participant')
    .where('t.manager_id', 'is not', null)
    .orderBy('p.child_id')
    .execute()
}

/** An agency's id by its name (the demo's own agencies). */
export async function agencyIdNamed(trx: Db, name: string): Promise<number | null> {
  const row = await trx.selectFrom('agency').select('id').where('name', '=', name).executeTakeFirst()
  return row?.id ?? null
}

/** The family name on a person's record (the demo's family of four takes the child's). */
export async function familyNameOf(trx: Db, personId: number): Promise<string> {
  const row = await trx
    .selectFrom('person')
    .select('family_name')
    .where('id', '=', personId)
    .executeTakeFirstOrThrow()
  return row.family_name
}
