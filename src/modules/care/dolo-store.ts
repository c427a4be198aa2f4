/**
 * The SQL of deprivation of liberty orders (`care_dolo`, migration 0072). No permission checks
 * here; the DoLO service decides who may call what.
 */
import type { Db, Trx } from './store.js'

/** The child's orders, newest first, deleted ones too (the care page shows them struck through). */
export async function dolosOf(db: Db, childId: number) {
  return db
    .selectFrom('care_dolo as d')
    .leftJoin('app_user as r', 'r.id', 'd.recorded_by')
    .leftJoin('app_user as x', 'x.id', 'd.deleted_by')
    .select([
      'd.id',
      'd.period_id',
      'd.start_date',
      'd.end_date',
      'd.recorded_at',
      'r.display_name as recordedBy',
      'd.deleted_at',
      'd.deleted_reason',
      'x.display_name as deletedBy',
    ])
    .where('d.child_id', '=', childId)
    .orderBy('d.start_date', 'desc')
    .orderBy('d.id', 'desc')
    .execute()
}

/** The child's orders not deleted, locked: one change to them at a time. */
export async function lockLiveDolos(trx: Trx, childId: number) {
  return trx
    .selectFrom('care_dolo')
    .select(['id', 'period_id', 'start_date', 'end_date'])
    .where('child_id', '=', childId)
    .where('deleted_at', 'is', null)
    .orderBy('start_date')
    .orderBy('id')
    .forUpdate()
    .execute()
}

export async function insertDolo(
  trx: Trx,
  d: { periodId: number; childId: number; start: string; end: string | null; by: number; at: Date },
): Promise<number | 'open'> {
  const row = await trx
    .insertInto('care_dolo')
    .values({
      period_id: d.periodId,
      child_id: d.childId,
      start_date: d.start,
      end_date: d.end,
      recorded_by: d.by,
      recorded_at: d.at,
      updated_by: d.by,
      updated_at: d.at,
    })
    // Another request opened an order just now: the unique index on the open one says so.
    .onConflict((oc) =>
      oc.column('child_id').where('end_date', 'is', null).where('deleted_at', 'is', null).doNothing(),
    )
    .returning('id')
    .executeTakeFirst()
  return row?.id ?? 'open'
}

export async function endDolo(trx: Trx, e: { id: number; end: string; by: number; at: Date }): Promise<void> {
  await trx
    .updateTable('care_dolo')
    .set({ end_date: e.end, updated_by: e.by, updated_at: e.at })
    .where('id', '=', e.id)
    .execute()
}

export async function deleteDolo(
  trx: Trx,
  d: { id: number; reason: string; by: number; at: Date },
): Promise<void> {
  await trx
    .updateTable('care_dolo')
    .set({ deleted_at: d.at, deleted_by: d.by, deleted_reason: d.reason })
    .where('id', '=', d.id)
    .where('deleted_at', 'is', null)
    .execute()
}
