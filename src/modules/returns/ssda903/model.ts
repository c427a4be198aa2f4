/**
 * The SSDA903 (children looked after) return as typed tables, one per file of the DfE's CSV
 * form (Sources in ../README.md). Property names are the DfE's column names, so a rule reads
 * like its specification and a finding names the column the LA will look for.
 *
 * Each row keeps the text of every cell exactly as read (`text`, '' when blank or absent) and
 * the parsed value beside it:
 * - a code or identifier is trimmed and upper-cased (the DfE validators upper-case every cell
 *   before checking codes), or null when blank;
 * - a date is ISO `YYYY-MM-DD`, or null when blank OR not a real DD/MM/YYYY date.
 * A rule that must tell blank from invalid ("missing or invalid date") looks at `text`
 * (see `isBlank` and `isInvalidDate`). Writers write `text`, so a defect survives a round trip.
 *
 * Each row also says where it came from: `file`, `row` (its 0-based index in the table, in
 * file order, as the DfE validators number rows) and `line` (the line of the file where it
 * starts; for a CSV without line breaks inside cells, the spreadsheet row number).
 */
import type { IsoDate } from '../../../platform/calendar/working-days.js'

/** Columns of each table, in the DfE's order (the CSV writer writes them in this order). */
export const SSDA903_COLUMNS = {
  Header: ['CHILD', 'SEX', 'DOB', 'ETHNIC', 'UPN', 'MOTHER', 'MC_DOB'],
  Episodes: [
    'CHILD',
    'DECOM',
    'RNE',
    'LS',
    'CIN',
    'PLACE',
    'PLACE_PROVIDER',
    'DEC',
    'REC',
    'REASON_PLACE_CHANGE',
    'HOME_POST',
    'PL_POST',
    'URN',
  ],
  Reviews: ['CHILD', 'DOB', 'REVIEW', 'REVIEW_CODE'],
  UASC: ['CHILD', 'SEX', 'DOB', 'DUC'],
  OC2: [
    'CHILD',
    'DOB',
    'SDQ_SCORE',
    'SDQ_REASON',
    'CONVICTED',
    'HEALTH_CHECK',
    'IMMUNISATIONS',
    'TEETH_CHECK',
    'HEALTH_ASSESSMENT',
    'SUBSTANCE_MISUSE',
    'INTERVENTION_RECEIVED',
    'INTERVENTION_OFFERED',
  ],
  OC3: ['CHILD', 'DOB', 'IN_TOUCH', 'ACTIV', 'ACCOM'],
  AD1: ['CHILD', 'DOB', 'DATE_INT', 'DATE_MATCH', 'FOSTER_CARE', 'NB_ADOPTR', 'SEX_ADOPTR', 'LS_ADOPTR'],
  PlacedAdoption: ['CHILD', 'DOB', 'DATE_PLACED', 'DATE_PLACED_CEASED', 'REASON_PLACED_CEASED'],
  // LA_PERM is usually blank: the DfE no longer asks for it, but the column stays in the file.
  PrevPerm: ['CHILD', 'DOB', 'PREV_PERM', 'LA_PERM', 'DATE_PERM'],
  Missing: ['CHILD', 'DOB', 'MISSING', 'MIS_START', 'MIS_END'],
  // From 2023/24.
  SWEpisodes: ['CHILD', 'DOB', 'SW_ID', 'SW_DECOM', 'SW_DEC', 'SW_REASON'],
  // Deprivation of liberty orders, from 2026/27.
  DoLo: ['CHILD', 'DOB', 'DOLO_START', 'DOLO_END'],
} as const

/** The columns holding DD/MM/YYYY dates; every other column is a code, identifier or number as text. */
export const SSDA903_DATE_COLUMNS = {
  Header: ['DOB', 'MC_DOB'],
  Episodes: ['DECOM', 'DEC'],
  Reviews: ['DOB', 'REVIEW'],
  UASC: ['DOB', 'DUC'],
  OC2: ['DOB'],
  OC3: ['DOB'],
  AD1: ['DOB', 'DATE_INT', 'DATE_MATCH'],
  PlacedAdoption: ['DOB', 'DATE_PLACED', 'DATE_PLACED_CEASED'],
  PrevPerm: ['DOB', 'DATE_PERM'],
  Missing: ['DOB', 'MIS_START', 'MIS_END'],
  SWEpisodes: ['DOB', 'SW_DECOM', 'SW_DEC'],
  DoLo: ['DOB', 'DOLO_START', 'DOLO_END'],
} as const satisfies { [T in keyof typeof SSDA903_COLUMNS]: readonly (typeof SSDA903_COLUMNS)[T][number][] }

