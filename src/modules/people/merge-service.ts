/**
 * Merging duplicate records of a person, and reversing a merge. An administrator (`people.merge`,
 * a service-oversight action: no relationship to the child is needed, and none is given) sees
 * identity details only: names, date of birth, sex, identifiers, address, and how many rows of
 * each kind would move, never their content.
 *
 * A merge moves every row that belongs to the duplicate onto the record kept, lists exactly which
 * rows moved in person_merge.moved, soft-deletes the duplicate (pointing at the record kept) and
 * audits it, in one transaction. Reversing moves exactly those rows back and restores the
 * duplicate. Rows that cannot simply move are handled so they can be put back:
 * - the duplicate's current address ends (to_date) when the record kept has a current address
 *   (one current address per person); the reversal opens it again;
 * - a relationship between the two records would become a relationship with itself: it is
 *   soft-deleted, and restored on reversal.
 */
import type { Clock } from '../../platform/calendar/clock.js'
import type { Db } from '../../platform/db/database.js'
import { recordAudit, type AuditContext } from '../../platform/audit/audit.js'
import { allow, type Actor } from '../../platform/permissions/allow.js'
import { recordCaseEvent } from '../../platform/tasks/case-events.js'
import type { SearchCriteria } from './record-model.js'
import * as store from './merge-store.js'
import {
  identityOf,
  MOVED_TABLES,
  type Identity,
  type MergeMoved,
  type MovedColumn,
  type MovedTable,
} from './merge-store.js'
import { currentAddress } from './record-store.js'
import { NotAllowedError, NotFoundError } from '../../platform/http/errors.js'

export type { Identity, MergeMoved } from './merge-store.js'
export { MOVED_TABLES } from './merge-store.js'

export class MergeRefusedError extends Error {
  constructor(
    readonly field: string,
    message: string,
    /** True when the admin may go ahead by confirming (different identifiers). */
    readonly confirmable = false,
  ) {
    super(message)
    this.name = 'MergeRefusedError'
  }
}

/**
 * Merges are administration, reached from routes outside the module that do not pass a clock yet:
 * the clock defaults to the system's there; tests and people's own routes pass theirs.
 */
function assertMerge(actor: Actor, clock: Clock): void {
  const decision = allow(actor, 'people.merge', null, clock.now())
  if (!decision.allowed) throw new NotAllowedError(decision.reason)
}

/** The record a merged duplicate now lives in (following later merges), or null if not merged. */
export async function mergedInto(db: Db, personId: number): Promise<number | null> {
  let id = personId
  for (let hop = 0; hop < 10; hop++) {
    const row = await store.mergeState(db, id)
    if (!row || row.merged_into_id === null || row.deleted_at === null) break
    id = row.merged_into_id
  }
  return id === personId ? null : id
}

/** What an administrator may see of a search result: a restricted record by name only. */
export type MergeSearchResult =
  | {
      restricted: false
      id: number
      laChildId: string | null
      kind: string
      name: string
      dateOfBirth: string | null
      expected: boolean
      sex: string | null
      nhsNumber: string | null
      upn: string | null
      postcode: string | null
    }
  | { restricted: true; name: string }

/** People who may be duplicates, by name, date of birth, postcode or identifier; audited. */
export async function searchForMerge(
  db: Db,
  actor: Actor,
  criteria: SearchCriteria,
  audit: AuditContext,
  clock: Clock,
): Promise<MergeSearchResult[]> {
  assertMerge(actor, clock)
  return db.transaction().execute(async (trx) => {
    const rows = await store.findForMerge(trx, criteria)
    await recordAudit(trx, audit, {
      action: 'people.search',
      outcome: 'allowed',
      detail: {
        purpose: 'merge',
        criteria: Object.fromEntries(Object.entries(criteria).filter(([, v]) => v !== null)),
        shown: rows.filter((r) => !r.restricted).map((r) => r.id),
        nameOnly: rows.filter((r) => r.restricted).map((r) => r.id),
      },
    })
    return rows.map((r): MergeSearchResult =>
      r.restricted
        ? { restricted: true, name: `${r.given_name} ${r.family_name}` }
        : {
            restricted: false,
            id: r.id,
            laChildId: r.la_child_id,
            kind: r.kind,
            name: `${r.given_name} ${r.family_name}`,
            dateOfBirth: r.date_of_birth ?? r.expected_birth_date,
            expected: r.date_of_birth === null && r.expected_birth_date !== null,
            sex: r.sex,
            nhsNumber: r.nhs_number,
            upn: r.upn,
            postcode: r.postcode,
          },
    )
  })
}

