/**
 * Changing a child's record: details and identifiers, addresses, family and household, other
 * names, the birth of an unborn child, alerts and warnings. Each change needs `child.edit` on the
 * child (allow(), a denial audited on its own), and writes the change, a case event for the
 * chronology and an audit row in one transaction, so nothing is half-saved.
 */
import { sql } from 'kysely'
import type { Db } from '../../platform/db/database.js'
import type { Database } from '../../platform/db/schema.js'
import type { Kysely } from 'kysely'
import { recordAudit, recordAuditAlone, type AuditContext } from '../../platform/audit/audit.js'
import type { Actor, ChildRecord } from '../../platform/permissions/allow.js'
import { visibleFields, type FieldClass } from '../../platform/permissions/fields.js'
import { recordCaseEvent } from '../../platform/tasks/case-events.js'
import {
  ALERT_KINDS,
  confidentialAddressSummary,
  labelFor,
  longDate,
  OTHER_NAME_KINDS,
  RELATIONSHIP_TYPES,
  type AddressInput,
  type AlertInput,
  type BirthInput,
  type OtherNameInput,
  type PersonDetails,
  type RelationshipInput,
} from './model.js'
import { addCalendarDays } from '../../platform/calendar/dates.js'
import { findPeople, loadPersonRecord } from './store.js'
import { authoriseChild, DuplicateIdentifierError, withholdAddresses } from './service.js'
import { NotAllowedError, NotFoundError } from '../../platform/http/errors.js'

type Trx = Kysely<Database>

/** A change the form cannot make as asked, with the field to point the reader at. */
export class ChangeRefusedError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message)
    this.name = 'ChangeRefusedError'
  }
}

interface Change {
  /** The case event: 'person.updated', 'address.added' … */
  type: string
  summary: string
  subjectType?: string
  subjectId?: number
  attributes?: Record<string, unknown>
  /** What the audit row says changed: field names and row ids, not the values. */
  detail: Record<string, unknown>
}

/** The person row, locked for the change, as the change sees it. */
export type LockedPerson = Awaited<ReturnType<typeof lockPerson>>

async function lockPerson(trx: Trx, childId: number) {
  const person = await trx
    .selectFrom('person')
    .selectAll()
    .where('id', '=', childId)
    .where('deleted_at', 'is', null)
    .forUpdate()
    .executeTakeFirst()
  if (!person) throw new NotFoundError(`No child with id ${childId}`)
  return person
}

/** Why someone who may change the record may still not change a confidential address. */
export const CONFIDENTIAL_ADDRESS_REFUSAL =
  'This is a confidential address (a refuge or undisclosed address). Only the allocated worker, ' +
  'their team manager or someone with a restricted-record grant may see, correct or delete it. ' +
  'You can still add a new address if the child has moved.'

/** A change refused because of a field rule, audited on its own so the rollback cannot lose it. */
async function refuseWithheld(db: Db, audit: AuditContext, childId: number, detail: Record<string, unknown>) {
  await recordAuditAlone(db, audit, {
    action: 'child.edit',
    outcome: 'denied',
    childId,
    recordType: 'child',
    recordId: childId,
    detail: { reason: CONFIDENTIAL_ADDRESS_REFUSAL, ...detail },
  })
  return new NotAllowedError(CONFIDENTIAL_ADDRESS_REFUSAL)
}

class WithheldFieldError extends Error {
  constructor(readonly detail: Record<string, unknown>) {
    super('A protected field the actor may not see')
  }
}

/**
 * The one way a child's record changes: permission first, then the change, its case event and
 * its audit row in one transaction. Identifier clashes become DuplicateIdentifierError. The work
 * is told which protected fields the actor may see (SEC-04): a change to one they may not see is
 * refused with WithheldFieldError, audited as a denial.
 */
export async function changeChild<T = void>(
  db: Db,
  actor: Actor,
  childId: number,
  audit: AuditContext,
  work: (trx: Trx, person: LockedPerson, fields: FieldClass[]) => Promise<Change & { result?: T }>,
): Promise<T> {
  const { basis, record } = await authoriseChild(db, actor, 'child.edit', childId, audit)
  const fields = visibleFields(actor, record, new Date())
  try {
    return await db.transaction().execute(async (trx) => {
      const person = await lockPerson(trx, childId)
      const change = await work(trx, person, fields)
      await recordCaseEvent(trx, {
        childId,
        subjectType: change.subjectType ?? 'person',
        subjectId: change.subjectId ?? childId,
        type: change.type,
        occurredAt: new Date(),
        summary: change.summary,
        recordedBy: actor.id,
        attributes: change.attributes ?? {},
      })
      await recordAudit(trx, audit, {
        action: 'child.edit',
        outcome: 'allowed',
        childId,
        recordType: 'child',
        recordId: childId,
        basis,
        detail: { change: change.type, ...change.detail },
      })
      return change.result as T
    })
  } catch (err) {
    if (err instanceof WithheldFieldError) throw await refuseWithheld(db, audit, childId, err.detail)
    const constraint = (err as { constraint?: string }).constraint ?? String((err as Error).message)
    if (constraint.includes('person_nhs_number')) throw new DuplicateIdentifierError('nhsNumber')
    if (constraint.includes('person_upn')) throw new DuplicateIdentifierError('upn')
    throw err
  }
}