export type Ssda903Table = keyof typeof SSDA903_COLUMNS
export const SSDA903_TABLES = Object.keys(SSDA903_COLUMNS) as Ssda903Table[]

export type ColumnOf<T extends Ssda903Table> = (typeof SSDA903_COLUMNS)[T][number]
export type DateColumnOf<T extends Ssda903Table> = (typeof SSDA903_DATE_COLUMNS)[T][number]

/** Where a row came from. */
export interface RowSource {
  file: string
  /** 0-based index of the row in its table, in file order (as the DfE validators number rows). */
  row: number
  /** 1-based line of the file where the row starts (the header is line 1 of a CSV). */
  line?: number
  /** For XML, the element the row was read from, e.g. `CHILD 12 › EPISODE 3`. */
  element?: string
}

/** One row of table T: parsed values under the DfE's column names, the text as read in `text`. */
export type Ssda903Row<T extends Ssda903Table> = {
  readonly [C in ColumnOf<T>]: C extends DateColumnOf<T> ? IsoDate | null : string | null
} & RowSource & {
    readonly table: T
    /** Every cell exactly as read; '' when blank or absent. */
    readonly text: Readonly<Record<ColumnOf<T>, string>>
  } & (T extends 'Header' ? HeaderExtras : unknown)

/**
 * What a Header row may hold beyond the CSV's columns. The XML form's HEADER has a UASC flag
 * (0 or 1) that the CSV form does not: the CSV says a child is UASC by giving it a UASC row.
 */
export interface HeaderExtras {
  /** The XML HEADER's UASC element as read ('' when empty); absent for a CSV row. */
  uascFlag?: string
}

export type HeaderRow = Ssda903Row<'Header'>
export type EpisodeRow = Ssda903Row<'Episodes'>
export type ReviewRow = Ssda903Row<'Reviews'>
export type UascRow = Ssda903Row<'UASC'>
export type Oc2Row = Ssda903Row<'OC2'>
export type Oc3Row = Ssda903Row<'OC3'>
export type Ad1Row = Ssda903Row<'AD1'>
export type PlacedAdoptionRow = Ssda903Row<'PlacedAdoption'>
export type PrevPermRow = Ssda903Row<'PrevPerm'>
export type MissingRow = Ssda903Row<'Missing'>
export type SwEpisodeRow = Ssda903Row<'SWEpisodes'>
export type DoLoRow = Ssda903Row<'DoLo'>

export type AnySsda903Row = { [T in Ssda903Table]: Ssda903Row<T> }[Ssda903Table]

/**
 * One year's files. A table is absent when no file for it was supplied, which rules must tell
 * from a file with no rows (the DfE validators skip a rule whose table was not supplied).
 */
export type Ssda903Tables = { -readonly [T in Ssda903Table]?: Ssda903Row<T>[] }

/** The return: this year's tables, and last year's when they were supplied (some rules compare). */
export interface Ssda903Return {
  current: Ssda903Tables
  previous?: Ssda903Tables
}

// ---------------------------------------------------------------------------------------------
// Dates

const DFE_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/

/**
 * A DfE date, DD/MM/YYYY, to ISO; null when it is not one. Like the DfE validators (which read
 * dates with `%d/%m/%Y`) a one-digit day or month is accepted; unlike them, surrounding spaces
 * are ignored, since a stray space is not what a rule about an invalid date is looking for.
 */
export function parseDfeDate(text: string): IsoDate | null {
  const m = DFE_DATE.exec(text.trim())
  if (!m) return null
  const day = Number(m[1])
  const month = Number(m[2])
  const year = Number(m[3])
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null
  return `${m[3]}-${pad2(month)}-${pad2(day)}`
}

/** ISO `YYYY-MM-DD` to the DfE's DD/MM/YYYY. */
export function formatDfeDate(date: IsoDate): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28
  return [4, 6, 9, 11].includes(month) ? 30 : 31
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n)
}

// ---------------------------------------------------------------------------------------------
// Building rows

