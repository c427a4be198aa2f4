/**
 * Taking a child on a contact to triage, so two people do not triage the same contact: who took
 * it and when, shown on the queue and the triage page. Taking over from someone else needs the
 * taker to say so, and is recorded; only the holder releases it.
 */
import { recordAudit, type AuditContext } from '../../platform/audit/audit.js'
import type { Actor } from '../../platform/permissions/allow.js'
import { roleGrants } from '../../platform/permissions/roles.js'
import { claimOf, lockClaim, setClaim } from './claim-store.js'
import {
  ContactStateError,
  NotAllowedError,
  NotFoundError,
  requireRole,
  type FrontdoorDeps,
} from './service-support.js'

export interface Claim {
  userId: number
  name: string
  at: Date
}

/** Someone else holds the child: the taker must confirm they take it from them. */
export class HeldByAnotherError extends Error {
  constructor(readonly holder: Claim) {
    super(`${holder.name} has taken this child's contact.`)
    this.name = 'HeldByAnotherError'
  }
}

/** Those who triage or decide contacts may take one. */
function requireFrontDoor(actor: Actor) {
  if (!roleGrants(actor.role, 'contact.triage')) requireRole(actor, 'contact.decide')
}

async function lockOpen(trx: Parameters<typeof lockClaim>[0], contactChildId: number) {
  const row = await lockClaim(trx, contactChildId)
  if (!row || row.deleted_at !== null) throw new NotFoundError(`No contact child ${contactChildId}`)
  if (row.status !== 'awaiting_match' && row.status !== 'in_triage')
    throw new ContactStateError('This child’s contact has already been decided or passed on.')
  return row
}

/**
 * The actor takes the child's contact. Held by someone else, it is taken only with `takeOver`
 * (the taker confirmed), and the audit row names whom it was taken from.
 */
export async function takeContactChild(
  { db, clock }: FrontdoorDeps,
  actor: Actor,
  contactChildId: number,
  options: { takeOver: boolean },
  audit: AuditContext,
) {
  requireFrontDoor(actor)
  const now = clock.now()
  return db.transaction().execute(async (trx) => {
    const row = await lockOpen(trx, contactChildId)
    const held = row.taken_by !== null && row.taken_at !== null
    if (held && row.taken_by === actor.id) return { takenFrom: null }
    if (held && !options.takeOver)
      throw new HeldByAnotherError({
        userId: row.taken_by as number,
        name: row.taken_by_name ?? 'Someone',
        at: row.taken_at as Date,
      })
    await setClaim(trx, contactChildId, { by: actor.id, at: now })
    // The route's subject check has audited reaching the child; this row records the change.
    await recordAudit(trx, audit, {
      action: 'contact.take',
      outcome: 'allowed',
      recordType: 'contact_child',
      recordId: contactChildId,
      detail: held ? { takenFrom: row.taken_by, heldSince: row.taken_at?.toISOString() } : {},
    })
    return { takenFrom: held ? (row.taken_by_name ?? 'Someone') : null }
  })
}

/** The holder gives the child's contact back to the queue; anyone else takes it over instead. */
export async function releaseContactChild(
  { db }: FrontdoorDeps,
  actor: Actor,
  contactChildId: number,
  audit: AuditContext,
) {
  requireFrontDoor(actor)
  return db.transaction().execute(async (trx) => {
    const row = await lockOpen(trx, contactChildId)
    if (row.taken_by === null) return
    if (row.taken_by !== actor.id)
      throw new NotAllowedError(
        `${row.taken_by_name ?? 'Someone else'} has taken this; only they can release it. Take it from them instead.`,
      )
    await setClaim(trx, contactChildId, null)
    await recordAudit(trx, audit, {
      action: 'contact.release',
      outcome: 'allowed',
      recordType: 'contact_child',
      recordId: contactChildId,
      detail: { heldBy: row.taken_by },
    })
  })
}

/** Who holds the child's contact now. Read by pages whose route has checked and audited the child. */
export async function currentClaim({ db }: FrontdoorDeps, contactChildId: number): Promise<Claim | null> {
  return claimOf(db, contactChildId)
}
