/**
 * The front door's SQL for a child's household at triage (relationships, the other children on
 * the contact, people at the same address, the screener's exclusions), the household's open
 * contacts with their clocks, and duplicate contacts linked so one decision covers both. People's
 * data comes through the people module's published views.
 */
import { sql } from 'kysely'
import type { LinkableContact, RecordedRelationship } from './household-model.js'
import type { Trx } from './store.js'
import { openDecisionClock } from './triage-store.js'

/** What the household rule needs about the child on this contact. */
export async function householdFacts(trx: Trx, childId: number, contactId: number) {
  const relationships = await trx
    .selectFrom('people_relationship_v as r')
    .select([
      sql<number>`case when r.person_id = ${childId} then r.related_person_id else r.person_id end`.as(
        'personId',
      ),
      'r.relationship_type as relationshipType',
      'r.household_member as householdMember',
      'r.to_date as toDate',
    ])
    .where((eb) => eb.or([eb('r.person_id', '=', childId), eb('r.related_person_id', '=', childId)]))
    .where('r.deleted_at', 'is', null)
    .orderBy('r.id')
    .execute()
  const sameContact = await trx
    .selectFrom('contact_child')
    .select('child_id')
    .where('contact_id', '=', contactId)
    .where('child_id', 'is not', null)
    .where('child_id', '<>', childId)
    .orderBy('id')
    .execute()
  const sameAddress = await trx
    .selectFrom('people_current_address_v as mine')
    .innerJoin('people_current_address_v as theirs', (join) =>
      // The postcode first, so its index narrows the search; then the whole address.
      join
        .onRef('theirs.postcode_key', '=', 'mine.postcode_key')
        .onRef('theirs.address_key', '=', 'mine.address_key'),
    )
    .select('theirs.person_id')
    .where('mine.person_id', '=', childId)
    .where('theirs.person_id', '<>', childId)
    .orderBy('theirs.person_id')
    .limit(50)
    .execute()
  const excluded = await trx
    .selectFrom('household_exclusion')
    .select('person_id')
    .where('child_id', '=', childId)
    .orderBy('id')
    .execute()
  return {
    relationships: relationships.map((r): RecordedRelationship => ({ ...r, personId: Number(r.personId) })),
    sameContact: sameContact.map((r) => Number(r.child_id)),
    sameAddress: sameAddress.map((r) => Number(r.person_id)),
    excluded: excluded.map((r) => Number(r.person_id)),
  }
}

/** People by id as the people module publishes them (not deleted). */
export async function peopleNamed(trx: Trx, ids: readonly number[]) {
  if (ids.length === 0) return []
  return trx
    .selectFrom('people_person_v')
    .select(['id', 'given_name', 'family_name', 'kind', 'date_of_birth', 'restricted'])
    .where('id', 'in', ids)
    .where('deleted_at', 'is', null)
    .orderBy('date_of_birth')
    .orderBy('id')
    .execute()
}

/** Each open contact of these children (in triage, or waiting for the allocated worker), with its clock. */
export async function openContactsOf(trx: Trx, childIds: readonly number[]) {
  if (childIds.length === 0) return []
  return trx
    .selectFrom('contact_child as cc')
    .innerJoin('contact as c', 'c.id', 'cc.contact_id')
    .leftJoin('task as s', (join) => join.on(openDecisionClock('s', 'mash-decision')))
    .select([
      'cc.id',
      'cc.contact_id',
      'cc.child_id',
      'cc.status',
      'c.received_at',
      'c.referral_source',
      's.due_at',
      's.due_soon_at',
    ])
    .where('cc.child_id', 'in', childIds)
    .where('c.deleted_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('cc.status', '=', 'in_triage'),
        eb.and([eb('cc.status', '=', 'routed_to_allocated_worker'), eb('cc.decision', 'is', null)]),
      ]),
    )
    .orderBy('c.received_at')
    .orderBy('cc.id')
    .execute()
}

export async function insertExclusion(
  trx: Trx,
  e: { childId: number; personId: number; reason: string; by: number; at: Date },
) {
  await trx
    .insertInto('household_exclusion')
    .values({
      child_id: e.childId,
      person_id: e.personId,
      reason: e.reason,
      recorded_by: e.by,
      recorded_at: e.at,
    })
    .onConflict((oc) => oc.columns(['child_id', 'person_id']).doNothing())
    .execute()
}

