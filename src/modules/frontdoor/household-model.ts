/**
 * Who counts as a child's household for the history gathered at triage, and which contacts may be
 * linked as duplicates so one decision covers both. Pure: no I/O.
 *
 * The Serious Case Review's children were seen one at a time: a sibling on the same contact, or a
 * family at the same address, had history the screener never saw. So children on the same contact
 * and people at the same address count as household until the screener says otherwise.
 */
import { z } from 'zod'
import type { IsoDate } from '../../platform/calendar/dates.js'
import type { ContactChildStatus } from '../../platform/db/schema.js'

/** Why a person counts as the child's household. */
export type HouseholdBasis = 'relationship' | 'same_contact' | 'same_address'

export const HOUSEHOLD_BASIS_TEXT: Record<HouseholdBasis, string> = {
  relationship: 'recorded relationship',
  same_contact: 'on this contact',
  same_address: 'same address',
}

/** A recorded family or household relationship of the child's, from the other person's side. */
export interface RecordedRelationship {
  personId: number
  relationshipType: string
  householdMember: boolean
  toDate: IsoDate | null
}

export interface HouseholdFacts {
  childId: number
  /** The London date today: a relationship that ended before it is ended. */
  today: IsoDate
  relationships: readonly RecordedRelationship[]
  /** The other children on the same contact. */
  sameContact: readonly number[]
  /** People whose current address has the child's postcode. */
  sameAddress: readonly number[]
  /** People the screener said are not of this child's household. */
  excluded: readonly number[]
}

export interface HouseholdMember {
  personId: number
  bases: HouseholdBasis[]
  /** The relationship recorded, the current one first; null when none is. */
  relationshipType: string | null
  householdMember: boolean
  /** Every recorded relationship has ended (a former partner): shown, marked as ended. */
  ended: boolean
}

/**
 * The child's household for history: everyone with a recorded relationship (ended ones marked as
 * ended, since a former partner's history still matters), the other children on the contact and
 * the people at the same address. The screener's "not of this household" removes the presumed
 * bases (same contact, same address), never a relationship recorded on the person's record.
 */
export function householdMembers(facts: HouseholdFacts): HouseholdMember[] {
  const excluded = new Set(facts.excluded)
  const members = new Map<number, HouseholdMember>()
  const memberFor = (personId: number) => {
    let m = members.get(personId)
    if (!m) {
      m = { personId, bases: [], relationshipType: null, householdMember: false, ended: true }
      members.set(personId, m)
    }
    return m
  }
  for (const r of facts.relationships) {
    if (r.personId === facts.childId) continue
    const m = memberFor(r.personId)
    const current = r.toDate === null || r.toDate >= facts.today
    if (!m.bases.includes('relationship')) m.bases.push('relationship')
    // A current relationship names the member over an ended one.
    if (m.relationshipType === null || (current && m.ended)) m.relationshipType = r.relationshipType
    if (current) {
      m.ended = false
      m.householdMember ||= r.householdMember
    }
  }
  const presumed = (ids: readonly number[], basis: HouseholdBasis) => {
    for (const id of ids) {
      if (id === facts.childId || excluded.has(id)) continue
      const m = memberFor(id)
      if (!m.bases.includes(basis)) m.bases.push(basis)
      m.ended = false
      m.householdMember = true
    }
  }
  presumed(facts.sameContact, 'same_contact')
  presumed(facts.sameAddress, 'same_address')
  return [...members.values()]
}

/** Whether the screener may mark a member "not of this household": only a presumed member. */
export function mayExclude(member: Pick<HouseholdMember, 'bases'>): boolean {
  return member.bases.some((b) => b !== 'relationship')
}

// ---------------------------------------------------------------------------------------------
// Duplicate contacts

/** A child's place on a contact, as the linking rule needs it. */
export interface LinkableContact {
  id: number
  contactId: number
  childId: number | null
  status: ContactChildStatus
  /** The contact child it is linked to (its live link), if any. */
  linkedToId: number | null
  /** How many contact children are linked to it. */
  linkedHere: number
}

/**
 * Why `duplicate` may not be linked to `first` (so that one decision on `first` covers both), or
 * null when it may: the same child, both still open in triage, neither already linked to another,
 * and no chain (a contact others are linked to is not itself linked on).
 */
export function linkProblem(duplicate: LinkableContact, first: LinkableContact): string | null {
  if (duplicate.id === first.id) return 'A contact cannot be linked to itself'
  if (duplicate.childId === null || duplicate.childId !== first.childId)
    return 'Only a contact about the same child can be linked'
  if (duplicate.status !== 'in_triage' || first.status !== 'in_triage')
    return 'Both contacts must still be open in triage'
  if (duplicate.linkedToId !== null) return 'This contact is already linked to another: unlink it first'
  if (first.linkedToId !== null)
    return 'That contact is itself linked to another: link to the one it is decided with'
  if (duplicate.linkedHere > 0)
    return 'Other contacts are linked to this one: link the other contact to this one instead'
  return null
}

/** The open contacts of the same child this one could be linked to, earliest first. */
export function duplicateCandidates<T extends LinkableContact & { receivedAt: Date }>(
  self: LinkableContact,
  others: readonly T[],
): T[] {
  return others
    .filter((o) => linkProblem(self, o) === null)
    .sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime() || a.id - b.id)
}

// ---------------------------------------------------------------------------------------------
// Forms

const reasonText = (missing: string) =>
  z.string({ error: missing }).trim().min(1, missing).max(2000, 'Reason must be 2,000 characters or fewer')

const pickedId = (missing: string) => z.string({ error: missing }).regex(/^\d+$/, missing).transform(Number)

export const addHouseholdChildSchema = z.object({
  childId: pickedId('Select the child to add to this contact'),
})

export const excludeSchema = z.object({
  personId: pickedId('Select who is not of this household'),
  excludeReason: reasonText('Enter why they are not of this household'),
})

export const linkSchema = z.object({
  linkedToId: pickedId('Select the contact to link this one to'),
  linkReason: reasonText('Enter why this contact is a duplicate of the other'),
})

export const unlinkSchema = z.object({
  unlinkReason: reasonText('Enter why the contacts are to be decided separately'),
})
