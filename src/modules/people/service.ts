/**
 * Reading a child's record: the permission rule decides, the audit trail records the decision
 * either way, and nothing read is shown until its audit row is written.
 */
import type { Clock } from '../../platform/calendar/clock.js'
import type { Db } from '../../platform/db/database.js'
import { recordAudit, recordAuditAlone, type AuditContext } from '../../platform/audit/audit.js'
import { allow, canEditChild, type Actor, type ChildRecord } from '../../platform/permissions/allow.js'
import { visibleFields, type FieldClass } from '../../platform/permissions/fields.js'
import type { Action } from '../../platform/permissions/roles.js'
import { loadChildRecord } from '../../platform/permissions/store.js'
import { recordCaseEvent } from '../../platform/tasks/case-events.js'
import { confidentialAddressSummary } from './change-model.js'
import { type NewChild, type SearchCriteria } from './record-model.js'
import {
  findLikelyMatches,
  findPeople,
  findPickedChild,
  insertChild,
  loadChildPage,
  type FoundPerson,
  type PickedChild,
} from './store.js'
import { NotAllowedError, NotFoundError } from '../../platform/http/errors.js'

// The platform's one pair, re-exported for callers not yet importing them from platform/http.
export { NotAllowedError, NotFoundError }

/**
 * Checks `action` on the child; audits a denial on its own (a rollback cannot lose it). A caller
 * that has already read the child's permission record passes it, to save reading it twice.
 *
 * The clock defaults to the system's only for callers in other modules that do not pass theirs
 * yet; people's own services always pass the one they were given.
 */
export async function authoriseChild(
  db: Db,
  actor: Actor,
  action: Action,
  childId: number,
  audit: AuditContext,
  clock: Clock,
  loaded?: ChildRecord | null,
): Promise<{ basis: string | null; record: ChildRecord }> {
  const record = loaded === undefined ? await loadChildRecord(db, childId) : loaded
  const decision = allow(actor, action, record, clock.now())
  if (!decision.allowed) {
    await recordAuditAlone(db, audit, {
      action,
      outcome: 'denied',
      childId: record ? childId : null,
      recordType: 'child',
      recordId: childId,
      detail: { reason: decision.reason },
    })
    if (!record) throw new NotFoundError(`No child with id ${childId}`)
    throw new NotAllowedError(decision.reason)
  }
  if (!record) throw new NotFoundError(`No child with id ${childId}`)
  return { basis: decision.basis, record }
}

/**
 * Children named by id in a form (the children a contact is about, say), each shown only if the
 * actor may view them: every one shown and every one refused is audited. A form must never read
 * a person by an id it was given without coming through here or a route's subject.
 */
export async function childrenToShow(
  db: Db,
  actor: Actor,
  childIds: readonly number[],
  form: string,
  audit: AuditContext,
  clock: Clock,
): Promise<{ shown: PickedChild[]; refused: number }> {
  const shown: PickedChild[] = []
  let refused = 0
  for (const childId of [...new Set(childIds)]) {
    try {
      const { basis } = await authoriseChild(db, actor, 'child.view', childId, audit, clock)
      const child = await findPickedChild(db, childId)
      if (!child) throw new NotFoundError(`No child with id ${childId}`)
      await recordAuditAlone(db, audit, {
        action: 'child.view',
        outcome: 'allowed',
        childId,
        recordType: 'child',
        recordId: childId,
        basis,
        detail: { form, sections: ['name', 'date of birth'] },
      })
      shown.push(child)
    } catch (err) {
      if (err instanceof NotAllowedError || err instanceof NotFoundError) refused++
      else throw err
    }
  }
  return { shown, refused }
}

/** The sections of the record page, named in the audit row of each view of it. */
export const RECORD_PAGE_SECTIONS = [
  'summary',
  'identifiers',
  'names',
  'addresses',
  'family',
  'alerts',
  'allocation',
  'involvements',
  'tasks',
  'chronology',
] as const