// ---------------------------------------------------------------------------------------------
// Duplicate contacts

const linkable = (trx: Trx) =>
  trx
    .selectFrom('contact_child as cc')
    .innerJoin('contact as c', 'c.id', 'cc.contact_id')
    .select([
      'cc.id',
      'cc.contact_id as contactId',
      'cc.child_id as childId',
      'cc.status',
      'c.received_at as receivedAt',
      'c.referral_source as referralSource',
      sql<number | null>`(select l.linked_to_id from contact_child_link l
        where l.contact_child_id = cc.id and l.unlinked_at is null)`.as('linkedToId'),
      sql<number>`(select count(*) from contact_child_link l
        where l.linked_to_id = cc.id and l.unlinked_at is null)`.as('linkedHere'),
    ])
    .where('c.deleted_at', 'is', null)

type LinkableRow = LinkableContact & { receivedAt: Date; referralSource: string }

// Counts and int8 come back as strings from pg and numbers from PGlite.
const asLinkable = <T extends { linkedToId: unknown; linkedHere: unknown }>(r: T) => ({
  ...r,
  linkedToId: r.linkedToId === null ? null : Number(r.linkedToId),
  linkedHere: Number(r.linkedHere),
})

/** A contact child as the linking rule needs it; undefined when there is none (or it is deleted). */
export async function linkableContact(trx: Trx, contactChildId: number): Promise<LinkableRow | undefined> {
  const row = await linkable(trx).where('cc.id', '=', contactChildId).executeTakeFirst()
  return row && asLinkable(row)
}

/** The other open contacts about the same child, to offer as the one to link to. */
export async function otherOpenContacts(trx: Trx, childId: number, contactChildId: number) {
  const rows = await linkable(trx)
    .where('cc.child_id', '=', childId)
    .where('cc.id', '<>', contactChildId)
    .where('cc.status', '=', 'in_triage')
    .orderBy('c.received_at')
    .orderBy('cc.id')
    .limit(20)
    .execute()
  return rows.map(asLinkable) as LinkableRow[]
}

export async function insertLink(
  trx: Trx,
  l: { contactChildId: number; linkedToId: number; reason: string; by: number; at: Date },
): Promise<number> {
  const { id } = await trx
    .insertInto('contact_child_link')
    .values({
      contact_child_id: l.contactChildId,
      linked_to_id: l.linkedToId,
      reason: l.reason,
      linked_by: l.by,
      linked_at: l.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

const linkRows = (trx: Trx) =>
  trx
    .selectFrom('contact_child_link as l')
    .innerJoin('contact_child as dup', 'dup.id', 'l.contact_child_id')
    .innerJoin('contact_child as first', 'first.id', 'l.linked_to_id')
    .leftJoin('app_user as u', 'u.id', 'l.linked_by')
    .select([
      'l.id',
      'l.contact_child_id as contactChildId',
      'l.linked_to_id as linkedToId',
      'dup.contact_id as contactId',
      'first.contact_id as linkedToContactId',
      'l.reason',
      'l.linked_at as linkedAt',
      'u.display_name as linkedByName',
    ])
    .where('l.unlinked_at', 'is', null)

/** The live link of a duplicate to the contact it is decided with, if any. */
export async function liveLinkFrom(trx: Trx, contactChildId: number) {
  return linkRows(trx).where('l.contact_child_id', '=', contactChildId).executeTakeFirst()
}

/** The live links of duplicates to this contact child, which are decided with it. */
export async function liveLinksTo(trx: Trx, contactChildId: number) {
  return linkRows(trx).where('l.linked_to_id', '=', contactChildId).orderBy('l.id').execute()
}

export async function endLink(trx: Trx, linkId: number, u: { by: number; at: Date; reason: string }) {
  await trx
    .updateTable('contact_child_link')
    .set({ unlinked_by: u.by, unlinked_at: u.at, unlinked_reason: u.reason })
    .where('id', '=', linkId)
    .where('unlinked_at', 'is', null)
    .execute()
}

/** The condition "this contact child (aliased cc) is not linked to another", for the MASH queue. */
export const notLinked = () => sql<boolean>`not exists (select 1 from contact_child_link l
  where l.contact_child_id = cc.id and l.unlinked_at is null)`
