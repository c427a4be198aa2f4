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
import { sql, type Kysely } from 'kysely'
import type { Db } from '../../platform/db/database.js'
import type { Database } from '../../platform/db/schema.js'
import { recordAudit, type AuditContext } from '../../platform/audit/audit.js'
import { allow, type Actor } from '../../platform/permissions/allow.js'
import { recordCaseEvent } from '../../platform/tasks/case-events.js'
import type { SearchCriteria } from './model.js'
import { criteriaWhere, currentPostcode } from './store.js'
import { NotAllowedError, NotFoundError } from '../../platform/http/errors.js'

type Trx = Kysely<Database>

/** The tables a merge moves rows of, and the column that points at the person. */
export const MOVED_TABLES = [
  ['person_name', 'person_id'],
  ['person_address', 'person_id'],
  ['person_relationship', 'person_id'],
  ['person_relationship', 'related_person_id'],
  ['person_alert', 'person_id'],
  ['case_event', 'child_id'],
  ['task', 'child_id'],
  ['child_access', 'child_id'],
  ['contact_child', 'child_id'],
  ['referral', 'child_id'],
] as const

type MovedTable = (typeof MOVED_TABLES)[number][0]
type MovedColumn = (typeof MOVED_TABLES)[number][1]

/** What person_merge.moved holds: row ids by "table.column", and the rows changed in place. */
export interface MergeMoved {
  rows: Record<string, number[]>
  /** The duplicate's current addresses, ended because the record kept has one. */
  endedAddresses: number[]
  /** Relationships between the two records, soft-deleted. */
  droppedRelationships: number[]
}

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

function assertMerge(actor: Actor): void {
  const decision = allow(actor, 'people.merge', null, new Date())
  if (!decision.allowed) throw new NotAllowedError(decision.reason)
}

/** The record a merged duplicate now lives in (following later merges), or null if not merged. */
export async function mergedInto(db: Db, personId: number): Promise<number | null> {
  let id = personId
  for (let hop = 0; hop < 10; hop++) {
    const row = await db
      .selectFrom('person')
      .select(['merged_into_id', 'deleted_at'])
      .where('id', '=', id)
      .executeTakeFirst()
    if (!row || row.merged_into_id === null || row.deleted_at === null) break
    id = row.merged_into_id
  }
  return id === personId ? null : id
}

/** A person as an administrator sees them for a merge: identity only, and counts of the rest. */
export interface Identity {
  id: number
  laChildId: string | null
  kind: string
  givenName: string
  familyName: string
  otherNames: string[]
  dateOfBirth: string | null
  expectedBirthDate: string | null
  sex: string | null
  nhsNumber: string | null
  upn: string | null
  formerUpn: string | null
  address: string | null
  restricted: boolean
  deleted: boolean
  mergedIntoId: number | null
  /** Rows that would move, by kind, as counts. */
  counts: Record<string, number>
  /** The workers the record is allocated to now (live `allocated_worker` grants). */
  allocatedWorkers: { id: number; name: string }[]
}