/** Why the two records cannot be merged, or need confirming; checked again inside the merge. */
function problems(kept: Identity, dup: Identity): MergeRefusedError[] {
  const out: MergeRefusedError[] = []
  if (kept.id === dup.id) out.push(new MergeRefusedError('duplicate', 'Choose two different records'))
  for (const [field, p] of [
    ['keep', kept],
    ['duplicate', dup],
  ] as const) {
    if (p.mergedIntoId !== null)
      out.push(new MergeRefusedError(field, `Record ${p.id} is already merged into record ${p.mergedIntoId}`))
    else if (p.deleted) out.push(new MergeRefusedError(field, `Record ${p.id} has been deleted`))
    if (p.restricted)
      out.push(
        new MergeRefusedError(
          field,
          `Record ${p.id} is restricted: its identity is not shown here, so it cannot be merged by an administrator`,
        ),
      )
  }
  if (kept.nhsNumber && dup.nhsNumber && kept.nhsNumber !== dup.nhsNumber)
    out.push(
      new MergeRefusedError(
        'confirmConflict',
        'The two records have different NHS numbers: confirm they are the same person, or do not merge them',
        true,
      ),
    )
  // Two workers each with a live allocation would both keep it: someone must end one afterwards.
  const workers = (p: Identity) => p.allocatedWorkers.map((w) => w.name).join(' and ')
  const keptWorkers = new Set(kept.allocatedWorkers.map((w) => w.id))
  if (kept.allocatedWorkers.length > 0 && dup.allocatedWorkers.some((w) => !keptWorkers.has(w.id)))
    out.push(
      new MergeRefusedError(
        'confirmConflict',
        `Both records are allocated (record ${kept.id} to ${workers(kept)}, record ${dup.id} to ${workers(dup)}): ` +
          'confirm the merge, then ask the team manager to allocate the child to one worker',
        true,
      ),
    )
  if (kept.upn && dup.upn && kept.upn !== dup.upn)
    out.push(
      new MergeRefusedError(
        'confirmConflict',
        'The two records have different UPNs: confirm they are the same person, or do not merge them',
        true,
      ),
    )
  return out
}

/** The two records side by side for the compare page, with what stops or needs confirming. */
export async function compareForMerge(
  db: Db,
  actor: Actor,
  keptId: number,
  duplicateId: number,
  audit: AuditContext,
  clock: Clock,
) {
  assertMerge(actor, clock)
  return db.transaction().execute(async (trx) => {
    const kept = await identityOf(trx, keptId)
    const dup = await identityOf(trx, duplicateId)
    if (!kept) throw new MergeRefusedError('keep', `There is no record ${keptId}`)
    if (!dup) throw new MergeRefusedError('duplicate', `There is no record ${duplicateId}`)
    const found = problems(kept, dup)
    const blocked = found.some((p) => !p.confirmable)
    await recordAudit(trx, audit, {
      action: 'people.compare',
      outcome: 'allowed',
      detail: { purpose: 'merge', kept: keptId, duplicate: duplicateId },
    })
    // A restricted record's identity is not shown (SEC-07): name only.
    const shown = (p: Identity) =>
      p.restricted ? { id: p.id, restricted: true, givenName: p.givenName, familyName: p.familyName } : p
    return {
      kept: shown(kept),
      duplicate: shown(dup),
      blocked,
      problems: found.map((p) => ({ field: p.field, text: p.message, confirmable: p.confirmable })),
    }
  })
}

