/**
 * The SQL shared by modules that keep casework on children's records (case notes, documents): a
 * record may be on several children's records at once (brothers and sisters), so each has a table
 * linking it to the children it is on, and is deleted softly with a reason, never removed.
 * Children's names and relationships come from the people module's published views
 * (`people_person_v`, `people_sibling_v`), never its tables. Each module keeps its own tables: these
 * helpers take the table's name, and only tables of the right shape type-check.
 */
import { sql, type Generated, type Kysely } from 'kysely'
import type { Database, NullableTimestamp } from '../db/schema.js'

type Db = Kysely<Database>

/** The child's brothers and sisters a record may be shared with (people's `people_sibling_v`), eldest first. */
export async function siblingsOf(db: Db, childId: number) {
  return db
    .selectFrom('people_sibling_v as s')
    .innerJoin('people_person_v as p', 'p.id', 's.sibling_id')
    .select(['p.id', 'p.given_name', 'p.family_name', 'p.date_of_birth'])
    .where('s.child_id', '=', childId)
    .orderBy('p.date_of_birth')
    .orderBy('p.id')
    .execute()
}

/** Children by id, as the people module publishes them. */
export async function childrenNamed(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return []
  return db
    .selectFrom('people_person_v')
    .select(['id', 'given_name', 'family_name'])
    .where('id', 'in', ids)
    .orderBy('id')
    .execute()
}

/** What a record deleted softly keeps: who deleted it, when, and why. */
interface SoftDeleted {
  id: Generated<number>
  deleted_at: NullableTimestamp
  deleted_by: number | null
  deleted_reason: string | null
}

/** The tables whose records are deleted softly with a reason (`case_note`, `document`). */
export type SoftDeletedTable = {
  [T in keyof Database]: Database[T] extends SoftDeleted ? T : never
}[keyof Database]

/** Marks the record deleted, by whom, when and why; it stays, for the record's history. */
export async function markDeleted(
  trx: Db,
  table: SoftDeletedTable,
  id: number,
  by: number,
  at: Date,
  reason: string,
): Promise<void> {
  // Every such table has these columns (the type above says so): seen as just them.
  const tables = trx as unknown as Kysely<Record<SoftDeletedTable, SoftDeleted>>
  await tables
    .updateTable(table)
    .set({ deleted_at: at, deleted_by: by, deleted_reason: reason })
    .where('id', '=', id)
    .execute()
}

/** The tables linking a module's records to the children they are on (`case_note_child`, `document_child`). */
export type ChildLinkTable = {
  [T in keyof Database]: Database[T] extends { child_id: number } ? T : never
}[keyof Database]

/** The children a record is on, by id: `table` links the records (by their column `record`) to them. */
export async function childIdsOn<T extends ChildLinkTable>(
  db: Db,
  table: T,
  record: Exclude<keyof Database[T] & string, 'child_id'>,
  recordId: number,
): Promise<number[]> {
  const { rows } = await sql<{ child_id: number }>`
    select child_id from ${sql.table(table)} where ${sql.ref(record)} = ${recordId} order by child_id`.execute(
    db,
  )
  return rows.map((r) => Number(r.child_id))
}