async function identityOf(trx: Trx, id: number): Promise<Identity | null> {
  const p = await trx.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirst()
  if (!p) return null
  const names = await trx
    .selectFrom('person_name')
    .select(['given_name', 'family_name'])
    .where('person_id', '=', id)
    .where('deleted_at', 'is', null)
    .orderBy('id')
    .execute()
  const address = await trx
    .selectFrom('person_address')
    .select(['line_1', 'line_2', 'town', 'postcode', 'confidential'])
    .where('person_id', '=', id)
    .where('to_date', 'is', null)
    .where('deleted_at', 'is', null)
    .executeTakeFirst()
  const allocatedWorkers = await trx
    .selectFrom('child_access as a')
    .innerJoin('app_user as u', 'u.id', 'a.user_id')
    .select(['u.id', 'u.display_name as name'])
    .where('a.child_id', '=', id)
    .where('a.basis', '=', 'allocated_worker')
    .where('a.revoked_at', 'is', null)
    .orderBy('u.id')
    .execute()
  const counts: Record<string, number> = {}
  for (const [table, column] of MOVED_TABLES) {
    const { n } = await trx
      .selectFrom(table)
      .select(sql<string>`count(*)`.as('n'))
      .where(column, '=', id)
      .executeTakeFirstOrThrow()
    counts[table] = (counts[table] ?? 0) + Number(n)
  }
  return {
    id: p.id,
    laChildId: p.la_child_id,
    kind: p.kind,
    givenName: p.given_name,
    familyName: p.family_name,
    otherNames: names.map((n) => `${n.given_name} ${n.family_name}`),
    dateOfBirth: p.date_of_birth,
    expectedBirthDate: p.expected_birth_date,
    sex: p.sex,
    nhsNumber: p.nhs_number,
    upn: p.upn,
    formerUpn: p.former_upn,
    // An administrator has no field grant (SEC-04): a confidential address is named, not shown.
    address: address
      ? address.confidential
        ? 'Confidential address (not shown)'
        : [address.line_1, address.line_2, address.town, address.postcode].filter(Boolean).join(', ')
      : null,
    restricted: p.restricted,
    deleted: p.deleted_at !== null,
    mergedIntoId: p.merged_into_id,
    counts,
    allocatedWorkers,
  }
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
): Promise<MergeSearchResult[]> {
  assertMerge(actor)
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('person')
      .select((eb) => [
        'person.id',
        'person.la_child_id',
        'person.kind',
        'person.given_name',
        'person.family_name',
        'person.date_of_birth',
        'person.expected_birth_date',
        'person.sex',
        'person.nhs_number',
        'person.upn',
        'person.restricted',
        currentPostcode(eb),
      ])
      .where((eb) => criteriaWhere(eb, criteria))
      .orderBy('person.family_key')
      .orderBy('person.given_key')
      .orderBy('person.id')
      .limit(50)
      .execute()
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
) {
  assertMerge(actor)
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

async function rowIds(trx: Trx, table: MovedTable, column: MovedColumn, personId: number): Promise<number[]> {
  const rows = await trx
    .selectFrom(table)
    .select('id')
    .where(sql<boolean>`${sql.ref(column)} = ${personId}`)
    .orderBy('id')
    .execute()
  return rows.map((r) => Number(r.id))
}

async function moveRows(
  trx: Trx,
  table: MovedTable,
  column: MovedColumn,
  ids: number[],
  from: number,
  to: number,
): Promise<void> {
  if (ids.length === 0) return
  const result = await trx
    .updateTable(table)
    .set({ [column]: to } as never)
    .where('id', 'in', ids)
    .where(sql<boolean>`${sql.ref(column)} = ${from}`)
    .executeTakeFirst()
  if (Number(result.numUpdatedRows) !== ids.length)
    throw new MergeRefusedError(
      'reason',
      `Some ${table.replace(/_/g, ' ')} rows are no longer where the merge left them: the merge cannot be reversed automatically`,
    )
}

async function lockPeople(trx: Trx, ids: number[]): Promise<void> {
  await trx.selectFrom('person').select('id').where('id', 'in', ids).orderBy('id').forUpdate().execute()
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
): Promise<number> {
  assertMerge(actor)
  const { keptId, duplicateId } = req
  return db.transaction().execute(async (trx) => {
    await lockPeople(trx, [keptId, duplicateId])
    const kept = await identityOf(trx, keptId)
    const dup = await identityOf(trx, duplicateId)
    if (!kept) throw new MergeRefusedError('keep', `There is no record ${keptId}`)
    if (!dup) throw new MergeRefusedError('duplicate', `There is no record ${duplicateId}`)
    const stop = problems(kept, dup).find((p) => !(p.confirmable && req.confirmConflict))
    if (stop) throw stop

    // Both on one contact: the contact would hold the child twice.
    const shared = await trx
      .selectFrom('contact_child as a')
      .innerJoin('contact_child as b', 'b.contact_id', 'a.contact_id')
      .select('a.contact_id')
      .where('a.child_id', '=', keptId)
      .where('b.child_id', '=', duplicateId)
      .executeTakeFirst()
    if (shared)
      throw new MergeRefusedError(
        'duplicate',
        `Both records are on contact ${shared.contact_id}: the front door must withdraw one of them first`,
      )

    const moved: MergeMoved = { rows: {}, endedAddresses: [], droppedRelationships: [] }
    // Relationships between the two would relate the person to themself.
    const between = await trx
      .selectFrom('person_relationship')
      .select('id')
      .where('deleted_at', 'is', null)
      .where((eb) =>
        eb.or([
          eb.and([eb('person_id', '=', keptId), eb('related_person_id', '=', duplicateId)]),
          eb.and([eb('person_id', '=', duplicateId), eb('related_person_id', '=', keptId)]),
        ]),
      )
      .orderBy('id')
      .execute()
    moved.droppedRelationships = between.map((r) => r.id)
    if (between.length)
      await trx
        .updateTable('person_relationship')
        .set({
          deleted_at: sql<Date>`now()`,
          deleted_reason: `Merge of record ${duplicateId} into ${keptId}`,
        })
        .where('id', 'in', moved.droppedRelationships)
        .execute()
    // Any relationship still between them (already deleted) cannot move either: it stays put.
    const stay = await trx
      .selectFrom('person_relationship')
      .select('id')
      .where((eb) =>
        eb.or([
          eb.and([eb('person_id', '=', keptId), eb('related_person_id', '=', duplicateId)]),
          eb.and([eb('person_id', '=', duplicateId), eb('related_person_id', '=', keptId)]),
        ]),
      )
      .execute()
    const stayIds = new Set(stay.map((r) => r.id))

    const keptHasCurrent = await trx
      .selectFrom('person_address')
      .select('id')
      .where('person_id', '=', keptId)
      .where('to_date', 'is', null)
      .where('deleted_at', 'is', null)
      .executeTakeFirst()
    if (keptHasCurrent) {
      const ended = await trx
        .updateTable('person_address')
        .set({ to_date: sql<string>`greatest(from_date, current_date)` })
        .where('person_id', '=', duplicateId)
        .where('to_date', 'is', null)
        .where('deleted_at', 'is', null)
        .returning('id')
        .execute()
      moved.endedAddresses = ended.map((r) => r.id)
    }

    for (const [table, column] of MOVED_TABLES) {
      const ids = (await rowIds(trx, table, column, duplicateId)).filter(
        (id) => table !== 'person_relationship' || !stayIds.has(id),
      )
      moved.rows[`${table}.${column}`] = ids
      await moveRows(trx, table, column, ids, duplicateId, keptId)
    }

    await trx
      .updateTable('person')
      .set({
        deleted_at: sql<Date>`now()`,
        deleted_reason: `Merged into record ${keptId}: ${req.reason}`.slice(0, 2000),
        merged_into_id: keptId,
      })
      .where('id', '=', duplicateId)
      .execute()
    const { id: mergeId } = await trx
      .insertInto('person_merge')
      .values({
        kept_person_id: keptId,
        merged_person_id: duplicateId,
        reason: req.reason,
        moved: JSON.stringify(moved),
        merged_by: actor.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const label = dup.laChildId ?? String(duplicateId)
    await recordCaseEvent(trx, {
      childId: keptId,
      subjectType: 'person',
      subjectId: keptId,
      type: 'person.merged',
      occurredAt: new Date(),
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

/** Merges with the names of the two records (identity only) and who merged and reversed them. */
function merges(db: Db) {
  return db
    .selectFrom('person_merge as m')
    .innerJoin('person as k', 'k.id', 'm.kept_person_id')
    .innerJoin('person as d', 'd.id', 'm.merged_person_id')
    .innerJoin('app_user as u', 'u.id', 'm.merged_by')
    .leftJoin('app_user as r', 'r.id', 'm.reversed_by')
    .select([
      'm.id',
      'm.kept_person_id',
      'm.merged_person_id',
      'm.reason',
      'm.merged_at',
      'm.reversed_at',
      'm.reversed_reason',
      'k.given_name as kept_given',
      'k.family_name as kept_family',
      'k.restricted as kept_restricted',
      'd.given_name as dup_given',
      'd.family_name as dup_family',
      'u.display_name as merged_by',
      'r.display_name as reversed_by',
    ])
}

/** Every merge, newest first (the latest 200). */
export async function listMerges(db: Db, actor: Actor) {
  assertMerge(actor)
  return merges(db).orderBy('m.merged_at', 'desc').orderBy('m.id', 'desc').limit(200).execute()
}

export async function loadMerge(db: Db, actor: Actor, mergeId: number) {
  assertMerge(actor)
  const row = await merges(db).where('m.id', '=', mergeId).executeTakeFirst()
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
): Promise<void> {
  assertMerge(actor)
  try {
    await reverseInTransaction(db, actor, mergeId, reason, audit)
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
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const merge = await trx
      .selectFrom('person_merge')
      .selectAll()
      .where('id', '=', mergeId)
      .forUpdate()
      .executeTakeFirst()
    if (!merge) throw new NotFoundError(`No merge ${mergeId}`)
    if (merge.reversed_at !== null)
      throw new MergeRefusedError('reason', 'This merge has already been reversed')
    const keptId = merge.kept_person_id
    const dupId = merge.merged_person_id
    await lockPeople(trx, [keptId, dupId])
    const kept = await trx
      .selectFrom('person')
      .select(['deleted_at', 'merged_into_id'])
      .where('id', '=', keptId)
      .executeTakeFirstOrThrow()
    if (kept.merged_into_id !== null)
      throw new MergeRefusedError(
        'reason',
        `The record kept has since been merged into record ${kept.merged_into_id}: reverse that merge first`,
      )
    const moved = (typeof merge.moved === 'string' ? JSON.parse(merge.moved) : merge.moved) as MergeMoved
    // The duplicate comes back first, so its address and identifiers are live again.
    await trx
      .updateTable('person')
      .set({ deleted_at: null, deleted_reason: null, merged_into_id: null })
      .where('id', '=', dupId)
      .execute()
    for (const [table, column] of MOVED_TABLES)
      await moveRows(trx, table, column, moved.rows[`${table}.${column}`] ?? [], keptId, dupId)
    if (moved.endedAddresses.length)
      await trx
        .updateTable('person_address')
        .set({ to_date: null })
        .where('id', 'in', moved.endedAddresses)
        .execute()
    if (moved.droppedRelationships.length)
      await trx
        .updateTable('person_relationship')
        .set({ deleted_at: null, deleted_reason: null })
        .where('id', 'in', moved.droppedRelationships)
        .execute()
    await trx
      .updateTable('person_merge')
      .set({ reversed_at: sql<Date>`now()`, reversed_by: actor.id, reversed_reason: reason })
      .where('id', '=', mergeId)
      .execute()
    for (const [childId, summary] of [
      [keptId, `Merge of record ${dupId} into this record reversed`],
      [dupId, `Record restored: the merge into record ${keptId} was reversed`],
    ] as const)
      await recordCaseEvent(trx, {
        childId,
        subjectType: 'person',
        subjectId: childId,
        type: 'person.merge_reversed',
        occurredAt: new Date(),
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
