/**
 * Merging duplicate records in SQL: the identity an administrator compares, the rows a merge
 * moves (and moves back), and the person_merge log. merge-service holds the rules and the audit.
 */
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../platform/db/schema.js'
import type { SearchCriteria } from './record-model.js'
import { criteriaWhere, currentPostcode } from './store.js'

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

export type MovedTable = (typeof MOVED_TABLES)[number][0]
export type MovedColumn = (typeof MOVED_TABLES)[number][1]

/** What person_merge.moved holds: row ids by "table.column", and the rows changed in place. */
export interface MergeMoved {
  rows: Record<string, number[]>
  /** The duplicate's current addresses, ended because the record kept has one. */
  endedAddresses: number[]
  /** Relationships between the two records, soft-deleted. */
  droppedRelationships: number[]
}

/** Where a person's record was merged to, if anywhere. */
export function mergeState(db: Trx, personId: number) {
  return db
    .selectFrom('person')
    .select(['merged_into_id', 'deleted_at'])
    .where('id', '=', personId)
    .executeTakeFirst()
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

export async function identityOf(trx: Trx, id: number): Promise<Identity | null> {
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

/** People who may be duplicates, by name, date of birth, postcode or identifier (at most 50). */
export function findForMerge(trx: Trx, criteria: SearchCriteria) {
  return trx
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
}

export async function rowIds(
  trx: Trx,
  table: MovedTable,
  column: MovedColumn,
  personId: number,
): Promise<number[]> {
  const rows = await trx
    .selectFrom(table)
    .select('id')
    .where(sql<boolean>`${sql.ref(column)} = ${personId}`)
    .orderBy('id')
    .execute()
  return rows.map((r) => Number(r.id))
}

/** Points the rows `ids` that still point at `from` at `to`; returns how many moved. */
export async function moveRows(
  trx: Trx,
  table: MovedTable,
  column: MovedColumn,
  ids: number[],
  from: number,
  to: number,
): Promise<number> {
  if (ids.length === 0) return 0
  const result = await trx
    .updateTable(table)
    .set({ [column]: to } as never)
    .where('id', 'in', ids)
    .where(sql<boolean>`${sql.ref(column)} = ${from}`)
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}

/** Locks the person rows in id order, so two merges of overlapping records cannot deadlock. */
export async function lockPeople(trx: Trx, ids: number[]): Promise<void> {
  await trx.selectFrom('person').select('id').where('id', 'in', ids).orderBy('id').forUpdate().execute()
}

/** The contacts a child is on, from the front door's published view (its tables are its own). */
export async function contactsForChild(trx: Trx, childId: number): Promise<number[]> {
  const rows = await trx
    .selectFrom('frontdoor_contact_child_v')
    .select('contact_id')
    .where('child_id', '=', childId)
    .orderBy('contact_id')
    .execute()
  return rows.map((r) => r.contact_id)
}

/** Relationships between the two people, either way round; `live` leaves out deleted ones. */
export async function relationshipsBetween(
  trx: Trx,
  a: number,
  b: number,
  options: { live: boolean },
): Promise<number[]> {
  let query = trx
    .selectFrom('person_relationship')
    .select('id')
    .where((eb) =>
      eb.or([
        eb.and([eb('person_id', '=', a), eb('related_person_id', '=', b)]),
        eb.and([eb('person_id', '=', b), eb('related_person_id', '=', a)]),
      ]),
    )
  if (options.live) query = query.where('deleted_at', 'is', null)
  const rows = await query.orderBy('id').execute()
  return rows.map((r) => r.id)
}

export async function softDeleteRelationships(
  trx: Trx,
  ids: number[],
  reason: string,
  at: Date,
): Promise<void> {
  if (ids.length === 0) return
  await trx
    .updateTable('person_relationship')
    .set({ deleted_at: at, deleted_reason: reason })
    .where('id', 'in', ids)
    .execute()
}

export async function restoreRelationships(trx: Trx, ids: number[]): Promise<void> {
  if (ids.length === 0) return
  await trx
    .updateTable('person_relationship')
    .set({ deleted_at: null, deleted_reason: null })
    .where('id', 'in', ids)
    .execute()
}

/** Ends the person's current addresses today (or on their first day); returns their ids. */
export async function endCurrentAddresses(trx: Trx, personId: number): Promise<number[]> {
  const ended = await trx
    .updateTable('person_address')
    .set({ to_date: sql<string>`greatest(from_date, current_date)` })
    .where('person_id', '=', personId)
    .where('to_date', 'is', null)
    .where('deleted_at', 'is', null)
    .returning('id')
    .execute()
  return ended.map((r) => r.id)
}

export async function reopenAddresses(trx: Trx, ids: number[]): Promise<void> {
  if (ids.length === 0) return
  await trx.updateTable('person_address').set({ to_date: null }).where('id', 'in', ids).execute()
}

/** The duplicate is soft-deleted, pointing at the record kept. */
export async function markMerged(
  trx: Trx,
  duplicateId: number,
  keptId: number,
  reason: string,
  at: Date,
): Promise<void> {
  await trx
    .updateTable('person')
    .set({ deleted_at: at, deleted_reason: reason, merged_into_id: keptId })
    .where('id', '=', duplicateId)
    .execute()
}

export async function restorePerson(trx: Trx, personId: number): Promise<void> {
  await trx
    .updateTable('person')
    .set({ deleted_at: null, deleted_reason: null, merged_into_id: null })
    .where('id', '=', personId)
    .execute()
}

export async function insertMerge(
  trx: Trx,
  merge: { keptId: number; duplicateId: number; reason: string; moved: MergeMoved; mergedBy: number },
): Promise<number> {
  const { id } = await trx
    .insertInto('person_merge')
    .values({
      kept_person_id: merge.keptId,
      merged_person_id: merge.duplicateId,
      reason: merge.reason,
      moved: JSON.stringify(merge.moved),
      merged_by: merge.mergedBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

/** The merge row, locked for its reversal. */
export function lockMerge(trx: Trx, mergeId: number) {
  return trx.selectFrom('person_merge').selectAll().where('id', '=', mergeId).forUpdate().executeTakeFirst()
}

export async function markReversed(
  trx: Trx,
  mergeId: number,
  reversedBy: number,
  reason: string,
  at: Date,
): Promise<void> {
  await trx
    .updateTable('person_merge')
    .set({ reversed_at: at, reversed_by: reversedBy, reversed_reason: reason })
    .where('id', '=', mergeId)
    .execute()
}

/** Merges with the names of the two records (identity only) and who merged and reversed them. */
function merges(db: Trx) {
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
export function latestMerges(db: Trx) {
  return merges(db).orderBy('m.merged_at', 'desc').orderBy('m.id', 'desc').limit(200).execute()
}

export function findMerge(db: Trx, mergeId: number) {
  return merges(db).where('m.id', '=', mergeId).executeTakeFirst()
}
