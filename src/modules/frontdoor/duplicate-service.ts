/**
 * Duplicate contacts: a second open contact about a child (a school's call about what the police
 * already reported) linked to the first, so one decision covers both instead of two parallel
 * triages. A linked contact leaves the MASH queue; the first one's decision is recorded on it in
 * the same transaction; unlinking, with a reason, puts it back.
 */
import { recordAudit, type AuditContext } from '../../platform/audit/audit.js'
import type { Actor } from '../../platform/permissions/allow.js'
import { recordCaseEvent } from '../../platform/tasks/case-events.js'
import { linkProblem } from './household-model.js'
import * as links from './household-store.js'
import type { ContactDecision } from '../../platform/db/schema.js'
import { contactReference, decisionOption } from './model.js'
import {
  authoriseContactChild,
  ContactStateError,
  NotFoundError,
  type FrontdoorDeps,
} from './service-support.js'
import * as store from './store.js'
import type { Trx } from './store.js'

/** Linking and unlinking: the screener's role, on a child found and open to them. */
const LINKING = {
  role: 'contact.triage',
  unfound: () => new ContactStateError('Find the child’s record before linking.', 'linkedToId'),
} as const

/** The decision a linked duplicate takes from the contact it is linked to. */
export interface LinkedDecision {
  decision: ContactDecision
  decisionReason: string | null
  transferAuthority: string | null
  oversightNote: string
}

/** A duplicate linked to an earlier contact is decided with it, never on its own. */
export async function refuseIfLinked(trx: Trx, contactChildId: number): Promise<void> {
  const own = await links.liveLinkFrom(trx, contactChildId)
  if (own)
    throw new ContactStateError(
      `This contact is linked to contact ${contactReference(own.linkedToContactId)} and is decided with it.`,
      'decision',
    )
}

/** Links this contact child to an open one about the same child (the screener's call, with why). */
export async function linkDuplicate(
  { db, clock }: FrontdoorDeps,
  actor: Actor,
  contactChildId: number,
  linkedToId: number,
  reason: string,
  audit: AuditContext,
) {
  await authoriseContactChild({ db, clock }, actor, contactChildId, audit, LINKING)
  return db.transaction().execute(async (trx) => {
    const duplicate = await links.linkableContact(trx, contactChildId)
    const first = await links.linkableContact(trx, linkedToId)
    if (!duplicate) throw new NotFoundError(`No contact child ${contactChildId}`)
    if (!first) throw new ContactStateError('Select an open contact about the same child', 'linkedToId')
    const problem = linkProblem(duplicate, first)
    if (problem !== null) throw new ContactStateError(problem, 'linkedToId')
    const at = clock.now()
    const id = await links.insertLink(trx, { contactChildId, linkedToId, reason, by: actor.id, at })
    await recordCaseEvent(trx, {
      childId: duplicate.childId as number,
      subjectType: 'contact',
      subjectId: contactChildId,
      type: 'contact.linked',
      occurredAt: at,
      summary: `Contact ${contactReference(duplicate.contactId)} linked to contact ${contactReference(first.contactId)}: decided with it`,
      recordedBy: actor.id,
      attributes: { linkedTo: linkedToId },
    })
    await recordAudit(trx, audit, {
      action: 'contact.link',
      outcome: 'allowed',
      childId: duplicate.childId,
      recordType: 'contact_child_link',
      recordId: id,
      detail: { contactChildId, linkedToId, reason },
    })
    return id
  })
}

/** Ends this contact child's link, with why: it goes back into the queue for its own decision. */
export async function unlinkDuplicate(
  { db, clock }: FrontdoorDeps,
  actor: Actor,
  contactChildId: number,
  reason: string,
  audit: AuditContext,
) {
  await authoriseContactChild({ db, clock }, actor, contactChildId, audit, LINKING)
  return db.transaction().execute(async (trx) => {
    const link = await links.liveLinkFrom(trx, contactChildId)
    if (!link) throw new ContactStateError('This contact is not linked to another.', 'unlinkReason')
    const row = await store.loadContactChild(trx, contactChildId)
    if (!row || row.child_id === null || row.status !== 'in_triage')
      throw new ContactStateError('Only an open contact can be unlinked.', 'unlinkReason')
    const at = clock.now()
    await links.endLink(trx, link.id, { by: actor.id, at, reason })
    await recordCaseEvent(trx, {
      childId: row.child_id,
      subjectType: 'contact',
      subjectId: contactChildId,
      type: 'contact.unlinked',
      occurredAt: at,
      summary: `Contact ${contactReference(link.contactId)} unlinked from contact ${contactReference(link.linkedToContactId)}: to be decided on its own`,
      recordedBy: actor.id,
    })
    await recordAudit(trx, audit, {
      action: 'contact.unlink',
      outcome: 'allowed',
      childId: row.child_id,
      recordType: 'contact_child_link',
      recordId: link.id,
      detail: { contactChildId, reason },
    })
  })
}

/**
 * Called by the decision, in its transaction, once the decision on `contactChildId` is saved: a
 * contact linked to another is refused (it is decided with that one), and every contact linked to
 * this one gets the same decision, its clock stopped. No second referral: the one the decision
 * opens is for the same child.
 */
export async function decideLinkedContacts(
  trx: Trx,
  actor: Actor,
  audit: AuditContext,
  decided: { contactChildId: number; input: LinkedDecision; at: Date },
) {
  await refuseIfLinked(trx, decided.contactChildId)
  const { input, at } = decided
  const option = decisionOption(input.decision)
  for (const link of await links.liveLinksTo(trx, decided.contactChildId)) {
    const row = await store.loadContactChild(trx, link.contactChildId)
    if (!row || row.child_id === null || row.status !== 'in_triage') continue
    const withIt = `Decided with contact ${contactReference(link.linkedToContactId)}`
    await store.saveDecision(trx, link.contactChildId, {
      decision: input.decision,
      decisionReason: input.decisionReason ? `${withIt}: ${input.decisionReason}` : withIt,
      transferAuthority: input.decision === 'transfer' ? input.transferAuthority : null,
      oversightNote: input.oversightNote,
      decidedBy: actor.id,
      at,
    })
    await recordCaseEvent(trx, {
      childId: row.child_id,
      subjectType: 'contact',
      subjectId: link.contactChildId,
      type: 'contact.decided',
      occurredAt: at,
      summary: `Decision: ${option.label.toLowerCase()} (decided with contact ${contactReference(link.linkedToContactId)})`,
      recordedBy: actor.id,
      attributes: { decision: input.decision, decidedWith: decided.contactChildId },
    })
    await recordAudit(trx, audit, {
      action: 'contact.decide',
      outcome: 'allowed',
      childId: row.child_id,
      recordType: 'contact_child',
      recordId: link.contactChildId,
      detail: { decision: input.decision, decidedWith: decided.contactChildId },
    })
  }
}
