/**
 * The SQL of the 903's plain dated records (migration 0066): `care_previous_permanence`,
 * `care_missing_episode` and `care_uasc`. No permission checks here; the records service decides
 * who may call what.
 */
import type { PreviousPermanence } from '../../platform/db/schema.js'
import type { MissingInput, PreviousPermanenceInput, UascInput } from './records-model.js'
import type { Db, Trx } from './store.js'

/** Records (or corrects) the period's previous permanence. */
export async function upsertPreviousPermanence(
  trx: Trx,
  r: { periodId: number; childId: number; input: PreviousPermanenceInput; by: number; at: Date },
): Promise<void> {
  const values = {
    prev_perm: r.input.kind as PreviousPermanence,
    order_date: r.input.orderDate,
    order_la: r.input.orderLa,
    recorded_by: r.by,
    recorded_at: r.at,
  }
  await trx
    .insertInto('care_previous_permanence')
    .values({ period_id: r.periodId, child_id: r.childId, ...values })
    .onConflict((oc) => oc.column('period_id').doUpdateSet(values))
    .execute()
}

/** The previous permanence of each of the child's periods that has one. */
export async function previousPermanenceOf(db: Db, childId: number) {
  return db
    .selectFrom('care_previous_permanence')
    .select(['period_id', 'prev_perm', 'order_date', 'order_la'])
    .where('child_id', '=', childId)
    .orderBy('period_id')
    .execute()
}

/** The child's missing episodes, newest first. */
export async function missingEpisodesOf(db: Db, childId: number) {
  return db
    .selectFrom('care_missing_episode')
    .select(['id', 'period_id', 'kind', 'start_date', 'end_date', 'rhi_offered_on', 'rhi_held_on'])
    .where('child_id', '=', childId)
    .orderBy('start_date', 'desc')
    .orderBy('id', 'desc')
    .execute()
}

/** The child's open missing episode, locked, or undefined. */
export async function lockOpenMissing(trx: Trx, childId: number) {
  return trx
    .selectFrom('care_missing_episode')
    .selectAll()
    .where('child_id', '=', childId)
    .where('end_date', 'is', null)
    .forUpdate()
    .executeTakeFirst()
}

export async function insertMissing(
  trx: Trx,
  m: { periodId: number; childId: number; kind: 'M' | 'A'; input: MissingInput; by: number; at: Date },
): Promise<number | 'open'> {
  const row = await trx
    .insertInto('care_missing_episode')
    .values({
      period_id: m.periodId,
      child_id: m.childId,
      kind: m.kind,
      start_date: m.input.start as string,
      end_date: m.input.end,
      rhi_offered_on: m.input.rhiOffered,
      rhi_held_on: m.input.rhiHeld,
      recorded_by: m.by,
      recorded_at: m.at,
      updated_by: m.by,
      updated_at: m.at,
    })
    // Another request opened an episode just now: the unique index on the open one says so.
    .onConflict((oc) => oc.column('child_id').where('end_date', 'is', null).doNothing())
    .returning('id')
    .executeTakeFirst()
  return row?.id ?? 'open'
}

export async function recordReturn(
  trx: Trx,
  r: { id: number; input: MissingInput; by: number; at: Date },
): Promise<void> {
  await trx
    .updateTable('care_missing_episode')
    .set({
      end_date: r.input.end,
      rhi_offered_on: r.input.rhiOffered,
      rhi_held_on: r.input.rhiHeld,
      updated_by: r.by,
      updated_at: r.at,
    })
    .where('id', '=', r.id)
    .execute()
}

export async function uascOf(db: Db, childId: number) {
  return db
    .selectFrom('care_uasc')
    .select(['uasc_from', 'ceased_on', 'age_assessed_on', 'age_assessment'])
    .where('child_id', '=', childId)
    .executeTakeFirst()
}

/** Records (or corrects) the child's UASC status. */
export async function upsertUasc(
  trx: Trx,
  u: { childId: number; input: UascInput; by: number; at: Date },
): Promise<void> {
  const values = {
    uasc_from: u.input.from,
    ceased_on: u.input.ceased,
    age_assessed_on: u.input.assessedOn,
    age_assessment: u.input.assessment,
    recorded_by: u.by,
    recorded_at: u.at,
  }
  await trx
    .insertInto('care_uasc')
    .values({ child_id: u.childId, ...values })
    .onConflict((oc) => oc.column('child_id').doUpdateSet(values))
    .execute()
}

/** The child a missing episode is about, or null. */
export async function missingChild(db: Db, id: number): Promise<number | null> {
  const row = await db
    .selectFrom('care_missing_episode')
    .select('child_id')
    .where('id', '=', id)
    .executeTakeFirst()
  return row?.child_id ?? null
}
