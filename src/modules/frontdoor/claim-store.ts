/**
 * The front door's SQL for taking a child on a contact to triage: who holds it and since when.
 * The row holds the current holder only; taking over and releasing are in the audit trail.
 */
import type { Trx } from './store.js'

/** The child's place on the contact with its holder, locked until the transaction ends. */
export async function lockClaim(trx: Trx, contactChildId: number) {
  return trx
    .selectFrom('contact_child as cc')
    .innerJoin('contact as c', 'c.id', 'cc.contact_id')
    .leftJoin('app_user as u', 'u.id', 'cc.taken_by')
    .select([
      'cc.id',
      'cc.contact_id',
      'cc.child_id',
      'cc.status',
      'cc.taken_by',
      'cc.taken_at',
      'u.display_name as taken_by_name',
      'c.deleted_at',
    ])
    .where('cc.id', '=', contactChildId)
    .forUpdate('cc')
    .executeTakeFirst()
}

export async function setClaim(trx: Trx, contactChildId: number, holder: { by: number; at: Date } | null) {
  await trx
    .updateTable('contact_child')
    .set({ taken_by: holder?.by ?? null, taken_at: holder?.at ?? null })
    .where('id', '=', contactChildId)
    .execute()
}

/** Who holds the child's place on the contact, for the triage page. */
export async function claimOf(trx: Trx, contactChildId: number) {
  const row = await trx
    .selectFrom('contact_child as cc')
    .leftJoin('app_user as u', 'u.id', 'cc.taken_by')
    .select(['cc.taken_by', 'cc.taken_at', 'u.display_name as taken_by_name'])
    .where('cc.id', '=', contactChildId)
    .executeTakeFirst()
  return row?.taken_by != null && row.taken_at != null
    ? { userId: row.taken_by, name: row.taken_by_name ?? 'Someone', at: row.taken_at }
    : null
}
