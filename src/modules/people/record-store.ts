/**
 * Changing a child's record in SQL: the person row, addresses, family and household, other names
 * and alerts. Every function runs inside the change's transaction (record-service's changeChild);
 * soft deletes take their time from the caller, so it is the change's own time.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../../platform/db/schema.js'
import type { AddressInput, AlertInput, NewAdult, OtherNameInput, RelationshipInput } from './change-model.js'
import type { PersonDetails } from './record-model.js'

type Trx = Kysely<Database>

/** The person row, locked for the change; undefined when there is none (or it is deleted). */
export function lockPerson(trx: Trx, personId: number) {
  return trx
    .selectFrom('person')
    .selectAll()
    .where('id', '=', personId)
    .where('deleted_at', 'is', null)
    .forUpdate()
    .executeTakeFirst()
}

export async function updatePersonDetails(trx: Trx, personId: number, details: PersonDetails): Promise<void> {
  await trx
    .updateTable('person')
    .set({
      given_name: details.givenName,
      family_name: details.familyName,
      sex: details.sex,
      gender_identity: details.genderIdentity,
      ethnicity: details.ethnicity,
      disabilities: details.disabilities,
      first_language: details.firstLanguage,
      nhs_number: details.nhsNumber,
      upn: details.upn,
      former_upn: details.formerUpn,
      upn_unknown_reason: details.upnUnknownReason,
    })
    .where('id', '=', personId)
    .execute()
}

/** The unborn child's record becomes a born child's. */
export async function markBorn(
  trx: Trx,
  personId: number,
  birth: {
    dateOfBirth: string
    sex: 'M' | 'F' | 'U'
    nhsNumber: string | null
    upnUnknownReason: string | null
  },
): Promise<void> {
  await trx
    .updateTable('person')
    .set({
      kind: 'child',
      date_of_birth: birth.dateOfBirth,
      sex: birth.sex,
      nhs_number: birth.nhsNumber,
      upn_unknown_reason: birth.upnUnknownReason,
    })
    .where('id', '=', personId)
    .execute()
}

/** The person's current address other than `exceptId`, if they have one. */
export function currentAddress(trx: Trx, personId: number, exceptId?: number) {
  let query = trx
    .selectFrom('person_address')
    .select(['id', 'from_date'])
    .where('person_id', '=', personId)
    .where('to_date', 'is', null)
    .where('deleted_at', 'is', null)
  if (exceptId !== undefined) query = query.where('id', '<>', exceptId)
  return query.executeTakeFirst()
}

export async function endAddress(trx: Trx, addressId: number, toDate: string): Promise<void> {
  await trx.updateTable('person_address').set({ to_date: toDate }).where('id', '=', addressId).execute()
}