/**
 * The record as a change form needs it (the person, other names, addresses, family, alerts),
 * read only by someone who may change it. The form's route declares the child as its subject, so
 * the platform has checked and audited the view; the check here keeps the service safe on its own.
 */
export async function openChildForChange(
  db: Db,
  actor: Actor,
  childId: number,
  audit: AuditContext,
  loaded?: ChildRecord | null,
  opening?: { addressId?: number | undefined },
) {
  const { record: access } = await authoriseChild(db, actor, 'child.edit', childId, audit, loaded)
  const record = await loadPersonRecord(db, childId)
  if (!record) throw new NotFoundError(`No child with id ${childId}`)
  // A confidential address the actor may not see is not sent to them, prefilled or otherwise:
  // correcting or deleting it would need them to see it, so a form that names it is refused.
  const fields = visibleFields(actor, access, new Date())
  const addresses = withholdAddresses(record.addresses, fields)
  const named = addresses.find((a) => a.id === opening?.addressId)
  if (named?.withheld) throw await refuseWithheld(db, audit, childId, { addressId: named.id })
  return { ...record, addresses, fields }
}

const DETAIL_COLUMNS = {
  givenName: 'given_name',
  familyName: 'family_name',
  sex: 'sex',
  genderIdentity: 'gender_identity',
  ethnicity: 'ethnicity',
  disabilities: 'disabilities',
  firstLanguage: 'first_language',
  nhsNumber: 'nhs_number',
  upn: 'upn',
  formerUpn: 'former_upn',
  upnUnknownReason: 'upn_unknown_reason',
} as const

const FIELD_WORDS: Record<keyof PersonDetails, string> = {
  givenName: 'first name',
  familyName: 'last name',
  sex: 'sex',
  genderIdentity: 'gender identity',
  ethnicity: 'ethnicity',
  disabilities: 'disability',
  firstLanguage: 'first language',
  nhsNumber: 'NHS number',
  upn: 'UPN',
  formerUpn: 'former UPN',
  upnUnknownReason: 'reason the UPN is not known',
}

/** Changes names, sex, identity, identifiers; the chronology says which fields changed. */
export async function updateChildDetails(
  db: Db,
  actor: Actor,
  childId: number,
  details: PersonDetails,
  audit: AuditContext,
): Promise<string[]> {
  return changeChild(db, actor, childId, audit, async (trx, person) => {
    const changed = (Object.keys(DETAIL_COLUMNS) as (keyof PersonDetails)[]).filter((k) => {
      const before = person[DETAIL_COLUMNS[k]]
      const after = details[k]
      return JSON.stringify(before ?? null) !== JSON.stringify(after ?? null)
    })
    if (changed.length > 0)
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
        .where('id', '=', childId)
        .execute()
    const words = changed.map((k) => FIELD_WORDS[k])
    return {
      type: 'person.updated',
      summary: words.length ? `Details changed: ${words.join(', ')}` : 'Details checked: nothing changed',
      attributes: { fields: changed },
      detail: { fields: changed },
      result: changed,
    }
  })
}

const oneLine = (a: { line1: string; town: string | null; postcode: string | null }) =>
  [a.line1, a.town, a.postcode].filter(Boolean).join(', ')

/**
 * A move: the new address becomes current and the current one ends the day before (or the same
 * day, if it began that day). History is kept.
 */
