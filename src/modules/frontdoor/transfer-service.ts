/**
 * A child transferring in from another authority, recorded at triage on the contact that told the
 * front door: the previous authority, what the child was to it, what it sent. A child on a child
 * protection plan there starts the transfer-in conference clock (15 working days from the
 * notification), whose task goes to the manager of the team holding the child (the MASH's until
 * a team is allocated).
 */
import { recordAudit, type AuditContext } from '../../platform/audit/audit.js'
import { londonInstant } from '../../platform/calendar/dates.js'
import type { Actor } from '../../platform/permissions/allow.js'
import { allocatedTo, recordCaseEvent } from '../../platform/tasks/case-events.js'
import { labelOf } from './model.js'
import {
  authorise,
  ContactStateError,
  liveContactChild,
  NotFoundError,
  requireRole,
  type FrontdoorDeps,
} from './service-support.js'
import { needsTransferInConference, PREVIOUS_STATUSES, type TransferInInput } from './transfer-model.js'
import * as transfers from './transfer-store.js'

const SUBJECT = 'transfer_in'

/** The transfer recorded for a child on a contact (or null), with its conference task. */
export async function viewTransferIn({ db }: FrontdoorDeps, contactChildId: number) {
  const transfer = await transfers.transferInFor(db, contactChildId)
  if (!transfer) return { transfer: null, tasks: [] }
  return { transfer, tasks: await transfers.subjectTasks(db, { type: SUBJECT, id: transfer.id }) }
}

/** A child found on a live contact, for a transfer to be recorded on. */
async function foundChild(deps: FrontdoorDeps, actor: Actor, contactChildId: number, audit: AuditContext) {
  const row = await liveContactChild(deps.db, contactChildId)
  if (row.child_id === null)
    throw new ContactStateError("Find the child's record first.", 'previousAuthority')
  await authorise(deps, actor, 'child.view', row.child_id, audit)
  return { ...row, child_id: row.child_id }
}

export async function recordTransferIn(
  deps: FrontdoorDeps,
  actor: Actor,
  contactChildId: number,
  input: TransferInInput,
  audit: AuditContext,
) {
  requireRole(actor, 'contact.triage')
  const row = await foundChild(deps, actor, contactChildId, audit)
  return deps.db.transaction().execute(async (trx) => {
    if (await transfers.transferInFor(trx, contactChildId))
      throw new ContactStateError('A transfer in is already recorded for this child.', 'previousAuthority')
    const now = deps.clock.now()
    const notifiedAt = londonInstant(input.notifiedOn, '09:00')
    const id = await transfers.insertTransferIn(trx, {
      contactChildId,
      childId: row.child_id,
      previousAuthority: input.previousAuthority,
      previousStatus: input.previousStatus,
      notifiedAt,
      sentBy: input.sentBy,
      receivedOn: input.receivedOn,
      documents: input.documents,
      documentsNote: input.documentsNote,
      recordedBy: actor.id,
      recordedAt: now,
    })
    const status = labelOf(PREVIOUS_STATUSES, input.previousStatus)?.toLowerCase()
    await recordCaseEvent(trx, {
      childId: row.child_id,
      subjectType: SUBJECT,
      subjectId: id,
      type: 'transfer_in.notified',
      occurredAt: notifiedAt,
      summary: `Transfer in from ${input.previousAuthority} (${status} there)`,
      recordedBy: actor.id,
      attributes: { previousStatus: input.previousStatus, contactChildId },
    })
    let manager: { id: number; display_name: string } | null = null
    if (needsTransferInConference(input.previousStatus)) {
      const teamId = (await allocatedTo(trx, row.child_id)).teamId ?? actor.teamId
      manager = teamId === null ? null : ((await transfers.teamManager(trx, teamId)) ?? null)
      const tasks = await transfers.assignSubjectTasks(
        trx,
        { type: SUBJECT, id },
        { userId: manager?.id ?? null, teamId },
        now,
      )
      for (const task of tasks)
        await recordAudit(trx, audit, {
          action: 'task.create',
          outcome: 'allowed',
          childId: row.child_id,
          recordType: 'task',
          recordId: task.id,
          detail: {
            clockCode: 'transfer-in-conference-15wd',
            dueAt: task.due_at.toISOString(),
            userId: manager?.id ?? null,
          },
        })
    }
    await recordAudit(trx, audit, {
      action: 'transfer_in.record',
      outcome: 'allowed',
      childId: row.child_id,
      recordType: 'transfer_in',
      recordId: id,
      detail: { previousStatus: input.previousStatus, documents: input.documents.length },
    })
    return { id, contactId: row.contact_id, manager: manager?.display_name ?? null }
  })
}

/** The transfer-in conference was held: its clock stops. */
export async function recordTransferInConference(
  deps: FrontdoorDeps,
  actor: Actor,
  contactChildId: number,
  heldOn: string,
  audit: AuditContext,
) {
  requireRole(actor, 'contact.triage')
  const row = await foundChild(deps, actor, contactChildId, audit)
  return deps.db.transaction().execute(async (trx) => {
    const transfer = await transfers.transferInFor(trx, contactChildId)
    if (!transfer) throw new NotFoundError('No transfer in is recorded for this child.')
    if (!needsTransferInConference(transfer.previous_status))
      throw new ContactStateError('Only a child on a plan there has a transfer-in conference.', 'held-day')
    if (transfer.conference_held_on !== null)
      throw new ContactStateError('The conference is already recorded as held.', 'held-day')
    await transfers.saveConferenceHeld(trx, transfer.id, heldOn)
    await recordCaseEvent(trx, {
      childId: row.child_id,
      subjectType: SUBJECT,
      subjectId: transfer.id,
      type: 'transfer_in.conference_held',
      occurredAt: londonInstant(heldOn, '12:00'),
      summary: 'Transfer-in child protection conference held',
      recordedBy: actor.id,
    })
    await recordAudit(trx, audit, {
      action: 'transfer_in.conference',
      outcome: 'allowed',
      childId: row.child_id,
      recordType: 'transfer_in',
      recordId: transfer.id,
      detail: { heldOn },
    })
    return { contactId: row.contact_id }
  })
}