/** An address as the record holds it. */
interface StoredAddress {
  id: number
  line_1: string
  line_2: string | null
  town: string | null
  postcode: string | null
  from_date: string
  to_date: string | null
  confidential: boolean
}

/** An address as it is sent to a reader: whole, or (confidential and withheld) its dates only. */
export type ShownAddress =
  | (StoredAddress & { withheld: false })
  | {
      id: number
      from_date: string
      to_date: string | null
      confidential: true
      withheld: true
    }

/**
 * Addresses with every confidential one the reader may not see cut down to its dates (SEC-04):
 * no line, town or postcode leaves the server. The dates stay, so the history still reads.
 */
export function withholdAddresses(addresses: readonly StoredAddress[], fields: readonly FieldClass[]) {
  return addresses.map((a): ShownAddress => {
    if (!a.confidential || fields.includes('confidential_address')) return { ...a, withheld: false }
    return { id: a.id, from_date: a.from_date, to_date: a.to_date, confidential: true, withheld: true }
  })
}

/**
 * The child's record page: allowed or refused by the rules and read in one statement. The page's
 * route declares the child as its subject, so the platform has audited the view (with
 * `RECORD_PAGE_SECTIONS`) before this runs.
 */
export async function viewChildRecord(
  db: Db,
  actor: Actor,
  childId: number,
  audit: AuditContext,
  clock: Clock,
  loaded?: ChildRecord | null,
) {
  const now = clock.now()
  const { record } = await authoriseChild(db, actor, 'child.view', childId, audit, clock, loaded)
  // Whether to show change links, from the same access the view was allowed on.
  const canEdit = canEditChild(actor, record, now)
  const fields = visibleFields(actor, record, now)
  const page = await loadChildPage(db, childId)
  if (!page) throw new NotFoundError(`No child with id ${childId}`)
  const { allocation, addresses, events, ...sections } = page
  const shown = withholdAddresses(addresses, fields)
  const withheldIds = new Set(shown.filter((a) => a.withheld).map((a) => String(a.id)))
  return {
    ...sections,
    addresses: shown,
    // A change of address names the address in its summary: for a withheld one, say what happened
    // without it (the address may have been marked confidential after the event was written).
    events: events.map(({ addressId, ...e }) =>
      addressId !== null && withheldIds.has(addressId) && e.type.startsWith('address.')
        ? { ...e, summary: confidentialAddressSummary(e.type) }
        : e,
    ),
    fields,
    // More than one only after a merge of two allocated records, until a manager ends one.
    workers: [
      ...new Set(allocation.filter((a) => a.basis === 'allocated_worker').map((a) => a.worker as string)),
    ],
    team: allocation.find((a) => a.basis === 'allocated_team')?.team ?? null,
    canEdit,
  }
}

/**
 * One search result at the level of detail the searcher may see (SEC-07): a record they may view
 * in full with a link; a restricted record they may not view by name only, with nothing that
 * would help find or identify the child; any other record they may not view by name and date of
 * birth, without the address or a link.
 */
export type SearchResult =
  | {
      level: 'full'
      id: number
      name: string
      dateOfBirth: string | null
      expected: boolean
      sex: string | null
      /** Null when there is no current address or it is confidential: search never shows that. */
      postcode: string | null
      addressConfidential: boolean
    }
  // The id lets staff whose role allows it ask for emergency access to a record they cannot open.
  | { level: 'summary'; id: number; name: string; dateOfBirth: string | null; expected: boolean }
  | { level: 'name_only'; id: number; name: string }

export function resultFor(p: FoundPerson): SearchResult {
  const name = `${p.given_name} ${p.family_name}`
  const dateOfBirth = p.date_of_birth ?? p.expected_birth_date
  const expected = p.date_of_birth === null && p.expected_birth_date !== null
  if (p.visible)
    return {
      level: 'full',
      id: p.id,
      name,
      dateOfBirth,
      expected,
      sex: p.sex,
      postcode: p.postcode,
      addressConfidential: p.address_confidential,
    }
  if (p.restricted) return { level: 'name_only', id: p.id, name }
  // Enough to tell two children apart and ask the right team; where they live is not needed.
  return { level: 'summary', id: p.id, name, dateOfBirth, expected }
}

