/**
 * A child transferring in from another authority, recorded at triage on the contact that told the
 * front door: the previous authority, what the child was to it, what it sent. A child on a child
 * protection plan there is handed over to child protection in the same transaction: its
 * notification (protection's `transferInFromFrontDoor`) is the one record carrying the transfer-in
 * conference clock (15 working days from the notification), whose task goes to the manager of the
 * team holding the child (the MASH's until a team is allocated), and the conference. The front
 * door's page reads where that conference stands from protection's service. A brother or sister on
 * the same contact, notified by the same authority on the same day, joins the others' notification
 * and conference (one clock, one conference for the children moving together).
 */
import { recordAudit, type AuditContext } from '../../platform/audit/audit.js'
import { londonInstant } from '../../platform/calendar/dates.js'
import type { Actor } from '../../platform/permissions/allow.js'
import { allocatedTo, recordCaseEvent } from '../../platform/tasks/case-events.js'
import { ProtectionStateError } from '../protection/service.js'
import {
  transferInFromFrontDoor,
  transferInStanding,
  type FrontDoorHandover,
} from '../protection/transfer-service.js'
import { labelOf } from './model.js'
import {
  authorise,
  ContactStateError,
  liveContactChild,
  requireRole,
  type FrontdoorDeps,
} from './service-support.js'
import { needsTransferInConference, PREVIOUS_STATUSES, type TransferInInput } from './transfer-model.js'
import * as transfers from './transfer-store.js'

const SUBJECT = 'transfer_in'

/**
 * The transfer recorded for a child on a contact (or null) and, for a child on a plan there, where
 * child protection's transfer-in conference stands (its notification, due date, conference, task).
 */
export async function viewTransferIn(deps: FrontdoorDeps, contactChildId: number) {
  const transfer = await transfers.transferInFor(deps.db, contactChildId)
  if (!transfer) return { transfer: null, protection: null }
  const protection =
    transfer.cp_transfer_in_id === null ? null : await transferInStanding(deps, transfer.cp_transfer_in_id)
  return { transfer, protection }
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
    await transfers.lockContact(trx, row.contact_id)
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
    let handedOver: FrontDoorHandover | null = null
    if (needsTransferInConference(input.previousStatus) && input.plan !== null) {
      const teamId = (await allocatedTo(trx, row.child_id)).teamId ?? actor.teamId
      manager = teamId === null ? null : ((await transfers.teamManager(trx, teamId)) ?? null)
      try {
        handedOver = await transferInFromFrontDoor(trx, actor, audit, now, {
          childId: row.child_id,
          ...input.plan,
          notifiedOn: input.notifiedOn,
          convener: { userId: manager?.id ?? null, teamId },
          siblingNotifications: await transfers.siblingNotifications(trx, row.contact_id, contactChildId),
        })
      } catch (err) {
        if (err instanceof ProtectionStateError) throw new ContactStateError(err.message, 'previousStatus')
        throw err
      }
      await transfers.linkProtectionNotification(trx, id, handedOver.id)
    }
    await recordAudit(trx, audit, {
      action: 'transfer_in.record',
      outcome: 'allowed',
      childId: row.child_id,
      recordType: 'transfer_in',
      recordId: id,
      detail: {
        previousStatus: input.previousStatus,
        documents: input.documents.length,
        cpTransferInId: handedOver?.id ?? null,
      },
    })
    return {
      id,
      contactId: row.contact_id,
      manager: manager?.display_name ?? null,
      cpTransferInId: handedOver?.id ?? null,
      joined: handedOver?.joined ?? null,
      withConference: handedOver?.joined === 'siblings' && handedOver.conferenceId !== null,
      siblingsHeld: handedOver?.joined === 'new' && handedOver.siblingsHeld,
    }
  })
}
