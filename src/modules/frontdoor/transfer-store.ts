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

export async function saveConferenceHeld(trx: Trx, id: number, heldOn: string) {
  await trx.updateTable('transfer_in').set({ conference_held_on: heldOn }).where('id', '=', id).execute()
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

/** Puts the open tasks of one subject with a person and team (the transfer-in conference's manager). */
export async function assignSubjectTasks(
  trx: Trx,
  subject: { type: string; id: number },
  to: { userId: number | null; teamId: number | null },
  at: Date,
) {
  return trx
    .updateTable('task')
    .set({ assigned_user_id: to.userId, assigned_team_id: to.teamId, updated_at: at })
    .where('subject_type', '=', subject.type)
    .where('subject_id', '=', String(subject.id))
    .where('stopped_at', 'is', null)
    .returning(['id', 'title', 'due_at'])
    .execute()
}

/** A subject's tasks, open or not, soonest first. */
export async function subjectTasks(trx: Trx, subject: { type: string; id: number }) {
  return trx
    .selectFrom('task')
    .leftJoin('app_user as u', 'u.id', 'task.assigned_user_id')
    .select(['task.id', 'task.title', 'task.due_at', 'task.stopped_at', 'u.display_name as assignedTo'])
    .where('task.subject_type', '=', subject.type)
    .where('task.subject_id', '=', String(subject.id))
    .orderBy('task.due_at')
    .orderBy('task.id')
    .execute()
}
