/**
 * Changing a child's record: details and identifiers, addresses, family and household, other
 * names, the birth of an unborn child, alerts and warnings. Each change needs `child.edit` on the
 * child (allow(), a denial audited on its own), and writes the change, a case event for the
 * chronology and an audit row in one transaction, so nothing is half-saved.
 */
import type { Kysely } from 'kysely'
import type { Clock } from '../../platform/calendar/clock.js'
import type { Db } from '../../platform/db/database.js'
import type { Database } from '../../platform/db/schema.js'
import { recordAudit, recordAuditAlone, type AuditContext } from '../../platform/audit/audit.js'
import type { Actor, ChildRecord } from '../../platform/permissions/allow.js'
import { visibleFields, type FieldClass } from '../../platform/permissions/fields.js'
import { recordCaseEvent } from '../../platform/tasks/case-events.js'
import { longDate } from '../../platform/calendar/dates.js'
import {
  confidentialAddressSummary,
  type AddressInput,
  type AlertInput,
  type BirthInput,
  type OtherNameInput,
  type RelationshipInput,
} from './change-model.js'
import { ALERT_KINDS, labelFor, OTHER_NAME_KINDS, RELATIONSHIP_TYPES } from './codes.js'
import { type PersonDetails } from './record-model.js'
import { addCalendarDays } from '../../platform/calendar/dates.js'
import * as records from './record-store.js'
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
  const person = await records.lockPerson(trx, childId)
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
  clock: Clock,
  work: (trx: Trx, person: LockedPerson, fields: FieldClass[], now: Date) => Promise<Change & { result?: T }>,
): Promise<T> {
  // One time for the whole change: the permission check, any soft delete and the case event.
  const now = clock.now()
  const { basis, record } = await authoriseChild(db, actor, 'child.edit', childId, audit, clock)
  const fields = visibleFields(actor, record, now)
  try {
    return await db.transaction().execute(async (trx) => {
      const person = await lockPerson(trx, childId)
      const change = await work(trx, person, fields, now)
      await recordCaseEvent(trx, {
        childId,
        subjectType: change.subjectType ?? 'person',
        subjectId: change.subjectId ?? childId,
        type: change.type,
        occurredAt: now,
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
  clock: Clock,
  loaded?: ChildRecord | null,
  opening?: { addressId?: number | undefined },
) {
  const { record: access } = await authoriseChild(db, actor, 'child.edit', childId, audit, clock, loaded)
  const record = await loadPersonRecord(db, childId)
  if (!record) throw new NotFoundError(`No child with id ${childId}`)
  // A confidential address the actor may not see is not sent to them, prefilled or otherwise:
  // correcting or deleting it would need them to see it, so a form that names it is refused.
  const fields = visibleFields(actor, access, clock.now())
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
  clock: Clock,
): Promise<string[]> {
  return changeChild(db, actor, childId, audit, clock, async (trx, person) => {
    const changed = (Object.keys(DETAIL_COLUMNS) as (keyof PersonDetails)[]).filter((k) => {
      const before = person[DETAIL_COLUMNS[k]]
      const after = details[k]
      return JSON.stringify(before ?? null) !== JSON.stringify(after ?? null)
    })
    if (changed.length > 0) await records.updatePersonDetails(trx, childId, details)
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
  clock: Clock,
): Promise<number> {
  return changeChild(db, actor, childId, audit, clock, async (trx) => {
    // Anyone who may change the record may record a move, to a confidential address too (the
    // family told the duty worker they are in a refuge); they will not see it once it is saved.
    const current = await records.currentAddress(trx, childId)
    if (current && current.from_date > address.fromDate)
      throw new ChangeRefusedError(
        'fromDate',
        `The child has lived at their current address since ${longDate(current.from_date)}: enter a later date, or correct the current address`,
      )
    if (current) {
      const dayBefore = addCalendarDays(address.fromDate, -1)
      await records.endAddress(trx, current.id, dayBefore < current.from_date ? current.from_date : dayBefore)
    }
    const id = await records.insertAddress(trx, childId, address)
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
  const row = await records.findAddress(trx, childId, addressId)
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
  clock: Clock,
): Promise<void> {
  await changeChild(db, actor, childId, audit, clock, async (trx, _person, fields) => {
    const before = await ownAddress(trx, childId, addressId)
    if (before.confidential && !fields.includes('confidential_address'))
      throw new WithheldFieldError({ addressId })
    if (before.to_date !== null && address.toDate === null) {
      const current = await records.currentAddress(trx, childId, addressId)
      if (current)
        throw new ChangeRefusedError(
          'toDate',
          'The child has another current address: enter the date they left',
        )
    }
    await records.updateAddress(trx, addressId, address)
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
  clock: Clock,
): Promise<void> {
  await changeChild(db, actor, childId, audit, clock, async (trx, _person, fields, now) => {
    const row = await ownAddress(trx, childId, addressId)
    if (row.confidential && !fields.includes('confidential_address'))
      throw new WithheldFieldError({ addressId })
    await records.softDeleteAddress(trx, addressId, reason, now)
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
  clock: Clock,
): Promise<number> {
  return changeChild(db, actor, childId, audit, clock, async (trx) => {
    let relatedId: number
    let name: string
    let newAdult = false
    if ('adult' in input.related) {
      const a = input.related.adult
      relatedId = await records.insertAdult(trx, a, actor.id)
      name = `${a.givenName} ${a.familyName}`
      newAdult = true
    } else {
      const other = await records.findPersonToRelate(trx, input.related.id)
      if (!other || other.id === childId)
        throw new ChangeRefusedError('relatedPersonId', 'Select another person, or add a new adult')
      relatedId = other.id
      name = `${other.given_name} ${other.family_name}`
    }
    const existing = await records.relationshipInForce(trx, childId, relatedId)
    if (existing)
      throw new ChangeRefusedError(
        'relatedPersonId',
        `${name} is already recorded as family or household: end or delete that first`,
      )
    const id = await records.insertRelationship(trx, childId, relatedId, input)
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
  const row = await records.findRelationship(trx, childId, relationshipId)
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
  clock: Clock,
): Promise<void> {
  await changeChild(db, actor, childId, audit, clock, async (trx) => {
    const row = await ownRelationship(trx, childId, relationshipId)
    if (row.from_date !== null && toDate < row.from_date)
      throw new ChangeRefusedError(
        'toDate',
        `The date it ended must be on or after ${longDate(row.from_date)}`,
      )
    await records.endRelationshipOn(trx, relationshipId, toDate)
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
  clock: Clock,
): Promise<void> {
  await changeChild(db, actor, childId, audit, clock, async (trx, _person, _fields, now) => {
    const row = await ownRelationship(trx, childId, relationshipId)
    await records.softDeleteRelationship(trx, relationshipId, reason, now)
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
  clock: Clock,
): Promise<number> {
  return changeChild(db, actor, childId, audit, clock, async (trx) => {
    const id = await records.insertOtherName(trx, childId, input)
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
  clock: Clock,
): Promise<void> {
  await changeChild(db, actor, childId, audit, clock, async (trx, _person, _fields, now) => {
    const row = await records.findOtherName(trx, childId, nameId)
    if (!row) throw new NotFoundError(`No other name ${nameId} on child ${childId}`)
    await records.softDeleteOtherName(trx, nameId, reason, now)
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
  clock: Clock,
): Promise<void> {
  await changeChild(db, actor, childId, audit, clock, async (trx, person) => {
    if (person.kind !== 'unborn')
      throw new ChangeRefusedError('dateOfBirth', 'This child’s birth is already recorded')
    await records.markBorn(trx, childId, {
      dateOfBirth: birth.dateOfBirth,
      sex: birth.sex,
      nhsNumber: birth.nhsNumber ?? person.nhs_number,
      upnUnknownReason: person.upn === null ? (person.upn_unknown_reason ?? 'UN1') : null,
    })
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
  clock: Clock,
): Promise<number> {
  return changeChild(db, actor, childId, audit, clock, async (trx) => {
    const id = await records.insertAlert(trx, childId, alert, actor.id)
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
  clock: Clock,
): Promise<void> {
  await changeChild(db, actor, childId, audit, clock, async (trx, _person, _fields, now) => {
    const updated = await records.softDeleteAlert(trx, childId, alertId, reason, now)
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
  clock: Clock,
) {
  await authoriseChild(db, actor, 'child.edit', childId, audit, clock)
  return db.transaction().execute(async (trx) => {
    const found = (
      await findPeople(trx, actor, { name, dateOfBirth: null, postcode: null, identifier: null }, clock.now())
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
