/**
 * The SQL of the placement plan, its delegated authority and the carers' accounts linked to a
 * placement (migration 0073). No permission checks here; the service decides who may call what.
 */
import { sql } from 'kysely'
import type { DelegatedDecision, DelegatedTo } from '../../platform/db/schema.js'
import type { PlanSection } from './placement-plan-model.js'
import type { Db, Trx } from './store.js'

/** The child's current placement (in their open period of care), or undefined. */
export async function currentPlacement(db: Db, childId: number) {
  return db
    .selectFrom('care_placement as p')
    .innerJoin('care_period as c', 'c.id', 'p.period_id')
    .select(['p.id', 'p.period_id', 'p.start_date', 'p.carer_name', 'p.place'])
    .where('p.child_id', '=', childId)
    .where('p.end_date', 'is', null)
    .where('c.end_date', 'is', null)
    .executeTakeFirst()
}

/** Every version of the placement's plan, newest first. */
export async function plansOf(db: Db, placementId: number) {
  return db
    .selectFrom('care_placement_plan as pp')
    .innerJoin('app_user as u', 'u.id', 'pp.recorded_by')
    .selectAll('pp')
    .select('u.display_name as recorded_by_name')
    .where('pp.placement_id', '=', placementId)
    .orderBy('pp.version', 'desc')
    .execute()
}

/** The delegated authority of the versions given. */
export async function delegatedOf(db: Db, planIds: readonly number[]) {
  if (planIds.length === 0) return []
  return db
    .selectFrom('care_delegated_authority')
    .selectAll()
    .where('plan_id', 'in', [...planIds])
    .execute()
}

/** The placement's latest version, locked so two saves number their versions one after the other. */
export async function lockLatestPlan(trx: Trx, placementId: number) {
  await trx
    .selectFrom('care_placement')
    .select('id')
    .where('id', '=', placementId)
    .forUpdate()
    .executeTakeFirst()
  return trx
    .selectFrom('care_placement_plan')
    .select(['id', 'version', 'agreed_on'])
    .where('placement_id', '=', placementId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst()
}

export async function insertPlan(
  trx: Trx,
  p: {
    placementId: number
    childId: number
    version: number
    agreedOn: string
    sections: Record<PlanSection, string>
    delegated: readonly { decision: DelegatedDecision; decidedBy: DelegatedTo; note: string | null }[]
    by: number
    at: Date
  },
): Promise<number> {
  const { id } = await trx
    .insertInto('care_placement_plan')
    .values({
      placement_id: p.placementId,
      child_id: p.childId,
      version: p.version,
      agreed_on: p.agreedOn,
      ...p.sections,
      recorded_by: p.by,
      recorded_at: p.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await trx
    .insertInto('care_delegated_authority')
    .values(
      p.delegated.map((d) => ({ plan_id: id, decision: d.decision, decided_by: d.decidedBy, note: d.note })),
    )
    .execute()
  return id
}

/** The carers' accounts linked to the placement now, with their names. */
export async function carersOf(db: Db, placementId: number) {
  return db
    .selectFrom('care_placement_carer as pc')
    .innerJoin('app_user as u', 'u.id', 'pc.user_id')
    .select(['pc.id', 'pc.user_id', 'pc.linked_at', 'u.display_name', 'u.job_title'])
    .where('pc.placement_id', '=', placementId)
    .where('pc.ended_at', 'is', null)
    .orderBy('u.display_name')
    .execute()
}

/** The carers' accounts that may be linked: every active account with the carer role. */
export async function carerAccounts(db: Db) {
  return db
    .selectFrom('app_user')
    .select(['id', 'display_name', 'job_title'])
    .where('role', '=', 'carer')
    .where('disabled_at', 'is', null)
    .orderBy('display_name')
    .orderBy('id')
    .execute()
}

/** One account, as the link checks it, and whether it is linked to the placement already. */
export async function carerAccount(db: Db, userId: number, placementId: number) {
  const row = await db
    .selectFrom('app_user as u')
    .select([
      'u.id',
      'u.role',
      'u.display_name',
      'u.disabled_at',
      (eb) =>
        eb
          .exists(
            eb
              .selectFrom('care_placement_carer as pc')
              .select(sql<number>`1`.as('one'))
              .whereRef('pc.user_id', '=', 'u.id')
              .where('pc.placement_id', '=', placementId)
              .where('pc.ended_at', 'is', null),
          )
          .as('linked'),
    ])
    .where('u.id', '=', userId)
    .executeTakeFirst()
  return row
    ? {
        role: row.role,
        name: row.display_name,
        disabled: row.disabled_at !== null,
        linked: Boolean(row.linked),
      }
    : null
}

export async function insertLink(
  trx: Trx,
  l: { placementId: number; childId: number; userId: number; grantId: number; by: number; at: Date },
): Promise<number> {
  const { id } = await trx
    .insertInto('care_placement_carer')
    .values({
      placement_id: l.placementId,
      child_id: l.childId,
      user_id: l.userId,
      grant_id: l.grantId,
      linked_by: l.by,
      linked_at: l.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

/** Ends every live link of the placement, returning each with its grant, for revoking and the audit. */
export async function endLinks(trx: Trx, placementId: number, e: { at: Date; reason: string }) {
  return trx
    .updateTable('care_placement_carer')
    .set({ ended_at: e.at, end_reason: e.reason })
    .where('placement_id', '=', placementId)
    .where('ended_at', 'is', null)
    .returning(['id', 'user_id', 'grant_id'])
    .execute()
}

/** Ends one live link of the placement; undefined when it is not one (ended already, or another's). */
export async function endLink(trx: Trx, id: number, placementId: number, e: { at: Date; reason: string }) {
  return trx
    .updateTable('care_placement_carer')
    .set({ ended_at: e.at, end_reason: e.reason })
    .where('id', '=', id)
    .where('placement_id', '=', placementId)
    .where('ended_at', 'is', null)
    .returning(['id', 'user_id', 'grant_id'])
    .executeTakeFirst()
}

/**
 * The children placed with the carer now: a live link to a current placement whose grant is live.
 * With when the placement began and when its plan was last agreed (null when there is none yet).
 */
export async function childrenPlacedWith(db: Db, userId: number, now: Date) {
  return db
    .selectFrom('care_placement_carer as pc')
    .innerJoin('care_placement as p', 'p.id', 'pc.placement_id')
    .innerJoin('child_access as a', 'a.id', 'pc.grant_id')
    .innerJoin('people_person_v as c', 'c.id', 'pc.child_id')
    .select([
      'c.id',
      'c.given_name',
      'c.family_name',
      'p.start_date',
      (eb) =>
        eb
          .selectFrom('care_placement_plan as pp')
          .select((e) => e.fn.max('pp.agreed_on').as('agreed'))
          .whereRef('pp.placement_id', '=', 'p.id')
          .as('agreed_on'),
    ])
    .where('pc.user_id', '=', userId)
    .where('pc.ended_at', 'is', null)
    .where('p.end_date', 'is', null)
    .where('a.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('a.expires_at', 'is', null), eb('a.expires_at', '>', now)]))
    .orderBy('c.family_name')
    .orderBy('c.given_name')
    .orderBy('c.id')
    .execute()
}
