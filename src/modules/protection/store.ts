/**
 * The protection module's SQL: strategy discussions and who took part. No permission checks here;
 * the service decides who may call what. People's names come from the people module's published
 * view `people_person_v`.
 */
import type { Kysely } from 'kysely'
import type { Db } from '../../platform/db/database.js'
import type { Database } from '../../platform/db/schema.js'
import type { HeldInput } from './model.js'

export type { Db }
export type Trx = Kysely<Database>

export async function insertStrategyDiscussion(
  trx: Trx,
  r: { childId: number; referralId: number | null; requestedBy: number; at: Date; reason: string | null },
): Promise<number> {
  const { id } = await trx
    .insertInto('strategy_discussion')
    .values({
      child_id: r.childId,
      referral_id: r.referralId,
      requested_by: r.requestedBy,
      requested_at: r.at,
      reason: r.reason,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

/** The child a strategy discussion is about, for the route's permission check. */
export async function strategyDiscussionChild(db: Db, id: number): Promise<number | null> {
  const row = await db
    .selectFrom('strategy_discussion')
    .select('child_id')
    .where('id', '=', id)
    .executeTakeFirst()
  return row?.child_id ?? null
}

export async function loadStrategyDiscussion(db: Db, id: number) {
  return db
    .selectFrom('strategy_discussion as sd')
    .innerJoin('people_person_v as p', 'p.id', 'sd.child_id')
    .innerJoin('app_user as rq', 'rq.id', 'sd.requested_by')
    .leftJoin('app_user as rc', 'rc.id', 'sd.recorded_by')
    .selectAll('sd')
    .select([
      'p.given_name',
      'p.family_name',
      'p.date_of_birth',
      'rq.display_name as requestedByName',
      'rc.display_name as recordedByName',
    ])
    .where('sd.id', '=', id)
    .executeTakeFirst()
}

/** The discussion, locked for the rest of the transaction (two people recording it at once). */
export async function lockStrategyDiscussion(trx: Trx, id: number) {
  return trx.selectFrom('strategy_discussion').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
}

export async function participantsOf(db: Db, id: number) {
  return db
    .selectFrom('strategy_discussion_participant')
    .select(['agency_kind', 'name', 'role', 'information_shared'])
    .where('strategy_discussion_id', '=', id)
    .orderBy('id')
    .execute()
}

export async function saveHeld(trx: Trx, id: number, held: HeldInput, by: number, at: Date) {
  await trx
    .insertInto('strategy_discussion_participant')
    .values(
      held.participants.map((p) => ({
        strategy_discussion_id: id,
        agency_kind: p.agency,
        name: p.name,
        role: p.role,
        information_shared: p.shared,
      })),
    )
    .execute()
  await trx
    .updateTable('strategy_discussion')
    .set({
      held_at: held.heldAt,
      outcome: held.outcome,
      immediate_protection: held.immediateProtection,
      outcome_reason: held.outcomeReason,
      absent_reason: held.absentReason,
      actions: held.actions,
      recorded_by: by,
      recorded_at: at,
    })
    .where('id', '=', id)
    .execute()
}

/** The child and family assessment started from a referral, if any (the assessment's published view). */
export async function assessmentOfReferral(db: Db, referralId: number) {
  return db
    .selectFrom('assessment_v')
    .select(['assessment_id', 'child_id'])
    .where('referral_id', '=', referralId)
    .orderBy('assessment_id')
    .executeTakeFirst()
}
