/** The front door's SQL for a child transferring in from another authority. */
import type { Trx } from './store.js'

export async function insertTransferIn(
  trx: Trx,
  t: {
    contactChildId: number
    childId: number
    previousAuthority: string
    previousStatus: 'cp_plan' | 'cin' | 'looked_after' | 'none'
    notifiedAt: Date
    sentBy: string | null
    receivedOn: string | null
    documents: string[]
    documentsNote: string | null
    recordedBy: number
    recordedAt: Date
  },
): Promise<number> {
  const { id } = await trx
    .insertInto('transfer_in')
    .values({
      contact_child_id: t.contactChildId,
      child_id: t.childId,
      previous_authority: t.previousAuthority,
      previous_status: t.previousStatus,
      notified_at: t.notifiedAt,
      sent_by: t.sentBy,
      received_on: t.receivedOn,
      documents: t.documents,
      documents_note: t.documentsNote,
      recorded_by: t.recordedBy,
      recorded_at: t.recordedAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

/** The transfer recorded on a child's place on a contact, with who recorded it; undefined if none. */
export async function transferInFor(trx: Trx, contactChildId: number) {
  return trx
    .selectFrom('transfer_in as t')
    .innerJoin('app_user as u', 'u.id', 't.recorded_by')
    .selectAll('t')
    .select('u.display_name as recordedByName')
    .where('t.contact_child_id', '=', contactChildId)
    .executeTakeFirst()
}

/** Links the front door's record to child protection's notification it handed over to. */
export async function linkProtectionNotification(trx: Trx, id: number, cpTransferInId: number) {
  await trx
    .updateTable('transfer_in')
    .set({ cp_transfer_in_id: cpTransferInId })
    .where('id', '=', id)
    .execute()
}

/** The manager of a team, if it has one. */
export async function teamManager(trx: Trx, teamId: number) {
  return trx
    .selectFrom('team as t')
    .innerJoin('app_user as u', 'u.id', 't.manager_id')
    .select(['u.id', 'u.display_name', 't.id as teamId'])
    .where('t.id', '=', teamId)
    .where('u.disabled_at', 'is', null)
    .executeTakeFirst()
}

/**
 * Locks the contact, so brothers' and sisters' transfers on it are recorded one after another and
 * the second sees the first's notification to join.
 */
export async function lockContact(trx: Trx, contactId: number) {
  await trx.selectFrom('contact').select('id').where('id', '=', contactId).forUpdate().execute()
}

/**
 * Child protection's notifications of the brothers and sisters on the same contact (its other
 * children whose transfers in were handed over), for a child transferring in with them to join.
 */
export async function siblingNotifications(trx: Trx, contactId: number, contactChildId: number) {
  const rows = await trx
    .selectFrom('transfer_in as t')
    .innerJoin('contact_child as cc', 'cc.id', 't.contact_child_id')
    .select('t.cp_transfer_in_id')
    .where('cc.contact_id', '=', contactId)
    .where('cc.id', '<>', contactChildId)
    .where('t.cp_transfer_in_id', 'is not', null)
    .orderBy('t.id')
    .execute()
  return [...new Set(rows.flatMap((r) => (r.cp_transfer_in_id === null ? [] : [r.cp_transfer_in_id])))]
}
