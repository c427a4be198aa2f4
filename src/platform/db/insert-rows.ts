/**
 * Many rows written in one statement with one bind parameter a column: each column's values are
 * sent as the text of one PostgreSQL array, unnested and cast to the column's type, as
 * `insert into t (a, b) select * from unnest($1::text::bigint[], $2::text::date[])`.
 *
 * Against a multi-row VALUES list (a parameter a cell), the statement's text is the same whatever
 * the number of rows, so the server parses and plans it once a connection (prepared-statements.ts)
 * instead of parsing tens of thousands of parameters each time, Kysely builds no node a cell, and
 * a connection's cache of statement texts holds one short text a table rather than one long text
 * a batch. 2,000 rows of care_episode's eleven columns on PostgreSQL 15 here: 21–32 ms a statement
 * against 43–57 ms as VALUES, and half the Node time. The values are typed against the table as
 * Kysely's `values()` types them.
 */
import { sql, type Insertable, type Kysely, type RawBuilder } from 'kysely'
import type { Database } from './schema.js'

/** The PostgreSQL types Haven's columns are written as. */
export type ColumnType =
  'bigint' | 'integer' | 'smallint' | 'numeric' | 'text' | 'boolean' | 'date' | 'timestamptz' | 'jsonb'

type Row<TB extends keyof Database> = Insertable<Database[TB]>

/** The columns written, each with its type. */
export type ColumnTypes<TB extends keyof Database> = { readonly [C in keyof Row<TB>]?: ColumnType }

/** A row to write: a value for each column named, as `values()` would take it (null for none). */
export type RowOf<TB extends keyof Database, T extends ColumnTypes<TB>> = {
  readonly [C in keyof T & keyof Row<TB>]: Exclude<Row<TB>[C], undefined>
}

/** Rows a statement writes at most, so that no one parameter's text grows without bound. */
const ROWS_PER_STATEMENT = 10_000

/**
 * `(a, b) select * from unnest(…)`: the column list and the rows, for a statement of the caller's
 * own (an upsert's `on conflict`). At most `ROWS_PER_STATEMENT` rows.
 */
export function rowsAsColumns<TB extends keyof Database & string, T extends ColumnTypes<TB>>(
  types: T,
  rows: readonly RowOf<TB, T>[],
): RawBuilder<unknown> {
  const columns = Object.keys(types) as (keyof T & keyof Row<TB> & string)[]
  // A value for a column not named would not be written: refused rather than lost.
  const first = rows[0]
  if (first !== undefined) {
    const extra = Object.keys(first).filter((k) => !(k in types))
    if (extra.length > 0) throw new TypeError(`no type given for ${extra.join(', ')}: not written`)
  }
  const arrays = columns.map(
    (c) => sql`${arrayText(rows, c)}::text::${sql.raw(`${types[c] as ColumnType}[]`)}`,
  )
  return sql`(${sql.join(columns.map((c) => sql.ref(c)))}) select * from unnest(${sql.join(arrays)})`
}

/** Writes the rows, `ROWS_PER_STATEMENT` a statement. */
export async function insertRows<TB extends keyof Database & string, T extends ColumnTypes<TB>>(
  db: Kysely<Database>,
  table: TB,
  types: T,
  rows: readonly RowOf<TB, T>[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT)
    await sql`insert into ${sql.table(table)} ${rowsAsColumns(types, rows.slice(i, i + ROWS_PER_STATEMENT))}`.execute(
      db,
    )
}

/**
 * Writes the rows and gives their new ids in the order of the rows. Identity values are drawn as
 * the rows are inserted, in the order unnested, so ascending they are the rows' ids whatever order
 * RETURNING lists them in (another transaction's rows drawn between them change nothing).
 */
export async function insertRowsReturningIds<TB extends keyof Database & string, T extends ColumnTypes<TB>>(
  db: Kysely<Database>,
  table: TB,
  types: T,
  rows: readonly RowOf<TB, T>[],
): Promise<number[]> {
  const ids: number[] = []
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(i, i + ROWS_PER_STATEMENT)
    const { rows: returned } = await sql<{
      id: number | string
    }>`insert into ${sql.table(table)} ${rowsAsColumns(types, chunk)} returning id`.execute(db)
    if (returned.length !== chunk.length)
      throw new Error(`${table}: ${chunk.length} rows written, ${returned.length} ids`)
    const chunkIds = returned.map((r) => Number(r.id)).sort((a, b) => a - b)
    for (const id of chunkIds) ids.push(id)
  }
  return ids
}

/** One column's values as the text of a PostgreSQL array: `{"a",NULL,"b"}`. */
function arrayText(rows: readonly object[], column: string): string {
  const texts = new Array<string>(rows.length)
  let lastDate: Date | undefined
  let lastDateText = ''
  for (let i = 0; i < rows.length; i++) {
    const v = (rows[i] as Record<string, unknown>)[column]
    if (v === null || v === undefined) texts[i] = 'NULL'
    else if (typeof v === 'string') texts[i] = quoted(v)
    else if (typeof v === 'number' || typeof v === 'bigint') texts[i] = String(v)
    else if (typeof v === 'boolean') texts[i] = v ? 't' : 'f'
    else if (v instanceof Date) {
      // Most columns of dates hold one instant (when the rows were recorded): written out once.
      if (v !== lastDate) {
        lastDate = v
        lastDateText = v.toISOString()
      }
      texts[i] = lastDateText
    } else throw new TypeError(`${column}: a ${typeof v} cannot be written as a column's value`)
  }
  return `{${texts.join(',')}}`
}

/** An array element quoted, so that any text (empty, "NULL", with commas or braces) reads back as itself. */
function quoted(text: string): string {
  return NEEDS_ESCAPE.test(text) ? `"${text.replace(ESCAPED, '\\$&')}"` : `"${text}"`
}
const NEEDS_ESCAPE = /["\\]/
const ESCAPED = /["\\]/g