export async function addAddress(
  db: Db,
  actor: Actor,
  childId: number,
  address: AddressInput,
  audit: AuditContext,
): Promise<number> {
  return changeChild(db, actor, childId, audit, async (trx) => {
    // Anyone who may change the record may record a move, to a confidential address too (the
    // family told the duty worker they are in a refuge); they will not see it once it is saved.
    const current = await trx
      .selectFrom('person_address')
      .select(['id', 'from_date'])
      .where('person_id', '=', childId)
      .where('to_date', 'is', null)
      .where('deleted_at', 'is', null)
      .executeTakeFirst()
    if (current && current.from_date > address.fromDate)
      throw new ChangeRefusedError(
        'fromDate',
        `The child has lived at their current address since ${longDate(current.from_date)}: enter a later date, or correct the current address`,
      )
    if (current) {
      const dayBefore = addCalendarDays(address.fromDate, -1)
      await trx
        .updateTable('person_address')
        .set({ to_date: dayBefore < current.from_date ? current.from_date : dayBefore })
        .where('id', '=', current.id)
        .execute()
    }
    const { id } = await trx
      .insertInto('person_address')
      .values({
        person_id: childId,
        line_1: address.line1,
        line_2: address.line2,
        town: address.town,
        postcode: address.postcode,
        from_date: address.fromDate,
        confidential: address.confidential,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return {
      type: 'address.added',
      summary: address.confidential
        ? confidentialAddressSummary('address.added', address.fromDate)
        : `Moved to ${oneLine(address)} from ${longDate(address.fromDate)}`,
      attributes: { addressId: id, endedAddressId: current?.id ?? null },
      detail: { addressId: id, endedAddressId: current?.id ?? null, confidential: address.confidential },
      result: id,
    }
  })
}

async function ownAddress(trx: Trx, childId: number, addressId: number) {
  const row = await trx
    .selectFrom('person_address')
    .selectAll()
    .where('id', '=', addressId)
    .where('person_id', '=', childId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst()
  if (!row) throw new NotFoundError(`No address ${addressId} on child ${childId}`)
  return row
}

/** Corrects an address typed wrongly (not a move): its lines and dates. */
export async function correctAddress(
  db: Db,
  actor: Actor,
  childId: number,
  addressId: number,
  address: AddressInput,
  audit: AuditContext,
): Promise<void> {
  await changeChild(db, actor, childId, audit, async (trx, _person, fields) => {
    const before = await ownAddress(trx, childId, addressId)
    if (before.confidential && !fields.includes('confidential_address'))
      throw new WithheldFieldError({ addressId })
    if (before.to_date !== null && address.toDate === null) {
      const current = await trx
        .selectFrom('person_address')
        .select('id')
        .where('person_id', '=', childId)
        .where('to_date', 'is', null)
        .where('deleted_at', 'is', null)
        .where('id', '<>', addressId)
        .executeTakeFirst()
      if (current)
        throw new ChangeRefusedError(
          'toDate',
          'The child has another current address: enter the date they left',
        )
    }
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
    return {
      type: 'address.corrected',
      summary: address.confidential
        ? confidentialAddressSummary('address.corrected')
        : `Address corrected: ${oneLine(address)}`,
      attributes: { addressId },
      detail: { addressId, confidential: address.confidential },
    }
  })
}

export async function deleteAddress(
  db: Db,
  actor: Actor,
  childId: number,
  addressId: number,
  reason: string,
  audit: AuditContext,
): Promise<void> {
  await changeChild(db, actor, childId, audit, async (trx, _person, fields) => {
    const row = await ownAddress(trx, childId, addressId)
    if (row.confidential && !fields.includes('confidential_address'))
      throw new WithheldFieldError({ addressId })
    await trx
      .updateTable('person_address')
      .set({ deleted_at: new Date(), deleted_reason: reason })
      .where('id', '=', addressId)
      .execute()
    return {
      type: 'address.deleted',
      summary: row.confidential
        ? `${confidentialAddressSummary('address.deleted')}: ${reason}`
        : `Address deleted (${oneLine({ line1: row.line_1, town: row.town, postcode: row.postcode })}): ${reason}`,
      attributes: { addressId },
      detail: { addressId, reason },
    }
  })
}

/**
 * Adds a family or household member: someone already recorded (picked from a search) or a new
 * adult. Stored as "that person is the child's <type>".
 */
export async function addRelationship(
  db: Db,
  actor: Actor,
  childId: number,
  input: RelationshipInput,
  audit: AuditContext,
): Promise<number> {
  return changeChild(db, actor, childId, audit, async (trx) => {
    let relatedId: number
    let name: string
    let newAdult = false
    if ('adult' in input.related) {
      const a = input.related.adult
      const row = await trx
        .insertInto('person')
        .values({
          kind: 'adult',
          given_name: a.givenName,
          family_name: a.familyName,
          date_of_birth: a.dateOfBirth,
          sex: a.sex,
          created_by: actor.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      relatedId = row.id
      name = `${a.givenName} ${a.familyName}`
      newAdult = true
    } else {
      const other = await trx
        .selectFrom('person')
        .select(['id', 'given_name', 'family_name', 'restricted'])
        .where('id', '=', input.related.id)
        .where('deleted_at', 'is', null)
        .executeTakeFirst()
      if (!other || other.id === childId)
        throw new ChangeRefusedError('relatedPersonId', 'Select another person, or add a new adult')
      relatedId = other.id
      name = `${other.given_name} ${other.family_name}`
    }
    const existing = await trx
      .selectFrom('person_relationship')
      .select('id')
      .where('deleted_at', 'is', null)
      .where('to_date', 'is', null)
      .where((eb) =>
        eb.or([
          eb.and([eb('person_id', '=', relatedId), eb('related_person_id', '=', childId)]),
          eb.and([eb('person_id', '=', childId), eb('related_person_id', '=', relatedId)]),
        ]),
      )
      .executeTakeFirst()
    if (existing)
      throw new ChangeRefusedError(
        'relatedPersonId',
        `${name} is already recorded as family or household: end or delete that first`,
      )
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
    const words = labelFor(RELATIONSHIP_TYPES, input.relationshipType)?.toLowerCase()
    return {
      type: 'relationship.added',
      summary: `${name} added as ${words}${input.householdMember ? ', living in the household' : ''}`,
      attributes: { relationshipId: id, relatedPersonId: relatedId, newAdult },
      detail: { relationshipId: id, relatedPersonId: relatedId, newAdult },
      result: id,
    }
  })
}

async function ownRelationship(trx: Trx, childId: number, relationshipId: number) {
  const row = await trx
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
  if (!row) throw new NotFoundError(`No relationship ${relationshipId} on child ${childId}`)
  return row
}

export async function endRelationship(
  db: Db,
  actor: Actor,
  childId: number,
  relationshipId: number,
  toDate: string,
  audit: AuditContext,
): Promise<void> {
  await changeChild(db, actor, childId, audit, async (trx) => {
    const row = await ownRelationship(trx, childId, relationshipId)
    if (row.from_date !== null && toDate < row.from_date)
      throw new ChangeRefusedError(
        'toDate',
        `The date it ended must be on or after ${longDate(row.from_date)}`,
      )
    await trx
      .updateTable('person_relationship')
      .set({ to_date: toDate })
      .where('id', '=', relationshipId)
      .execute()
    return {
      type: 'relationship.ended',
      summary: `Relationship with ${row.given_name} ${row.family_name} ended on ${longDate(toDate)}`,
      attributes: { relationshipId },
      detail: { relationshipId },
    }
  })
}

export async function deleteRelationship(
  db: Db,
  actor: Actor,
  childId: number,
  relationshipId: number,
  reason: string,
  audit: AuditContext,
): Promise<void> {
  await changeChild(db, actor, childId, audit, async (trx) => {
    const row = await ownRelationship(trx, childId, relationshipId)
    await trx
      .updateTable('person_relationship')
      .set({ deleted_at: new Date(), deleted_reason: reason })
      .where('id', '=', relationshipId)
      .execute()
    return {
      type: 'relationship.deleted',
      summary: `Relationship with ${row.given_name} ${row.family_name} deleted: ${reason}`,
      attributes: { relationshipId },
      detail: { relationshipId, reason },
    }
  })
}

export async function addOtherName(
  db: Db,
  actor: Actor,
  childId: number,
  input: OtherNameInput,
  audit: AuditContext,
): Promise<number> {
  return changeChild(db, actor, childId, audit, async (trx) => {
    const { id } = await trx
      .insertInto('person_name')
      .values({
        person_id: childId,
        kind: input.otherNameKind,
        given_name: input.otherGivenName,
        family_name: input.otherFamilyName,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return {
      type: 'name.added',
      summary: `Other name added: ${input.otherGivenName} ${input.otherFamilyName} (${labelFor(OTHER_NAME_KINDS, input.otherNameKind)?.toLowerCase()})`,
      attributes: { nameId: id },
      detail: { nameId: id },
      result: id,
    }
  })
}

export async function deleteOtherName(
  db: Db,
  actor: Actor,
  childId: number,
  nameId: number,
  reason: string,
  audit: AuditContext,
): Promise<void> {
  await changeChild(db, actor, childId, audit, async (trx) => {
    const row = await trx
      .selectFrom('person_name')
      .select(['given_name', 'family_name'])
      .where('id', '=', nameId)
      .where('person_id', '=', childId)
      .where('deleted_at', 'is', null)
      .executeTakeFirst()
    if (!row) throw new NotFoundError(`No other name ${nameId} on child ${childId}`)
    await trx
      .updateTable('person_name')
      .set({ deleted_at: new Date(), deleted_reason: reason })
      .where('id', '=', nameId)
      .execute()
    return {
      type: 'name.deleted',
      summary: `Other name ${row.given_name} ${row.family_name} deleted: ${reason}`,
      attributes: { nameId },
      detail: { nameId, reason },
    }
  })
}

/**
 * The unborn child is born: the same record (its id, names, addresses, family, events and
 * access) becomes a child's with a date of birth. The expected date is kept. A newborn has no
 * UPN yet: ‘not yet of school age’ (UN1) is recorded unless a reason is already there.
 */
export async function recordBirth(
  db: Db,
  actor: Actor,
  childId: number,
  birth: BirthInput,
  audit: AuditContext,
): Promise<void> {
  await changeChild(db, actor, childId, audit, async (trx, person) => {
    if (person.kind !== 'unborn')
      throw new ChangeRefusedError('dateOfBirth', 'This child’s birth is already recorded')
    await trx
      .updateTable('person')
      .set({
        kind: 'child',
        date_of_birth: birth.dateOfBirth,
        sex: birth.sex,
        nhs_number: birth.nhsNumber ?? person.nhs_number,
        upn_unknown_reason: person.upn === null ? (person.upn_unknown_reason ?? 'UN1') : null,
      })
      .where('id', '=', childId)
      .execute()
    return {
      type: 'person.born',
      summary: `Born on ${longDate(birth.dateOfBirth)}`,
      attributes: { dateOfBirth: birth.dateOfBirth, expectedBirthDate: person.expected_birth_date },
      detail: { nhsNumber: birth.nhsNumber !== null },
    }
  })
}

export async function addAlert(
  db: Db,
  actor: Actor,
  childId: number,
  alert: AlertInput,
  audit: AuditContext,
): Promise<number> {
  return changeChild(db, actor, childId, audit, async (trx) => {
    const { id } = await trx
      .insertInto('person_alert')
      .values({
        person_id: childId,
        kind: alert.kind,
        summary: alert.summary,
        from_date: alert.fromDate,
        until_date: alert.untilDate,
        created_by: actor.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return {
      type: 'alert.added',
      summary: `Alert added: ${labelFor(ALERT_KINDS, alert.kind)}`,
      attributes: { alertId: id, kind: alert.kind },
      detail: { alertId: id, kind: alert.kind },
      result: id,
    }
  })
}

export async function removeAlert(
  db: Db,
  actor: Actor,
  childId: number,
  alertId: number,
  reason: string,
  audit: AuditContext,
): Promise<void> {
  await changeChild(db, actor, childId, audit, async (trx) => {
    const updated = await trx
      .updateTable('person_alert')
      .set({ deleted_at: sql<Date>`now()`, deleted_reason: reason })
      .where('id', '=', alertId)
      .where('person_id', '=', childId)
      .where('deleted_at', 'is', null)
      .returning(['kind'])
      .executeTakeFirst()
    if (!updated) throw new NotFoundError(`No alert ${alertId} on child ${childId}`)
    return {
      type: 'alert.removed',
      summary: `Alert removed (${labelFor(ALERT_KINDS, updated.kind)}): ${reason}`,
      attributes: { alertId },
      detail: { alertId, reason },
    }
  })
}

/**
 * People to pick as the child's family or household: anyone found by name whom the searcher may
 * view, and any unrestricted person (adults have no allocation; a brother or sister allocated
 * elsewhere is still a brother or sister). Restricted records the searcher may not open are left
 * out. Name and date of birth only, as search shows them; audited as a search.
 */
export async function findPeopleToRelate(
  db: Db,
  actor: Actor,
  childId: number,
  name: string,
  audit: AuditContext,
) {
  await authoriseChild(db, actor, 'child.edit', childId, audit)
  return db.transaction().execute(async (trx) => {
    const found = (
      await findPeople(trx, actor, { name, dateOfBirth: null, postcode: null, identifier: null }, new Date())
    ).filter((p) => p.id !== childId && (p.visible || !p.restricted))
    await recordAudit(trx, audit, {
      action: 'child.search',
      outcome: 'allowed',
      childId,
      detail: { purpose: 'relationship', criteria: { name }, shown: found.map((p) => p.id) },
    })
    return found.map((p) => ({
      id: p.id,
      kind: p.kind,
      name: `${p.given_name} ${p.family_name}`,
      dateOfBirth: p.date_of_birth ?? p.expected_birth_date,
    }))
  })
}