function assertRole(actor: Actor, action: Action, now: Date): void {
  const decision = allow(actor, action, null, now)
  if (!decision.allowed) throw new NotAllowedError(decision.reason)
}

/** A search, audited with the children it showed and how much of each. */
export async function searchPeople(
  db: Db,
  actor: Actor,
  criteria: SearchCriteria,
  audit: AuditContext,
  clock: Clock,
): Promise<SearchResult[]> {
  const now = clock.now()
  assertRole(actor, 'child.search', now)
  return db.transaction().execute(async (trx) => {
    const found = await findPeople(trx, actor, criteria, now)
    await recordAudit(trx, audit, {
      action: 'child.search',
      outcome: 'allowed',
      detail: {
        criteria: Object.fromEntries(Object.entries(criteria).filter(([, v]) => v !== null)),
        shown: found.map((p) => p.id),
        nameOnly: found.filter((p) => !p.visible && p.restricted).map((p) => p.id),
      },
    })
    return found.map(resultFor)
  })
}

/** People who may already be the new child, checked before a record is created, and audited. */
export async function likelyMatches(
  db: Db,
  actor: Actor,
  child: NewChild,
  audit: AuditContext,
  clock: Clock,
): Promise<SearchResult[]> {
  const now = clock.now()
  assertRole(actor, 'child.search', now)
  return db.transaction().execute(async (trx) => {
    const found = await findLikelyMatches(trx, actor, child, now)
    await recordAudit(trx, audit, {
      action: 'child.search',
      outcome: 'allowed',
      detail: { purpose: 'duplicate_check', shown: found.map((p) => p.id) },
    })
    return found.map(resultFor)
  })
}

export class DuplicateIdentifierError extends Error {
  constructor(readonly field: 'nhsNumber' | 'upn') {
    super(`Another record already has this ${field === 'nhsNumber' ? 'NHS number' : 'UPN'}`)
    this.name = 'DuplicateIdentifierError'
  }
}

/**
 * Creates a child's record: the person, other name, address, the `person.created` event and the
 * audit row in one transaction, so a failure leaves nothing behind. Anyone who searches for
 * children before creating one may create one (roles.ts has no separate action yet).
 */
export async function createChild(
  db: Db,
  actor: Actor,
  child: NewChild,
  audit: AuditContext,
  clock: Clock,
): Promise<{ id: number; canView: boolean }> {
  const now = clock.now()
  assertRole(actor, 'child.create', now)
  let id: number
  try {
    id = await db.transaction().execute(async (trx) => {
      const childId = await insertChild(trx, child, actor.id)
      await recordCaseEvent(trx, {
        childId,
        subjectType: 'person',
        subjectId: childId,
        type: 'person.created',
        occurredAt: now,
        summary: child.kind === 'unborn' ? 'Record created for an unborn child' : 'Record created',
        recordedBy: actor.id,
        attributes: { kind: child.kind },
      })
      await recordAudit(trx, audit, {
        action: 'child.create',
        outcome: 'allowed',
        childId,
        recordType: 'child',
        recordId: childId,
        detail: {
          kind: child.kind,
          otherName: child.otherName !== null,
          address: child.address !== null,
        },
      })
      return childId
    })
  } catch (err) {
    const constraint = (err as { constraint?: string }).constraint ?? String((err as Error).message)
    if (constraint.includes('person_nhs_number')) throw new DuplicateIdentifierError('nhsNumber')
    if (constraint.includes('person_upn')) throw new DuplicateIdentifierError('upn')
    throw err
  }
  const record = await loadChildRecord(db, id)
  const canView = record !== null && allow(actor, 'child.view', record, clock.now()).allowed
  return { id, canView }
}