const DATE_SETS = {} as Record<Ssda903Table, ReadonlySet<string>>
for (const t of SSDA903_TABLES) DATE_SETS[t] = new Set<string>(SSDA903_DATE_COLUMNS[t])

export function isDateColumn(table: Ssda903Table, column: string): boolean {
  return DATE_SETS[table].has(column)
}

/** The value of a code cell: trimmed and upper-cased, null when blank. */
export function codeValue(text: string): string | null {
  const t = text.trim()
  if (t === '') return null
  // Most cells are upper case already; the engine's toUpperCase is a call out of JavaScript.
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i)
    if ((c >= 0x61 && c <= 0x7a) || c > 0x7f) return t.toUpperCase()
  }
  return t
}

/** Per table, whether each column (in `SSDA903_COLUMNS` order) holds dates. */
const DATE_FLAGS = {} as Record<Ssda903Table, readonly boolean[]>
for (const t of SSDA903_TABLES)
  DATE_FLAGS[t] = (SSDA903_COLUMNS[t] as readonly string[]).map((c) => DATE_SETS[t].has(c))

/**
 * Equal cells share one string. An England-sized return has some fifteen million cells, most
 * of them a few codes and a few thousand dates over and over: read as separate strings (and each
 * date parsed again) they cost a few hundred megabytes and the collector's time. Cells of two to
 * four characters (codes) are shared, and date cells with their parsed value; each table of
 * shared cells is emptied when it grows past `SHARED_MAX`, so a file of unusual values cannot
 * make it grow without bound. (Empty and one-character strings V8 shares already.)
 */
const SHARED_MAX = 50_000
const sharedCodes = new Map<string, string>()
const sharedDates = new Map<string, { text: string; value: IsoDate | null }>()

function sharedCode(text: string): string {
  if (text.length < 2 || text.length > 4) return text
  const known = sharedCodes.get(text)
  if (known !== undefined) return known
  if (sharedCodes.size >= SHARED_MAX) sharedCodes.clear()
  sharedCodes.set(text, text)
  return text
}

function sharedDate(text: string): { text: string; value: IsoDate | null } {
  let known = sharedDates.get(text)
  if (known === undefined) {
    if (sharedDates.size >= SHARED_MAX) sharedDates.clear()
    known = { text, value: parseDfeDate(text) }
    sharedDates.set(text, known)
  }
  return known
}

/**
 * Build a row from the text of its cells (missing columns are blank). Readers and the synthetic
 * returns generator both build rows this way, so parsing is the same whatever the source.
 */
export function makeRow<T extends Ssda903Table>(
  table: T,
  cells: Partial<Record<ColumnOf<T>, string>>,
  source: RowSource,
): Ssda903Row<T> {
  const columns = SSDA903_COLUMNS[table] as readonly string[]
  const texts = new Array<string>(columns.length)
  for (let i = 0; i < columns.length; i++)
    texts[i] = (cells as Record<string, string | undefined>)[columns[i] as string] ?? ''
  return makeRowFromTexts(table, texts, source)
}

/**
 * Build a row from the text of each column in `SSDA903_COLUMNS` order (the CSV reader's way in:
 * no object of cells by name in between). The same row as `makeRow` gives.
 */
export function makeRowFromTexts<T extends Ssda903Table>(
  table: T,
  texts: readonly string[],
  source: RowSource,
): Ssda903Row<T> {
  if (source.line !== undefined && source.element === undefined)
    return (ROW_BUILDERS[table] as RowBuilder<T>)(texts, source.file, source.row, source.line)
  return rowByColumn(table, texts, source)
}

/** The row of `makeRowFromTexts`, built a column at a time (any source). */
export function rowByColumn<T extends Ssda903Table>(
  table: T,
  texts: readonly string[],
  source: RowSource,
): Ssda903Row<T> {
  const text: Record<string, string> = {}
  const row: Record<string, unknown> = { table, file: source.file, row: source.row }
  if (source.line !== undefined) row.line = source.line
  if (source.element !== undefined) row.element = source.element
  const columns = SSDA903_COLUMNS[table] as readonly string[]
  const dates = DATE_FLAGS[table]
  for (let i = 0; i < columns.length; i++) {
    const column = columns[i] as string
    const raw = texts[i] ?? ''
    if (dates[i]) {
      const cell = sharedDate(raw)
      text[column] = cell.text
      row[column] = cell.value
    } else {
      const cell = sharedCode(raw)
      text[column] = cell
      row[column] = codeValue(cell)
    }
  }
  row.text = text
  return row as Ssda903Row<T>
}