/** Moves the rows back or forth, refusing when any is no longer where the merge left it. */
async function moveRows(
  trx: Parameters<typeof store.moveRows>[0],
  table: MovedTable,
  column: MovedColumn,
  ids: number[],
  from: number,
  to: number,
): Promise<void> {
  if ((await store.moveRows(trx, table, column, ids, from, to)) !== ids.length)
    throw new MergeRefusedError(
      'reason',
      `Some ${table.replace(/_/g, ' ')} rows are no longer where the merge left them: the merge cannot be reversed automatically`,
    )
}

export interface MergeRequest {
  keptId: number
  duplicateId: number
  reason: string
  /** The administrator confirms the records are the same person despite different identifiers. */
  confirmConflict: boolean
}

/** Merges the duplicate into the record kept; returns the person_merge id. */
export async function mergePeople(
  db: Db,
  actor: Actor,
  req: MergeRequest,
  audit: AuditContext,
  clock: Clock,
): Promise<number> {
  assertMerge(actor, clock)
  const now = clock.now()
  const { keptId, duplicateId } = req
  return db.transaction().execute(async (trx) => {
    await store.lockPeople(trx, [keptId, duplicateId])
    const kept = await identityOf(trx, keptId)
    const dup = await identityOf(trx, duplicateId)
    if (!kept) throw new MergeRefusedError('keep', `There is no record ${keptId}`)
    if (!dup) throw new MergeRefusedError('duplicate', `There is no record ${duplicateId}`)
    const stop = problems(kept, dup).find((p) => !(p.confirmable && req.confirmConflict))
    if (stop) throw stop

    // Both on one contact: the contact would hold the child twice.
    const duplicateContacts = new Set(await store.contactsForChild(trx, duplicateId))
    const shared = (await store.contactsForChild(trx, keptId)).find((c) => duplicateContacts.has(c))
    if (shared !== undefined)
      throw new MergeRefusedError(
        'duplicate',
        `Both records are on contact ${shared}: the front door must withdraw one of them first`,
      )

    const moved: MergeMoved = { rows: {}, endedAddresses: [], droppedRelationships: [] }
    // Relationships between the two would relate the person to themself.
    moved.droppedRelationships = await store.relationshipsBetween(trx, keptId, duplicateId, { live: true })
    await store.softDeleteRelationships(
      trx,
      moved.droppedRelationships,
      `Merge of record ${duplicateId} into ${keptId}`,
      now,
    )
    // Any relationship still between them (already deleted) cannot move either: it stays put.
    const stayIds = new Set(await store.relationshipsBetween(trx, keptId, duplicateId, { live: false }))

    if (await currentAddress(trx, keptId))
      moved.endedAddresses = await store.endCurrentAddresses(trx, duplicateId)

    for (const [table, column] of MOVED_TABLES) {
      const ids = (await store.rowIds(trx, table, column, duplicateId)).filter(
        (id) => table !== 'person_relationship' || !stayIds.has(id),
      )
      moved.rows[`${table}.${column}`] = ids
      await moveRows(trx, table, column, ids, duplicateId, keptId)
    }

    await store.markMerged(
      trx,
      duplicateId,
      keptId,
      `Merged into record ${keptId}: ${req.reason}`.slice(0, 2000),
      now,
    )
    const mergeId = await store.insertMerge(trx, {
      keptId,
      duplicateId,
      reason: req.reason,
      moved,
      mergedBy: actor.id,
    })
    const label = dup.laChildId ?? String(duplicateId)
    await recordCaseEvent(trx, {
      childId: keptId,
      subjectType: 'person',
      subjectId: keptId,
      type: 'person.merged',
      occurredAt: now,
      summary: `Duplicate record ${label} merged into this record`,
      recordedBy: actor.id,
      attributes: { mergeId, mergedPersonId: duplicateId },
    })
    await recordAudit(trx, audit, {
      action: 'people.merge',
      outcome: 'allowed',
      childId: keptId,
      recordType: 'person_merge',
      recordId: mergeId,
      detail: {
        kept: keptId,
        merged: duplicateId,
        conflictConfirmed: req.confirmConflict && problems(kept, dup).length > 0,
        moved: Object.fromEntries(Object.entries(moved.rows).map(([k, v]) => [k, v.length])),
        endedAddresses: moved.endedAddresses.length,
        droppedRelationships: moved.droppedRelationships.length,
      },
    })
    return mergeId
  })
}