export async function insertAddress(trx: Trx, personId: number, address: AddressInput): Promise<number> {
  const { id } = await trx
    .insertInto('person_address')
    .values({
      person_id: personId,
      line_1: address.line1,
      line_2: address.line2,
      town: address.town,
      postcode: address.postcode,
      from_date: address.fromDate,
      confidential: address.confidential,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

/** One of the person's addresses (not deleted), or undefined. */
export function findAddress(trx: Trx, personId: number, addressId: number) {
  return trx
    .selectFrom('person_address')
    .selectAll()
    .where('id', '=', addressId)
    .where('person_id', '=', personId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst()
}

export async function updateAddress(trx: Trx, addressId: number, address: AddressInput): Promise<void> {
  await trx
    .updateTable('person_address')
    .set({
      line_1: address.line1,
      line_2: address.line2,
      town: address.town,
      postcode: address.postcode,
      from_date: address.fromDate,
      to_date: address.toDate,
      confidential: address.confidential,
    })
    .where('id', '=', addressId)
    .execute()
}

export async function softDeleteAddress(
  trx: Trx,
  addressId: number,
  reason: string,
  at: Date,
): Promise<void> {
  await trx
    .updateTable('person_address')
    .set({ deleted_at: at, deleted_reason: reason })
    .where('id', '=', addressId)
    .execute()
}

/** A new adult, added as a child's family or household member; returns the new id. */
export async function insertAdult(trx: Trx, adult: NewAdult, createdBy: number | null): Promise<number> {
  const { id } = await trx
    .insertInto('person')
    .values({
      kind: 'adult',
      given_name: adult.givenName,
      family_name: adult.familyName,
      date_of_birth: adult.dateOfBirth,
      sex: adult.sex,
      created_by: createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

/** A person (not deleted) by id, with their name, to relate to a child. */
export function findPersonToRelate(trx: Trx, personId: number) {
  return trx
    .selectFrom('person')
    .select(['id', 'given_name', 'family_name', 'restricted'])
    .where('id', '=', personId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst()
}

/** A relationship in force between the two people, either way round, if there is one. */
export function relationshipInForce(trx: Trx, personId: number, otherId: number) {
  return trx
    .selectFrom('person_relationship')
    .select('id')
    .where('deleted_at', 'is', null)
    .where('to_date', 'is', null)
    .where((eb) =>
      eb.or([
        eb.and([eb('person_id', '=', otherId), eb('related_person_id', '=', personId)]),
        eb.and([eb('person_id', '=', personId), eb('related_person_id', '=', otherId)]),
      ]),
    )
    .executeTakeFirst()
}

/** "`relatedId` is the child's <type>"; returns the new id. */
export async function insertRelationship(
  trx: Trx,
  childId: number,
  relatedId: number,
  input: Omit<RelationshipInput, 'related'>,
): Promise<number> {
  const { id } = await trx
    .insertInto('person_relationship')
    .values({
      person_id: relatedId,
      related_person_id: childId,
      relationship_type: input.relationshipType,
      household_member: input.householdMember,
      from_date: input.fromDate,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

/** One of the child's relationships (not deleted), with the other person's name, or undefined. */
export function findRelationship(trx: Trx, childId: number, relationshipId: number) {
  return trx
    .selectFrom('person_relationship as r')
    .innerJoin('person as other', (j) =>
      j.on((eb) =>
        eb.or([
          eb.and([eb('r.person_id', '=', childId), eb('other.id', '=', eb.ref('r.related_person_id'))]),
          eb.and([eb('r.related_person_id', '=', childId), eb('other.id', '=', eb.ref('r.person_id'))]),
        ]),
      ),
    )
    .select(['r.id', 'r.from_date', 'r.to_date', 'other.given_name', 'other.family_name'])
    .where('r.id', '=', relationshipId)
    .where('r.deleted_at', 'is', null)
    .executeTakeFirst()
}

export async function endRelationshipOn(trx: Trx, relationshipId: number, toDate: string): Promise<void> {
  await trx
    .updateTable('person_relationship')
    .set({ to_date: toDate })
    .where('id', '=', relationshipId)
    .execute()
}

export async function softDeleteRelationship(
  trx: Trx,
  relationshipId: number,
  reason: string,
  at: Date,
): Promise<void> {
  await trx
    .updateTable('person_relationship')
    .set({ deleted_at: at, deleted_reason: reason })
    .where('id', '=', relationshipId)
    .execute()
}

export async function insertOtherName(trx: Trx, personId: number, name: OtherNameInput): Promise<number> {
  const { id } = await trx
    .insertInto('person_name')
    .values({
      person_id: personId,
      kind: name.otherNameKind,
      given_name: name.otherGivenName,
      family_name: name.otherFamilyName,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

/** One of the person's other names (not deleted), or undefined. */
export function findOtherName(trx: Trx, personId: number, nameId: number) {
  return trx
    .selectFrom('person_name')
    .select(['given_name', 'family_name'])
    .where('id', '=', nameId)
    .where('person_id', '=', personId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst()
}

export async function softDeleteOtherName(trx: Trx, nameId: number, reason: string, at: Date): Promise<void> {
  await trx
    .updateTable('person_name')
    .set({ deleted_at: at, deleted_reason: reason })
    .where('id', '=', nameId)
    .execute()
}

export async function insertAlert(
  trx: Trx,
  personId: number,
  alert: AlertInput,
  createdBy: number | null,
): Promise<number> {
  const { id } = await trx
    .insertInto('person_alert')
    .values({
      person_id: personId,
      kind: alert.kind,
      summary: alert.summary,
      from_date: alert.fromDate,
      until_date: alert.untilDate,
      created_by: createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

/** Removes one of the person's alerts (not already removed); its kind, or undefined if none. */
export function softDeleteAlert(trx: Trx, personId: number, alertId: number, reason: string, at: Date) {
  return trx
    .updateTable('person_alert')
    .set({ deleted_at: at, deleted_reason: reason })
    .where('id', '=', alertId)
    .where('person_id', '=', personId)
    .where('deleted_at', 'is', null)
    .returning(['kind'])
    .executeTakeFirst()
}