type RowBuilder<T extends Ssda903Table> = (
  texts: readonly string[],
  file: string,
  row: number,
  line: number,
) => Ssda903Row<T>

/**
 * For each table, a function that builds a row read from a file with a line (every CSV row) as
 * one object literal naming the table's columns, written out from `SSDA903_COLUMNS` when the
 * module loads. Built a column at a time, a row's properties are added one by one under names
 * the engine cannot know in advance: an England-sized return's 1.5 million rows then cost
 * 1.7 s to build instead of 1.1 s, take 50 MB more, and, being added to after they are made,
 * are copied by the collector where a literal's are made in the old generation at once. The
 * same row as `rowByColumn` (same properties in the same order), which a test checks table by
 * table; the names are checked to be plain identifiers before any code is made of them.
 */
const ROW_BUILDERS = {} as { [T in Ssda903Table]: RowBuilder<T> }
const PLAIN_NAME = /^[A-Za-z][A-Za-z0-9_]*$/
for (const table of SSDA903_TABLES) {
  const columns = SSDA903_COLUMNS[table] as readonly string[]
  for (const name of [table, ...columns])
    if (!PLAIN_NAME.test(name)) throw new Error(`SSDA903 name ${name} is not a plain identifier`)
  const dates = DATE_FLAGS[table]
  const cells = columns.map((_, i) => `const c${i} = ${dates[i] ? 'date' : 'code'}(t[${i}] ?? '')`)
  const values = columns.map((c, i) => (dates[i] ? `${c}: c${i}.value` : `${c}: value(c${i})`))
  const texts = columns.map((c, i) => (dates[i] ? `${c}: c${i}.text` : `${c}: c${i}`))
  const body = [
    ...cells,
    `return { table: '${table}', file, row, line, ${values.join(', ')}, text: { ${texts.join(', ')} } }`,
  ].join('\n')
  // Code made only from the names checked above.
  const make = new Function('date', 'code', 'value', `return (t, file, row, line) => {\n${body}\n}`) as (
    date: typeof sharedDate,
    code: typeof sharedCode,
    value: typeof codeValue,
  ) => RowBuilder<typeof table>
  ;(ROW_BUILDERS as Record<Ssda903Table, unknown>)[table] = make(sharedDate, sharedCode, codeValue)
}

/** True when the cell was blank (empty or only spaces) in the file. */
export function isBlank<T extends Ssda903Table>(row: Ssda903Row<T>, column: ColumnOf<T>): boolean {
  return row.text[column].trim() === ''
}

/** True when a date cell holds something that is not a real DD/MM/YYYY date. */
export function isInvalidDate<T extends Ssda903Table>(row: Ssda903Row<T>, column: DateColumnOf<T>): boolean {
  return !isBlank(row, column) && (row as Record<string, unknown>)[column] === null
}

/** The child's identifier of any row ('' when blank), for grouping. */
export function childOf(row: AnySsda903Row): string {
  return row.CHILD ?? ''
}

/** The text a writer writes for a cell: trimmed, and a real date in DD/MM/YYYY. */
export function canonicalText<T extends Ssda903Table>(row: Ssda903Row<T>, column: ColumnOf<T>): string {
  const value = (row as Record<string, unknown>)[column]
  if (isDateColumn(row.table, column) && typeof value === 'string') return formatDfeDate(value)
  return row.text[column].trim()
}

/** Rows of a table, whatever its type, without a cast at every call site. */
export function rowsOf<T extends Ssda903Table>(tables: Ssda903Tables, table: T): Ssda903Row<T>[] | undefined {
  return tables[table] as Ssda903Row<T>[] | undefined
}

/** The tables named, each present with no rows (a table supplied or written, if empty). */
export function emptyTables(tables: readonly string[]): Ssda903Tables {
  return Object.fromEntries(tables.map((t) => [t, []])) as Ssda903Tables
}

/** Append a row to its table, creating the table if need be. */
export function addRow<T extends Ssda903Table>(tables: Ssda903Tables, row: Ssda903Row<T>): void {
  const existing = tables[row.table] as Ssda903Row<T>[] | undefined
  if (existing) existing.push(row)
  else (tables as Record<string, unknown>)[row.table] = [row]
}