/** Every merge, newest first (the latest 200). */
export async function listMerges(db: Db, actor: Actor, clock: Clock) {
  assertMerge(actor, clock)
  return store.latestMerges(db)
}

export async function loadMerge(db: Db, actor: Actor, mergeId: number, clock: Clock) {
  assertMerge(actor, clock)
  const row = await store.findMerge(db, mergeId)
  if (!row) throw new NotFoundError(`No merge ${mergeId}`)
  return row
}

/** Moves exactly the rows the merge moved back, restores the duplicate, records who and why. */
export async function reverseMerge(
  db: Db,
  actor: Actor,
  mergeId: number,
  reason: string,
  audit: AuditContext,
  clock: Clock,
): Promise<void> {
  assertMerge(actor, clock)
  try {
    await reverseInTransaction(db, actor, mergeId, reason, audit, clock.now())
  } catch (err) {
    const constraint = (err as { constraint?: string }).constraint ?? String((err as Error).message)
    if (constraint.includes('person_nhs_number') || constraint.includes('person_upn'))
      throw new MergeRefusedError(
        'reason',
        'Another record now has the duplicate’s NHS number or UPN: change that record before reversing the merge',
      )
    throw err
  }
}

async function reverseInTransaction(
  db: Db,
  actor: Actor,
  mergeId: number,
  reason: string,
  audit: AuditContext,
  now: Date,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const merge = await store.lockMerge(trx, mergeId)
    if (!merge) throw new NotFoundError(`No merge ${mergeId}`)
    if (merge.reversed_at !== null)
      throw new MergeRefusedError('reason', 'This merge has already been reversed')
    const keptId = merge.kept_person_id
    const dupId = merge.merged_person_id
    await store.lockPeople(trx, [keptId, dupId])
    const kept = await store.mergeState(trx, keptId)
    if (!kept) throw new NotFoundError(`No record ${keptId}`)
    if (kept.merged_into_id !== null)
      throw new MergeRefusedError(
        'reason',
        `The record kept has since been merged into record ${kept.merged_into_id}: reverse that merge first`,
      )
    const moved = (typeof merge.moved === 'string' ? JSON.parse(merge.moved) : merge.moved) as MergeMoved
    // The duplicate comes back first, so its address and identifiers are live again.
    await store.restorePerson(trx, dupId)
    for (const [table, column] of MOVED_TABLES)
      await moveRows(trx, table, column, moved.rows[`${table}.${column}`] ?? [], keptId, dupId)
    await store.reopenAddresses(trx, moved.endedAddresses)
    await store.restoreRelationships(trx, moved.droppedRelationships)
    await store.markReversed(trx, mergeId, actor.id, reason, now)
    for (const [childId, summary] of [
      [keptId, `Merge of record ${dupId} into this record reversed`],
      [dupId, `Record restored: the merge into record ${keptId} was reversed`],
    ] as const)
      await recordCaseEvent(trx, {
        childId,
        subjectType: 'person',
        subjectId: childId,
        type: 'person.merge_reversed',
        occurredAt: now,
        summary,
        recordedBy: actor.id,
        attributes: { mergeId },
      })
    await recordAudit(trx, audit, {
      action: 'people.merge_reverse',
      outcome: 'allowed',
      childId: keptId,
      recordType: 'person_merge',
      recordId: mergeId,
      detail: { kept: keptId, restored: dupId, reason },
    })
  })
}
