/**
 * The household at triage: who counts (household-model.ts), the children of it not on this contact
 * with their open contacts and clocks, adding one of them to the contact, and the screener's "not
 * of this household" with a reason.
 */
import { recordAudit, type AuditContext } from '../../platform/audit/audit.js'
import { londonDate } from '../../platform/calendar/dates.js'
import type { Actor } from '../../platform/permissions/allow.js'
import { startChild } from './contact-service.js'
import { householdMembers, mayExclude } from './household-model.js'
import * as hh from './household-store.js'
import {
  authorise,
  ContactStateError,
  liveContactChild,
  openForTriage,
  requireRole,
  type FrontdoorDeps,
} from './service-support.js'
import * as store from './store.js'
import type { Trx } from './store.js'

/** The child's household as shown at triage: each member's name and why they count. */
export async function householdAtTriage(trx: Trx, childId: number, contactId: number, now: Date) {
  const facts = await hh.householdFacts(trx, childId, contactId)
  const members = householdMembers({ childId, today: londonDate(now.getTime()), ...facts })
  const byId = new Map(members.map((m) => [m.personId, m]))
  const onContact = new Set(facts.sameContact)
  const people = await hh.peopleNamed(
    trx,
    members.map((m) => m.personId),
  )
  return people.map((p) => ({
    ...p,
    ...(byId.get(p.id) as (typeof members)[number]),
    onContact: onContact.has(p.id),
  }))
}

export type HouseholdMemberShown = Awaited<ReturnType<typeof householdAtTriage>>[number]

/** The open contacts, with their decision clocks, of the household's children not on this contact. */
export async function openContactsOfOthers(trx: Trx, children: readonly HouseholdMemberShown[]) {
  return hh.openContactsOf(
    trx,
    children.map((c) => c.id),
  )
}

/**
 * The screener adds a household child to this contact: a new place on it, in triage (or with the
 * allocated worker when the child's case is open), the decision clocks running from receipt.
 */
export async function addHouseholdChild(
  { db, clock }: FrontdoorDeps,
  actor: Actor,
  contactChildId: number,
  childId: number,
  audit: AuditContext,
) {
  requireRole(actor, 'contact.triage')
  await authorise({ db, clock }, actor, 'child.view', childId, audit)
  return db.transaction().execute(async (trx) => {
    const row = await openForTriage(trx, contactChildId)
    const member = (await householdAtTriage(trx, row.child_id, row.contact_id, clock.now())).find(
      (m) => m.id === childId,
    )
    if (!member || member.kind !== 'child' || member.ended)
      throw new ContactStateError('Only a child of this household can be added from here.', 'household')
    if (await store.contactHasChild(trx, row.contact_id, childId))
      throw new ContactStateError('That child is already on this contact.', 'household')
    const id = await store.insertFoundChild(trx, row.contact_id, childId)
    const route = await startChild(trx, actor, audit, id, childId, row.received_at, row.referral_source)
    await recordAudit(trx, audit, {
      action: 'contact.household.add',
      outcome: 'allowed',
      childId,
      recordType: 'contact_child',
      recordId: id,
      detail: { from: contactChildId, bases: member.bases },
    })
    return { contactChildId: id, contactId: row.contact_id, route }
  })
}

/**
 * The screener says a person presumed to be of the child's household (on the same contact, at the
 * same address) is not: their history is no longer gathered for this child. A recorded
 * relationship is changed on the person's record, not here.
 */
export async function excludeFromHousehold(
  { db, clock }: FrontdoorDeps,
  actor: Actor,
  contactChildId: number,
  personId: number,
  reason: string,
  audit: AuditContext,
) {
  requireRole(actor, 'contact.triage')
  return db.transaction().execute(async (trx) => {
    const row = await liveContactChild(trx, contactChildId)
    if (row.child_id === null) throw new ContactStateError('Find the child’s record first.', 'household')
    const now = clock.now()
    const member = (await householdAtTriage(trx, row.child_id, row.contact_id, now)).find(
      (m) => m.id === personId,
    )
    if (!member || !mayExclude(member))
      throw new ContactStateError(
        'Only someone on the same contact or at the same address can be marked here; change a recorded relationship on the person’s record.',
        'household',
      )
    await hh.insertExclusion(trx, { childId: row.child_id, personId, reason, by: actor.id, at: now })
    await recordAudit(trx, audit, {
      action: 'contact.household.exclude',
      outcome: 'allowed',
      childId: row.child_id,
      recordType: 'contact_child',
      recordId: contactChildId,
      detail: { personId, reason },
    })
  })
}
