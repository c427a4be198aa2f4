/**
 * The SSDA903 return as CSV files, one per table.
 *
 * Reading: a file is recognised by its header row, whose set of column names must be exactly
 * one table's (the DfE validators identify files the same way; the order of columns does not
 * matter). Header names are compared after trimming, upper-casing and turning spaces into `_`,
 * and a byte-order mark, Windows line endings, blank rows and empty trailing columns (a comma
 * at the end of every line) are tolerated. A row with too few or too many cells is still read,
 * and reported with its line and column; nothing is dropped without a word. Only a file whose
 * header matches no table, or that is not text, is skipped, and that is reported too. Empty
 * lines are skipped; a row of empty cells (",,,") is read as a row, as the DfE validators read
 * it, unless only such rows follow it: trailing blank rows are dropped.
 *
 * Writing is byte-stable: the DfE's column order, CRLF line endings (RFC 4180, as Excel and the
 * DfE's own exports write them), no byte-order mark, every line ended, real dates as DD/MM/YYYY,
 * other cells as read, trimmed, quoted only when they hold a comma, quote or line break.
 */
import { createWriteStream } from 'node:fs'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import {
  SSDA903_COLUMNS,
  SSDA903_TABLES,
  canonicalText,
  makeRow,
  makeRowFromTexts,
  type AnySsda903Row,
  type ColumnOf,
  type Ssda903Row,
  type Ssda903Table,
} from './model.js'
import { CsvSyntaxError, CsvTokenizer } from './csv-tokenizer.js'
import { ProblemLog, type ReadProblem } from './problems.js'
import { NotTextError, decodeFile, replacementMessage, textChunks, type DecodeNotes } from './text-source.js'

/** The line ending of every CSV Haven writes. */
export const CSV_LINE_END = '\r\n'

/** File names Haven writes each table to (those LA systems and the DfE validators' examples use). */
export const CSV_FILE_NAMES: Record<Ssda903Table, string> = {
  Header: 'header.csv',
  Episodes: 'episodes.csv',
  Reviews: 'reviews.csv',
  UASC: 'uasc.csv',
  OC2: 'oc2.csv',
  OC3: 'oc3.csv',
  AD1: 'ad1.csv',
  PlacedAdoption: 'placed_for_adoption.csv',
  PrevPerm: 'previous_permanence.csv',
  Missing: 'missing.csv',
  SWEpisodes: 'sw_episodes.csv',
  DoLo: 'dolo.csv',
}

// ---------------------------------------------------------------------------------------------
// Recognising a table from its header

/** A header cell as Haven compares it: `" Place Provider "` → `PLACE_PROVIDER`. */
export function normaliseColumnName(name: string): string {
  return name
    .replace(/[\uFEFF\u200B]/g, '')
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, '_')
}

export type TableMatch =
  { table: Ssda903Table } | { table: null; closest: Ssda903Table; missing: string[]; unexpected: string[] }

/** Which table has exactly these columns (in any order). */
export function identifyTable(columns: readonly string[]): TableMatch {
  const given = new Set(columns)
  let best: { table: Ssda903Table; missing: string[]; unexpected: string[]; score: number } | undefined
  for (const table of SSDA903_TABLES) {
    const expected = SSDA903_COLUMNS[table] as readonly string[]
    const missing = expected.filter((c) => !given.has(c))
    const unexpected = [...given].filter((c) => !expected.includes(c))
    if (missing.length === 0 && unexpected.length === 0) return { table }
    const score = missing.length + unexpected.length
    if (!best || score < best.score) best = { table, missing, unexpected, score }
  }
  // SSDA903_TABLES is not empty, so best is set.
  const b = best as NonNullable<typeof best>
  return { table: null, closest: b.table, missing: b.missing, unexpected: b.unexpected }
}

// ---------------------------------------------------------------------------------------------
// Reading

export interface CsvRead {
  file: string
  /** The table the file holds; null when it could not be recognised (nothing was read). */
  table: Ssda903Table | null
  /** Its rows, unless they were each handed to `onRow` as read. */
  rows: AnySsda903Row[]
  problems: ReadProblem[]
}

export interface CsvReadOptions {
  /** Index of the first row (when this file continues a table begun in another file). */
  firstRow?: number
  /** Filled in by the decoder of `text`, if any: reported once the file has been read. */
  decoding?: DecodeNotes
  /**
   * Each row as it is read, in place of collecting them in `rows` (which is then empty): a reader
   * that spills rows to disk holds none of them.
   */
  onRow?: (row: AnySsda903Row) => void
}

export function readCsvFile(
  path: string,
  options: CsvReadOptions & { file?: string } = {},
): Promise<CsvRead> {
  const decoding: DecodeNotes = { replaced: 0 }
  return readCsv(decodeFile(path, decoding), options.file ?? path, { ...options, decoding })
}

export function readCsvText(text: string, file: string, options: CsvReadOptions = {}): Promise<CsvRead> {
  return readCsv(textChunks(text), file, options)
}

/** The longest row Haven will read (in characters). */
export const MAX_RECORD_CHARS = 1_000_000

const isBlankRecord = (record: readonly string[]): boolean => record.every((c) => c.trim() === '')

/** Read one CSV file of the return from a stream of its text. */
export async function readCsv(
  text: AsyncIterable<string>,
  file: string,
  options: CsvReadOptions = {},
): Promise<CsvRead> {
  const log = new ProblemLog(file)
  const rows: AnySsda903Row[] = []
  let read = 0
  const emit = (row: AnySsda903Row): void => {
    read++
    if (options.onRow) options.onRow(row)
    else rows.push(row)
  }
  let table: Ssda903Table | null = null
  let nextRow = options.firstRow ?? 0

  let lastLine = 1 // where the last row read starts, for a problem with no line of its own
  let columns: (ColumnOf<Ssda903Table> | null)[] = [] // per position; null for an ignored empty trailing column
  let width = 0 // number of header cells up to the last named column
  let positions: number[] = [] // for each column in the DfE's order, its position in the file
  let inOrder = false // the file's columns are the DfE's, in its order: a record is its texts
  let firstName = '' // the first column's name, to tell a repeated header from a child's row
  let pendingBlank: number[] = [] // lines of rows of empty cells not yet known to be trailing

  /** Take one record; false when the rest of the file should not be read. */
  const take = (record: string[], at: number): boolean => {
    lastLine = at
    if (isBlankRecord(record)) {
      // An empty line is nothing; a row of empty cells (",,,") is a row, as the DfE validators
      // read it, unless only blank rows follow it (Excel leaves those at the end of a sheet).
      if (table !== null && record.length > 1) pendingBlank.push(at)
      return true
    }

    if (table === null) {
      const header = readHeader(record, at, log)
      if (!header) return false
      table = header.table
      columns = header.columns
      width = header.width
      positions = (SSDA903_COLUMNS[table] as readonly string[]).map((c) =>
        columns.indexOf(c as ColumnOf<Ssda903Table>),
      )
      firstName = columns[0] ?? ''
      inOrder = positions.every((p, k) => p === k)
      return true
    }

    // Files joined end to end repeat the header: it is not a child's row.
    if (
      record.length >= width &&
      mayBeName(record[0] ?? '', firstName) &&
      columns.every((c, i) => c === null || normaliseColumnName(record[i] ?? '') === c)
    ) {
      log.warning(`row ${at} repeats the header; it was not read as a row`, { line: at })
      return true
    }

    for (const blankAt of pendingBlank)
      emit(makeRow(table, {}, { file, row: nextRow++, line: blankAt }) as AnySsda903Row)
    pendingBlank = []

    let texts = record
    if (!inOrder) {
      texts = new Array<string>(positions.length)
      for (let k = 0; k < positions.length; k++) texts[k] = record[positions[k] as number] ?? ''
    }
    if (record.length < width) {
      const absent = columns
        .slice(record.length, width)
        .filter((c): c is ColumnOf<Ssda903Table> => c !== null)
      log.error(
        `row ${at} has ${record.length} ${record.length === 1 ? 'cell' : 'cells'} where the header has ${width}: ` +
          `${absent.join(', ')} ${absent.length === 1 ? 'was' : 'were'} read as blank`,
        { line: at, ...(absent[0] ? { column: absent[0] } : {}) },
      )
    }
    for (let i = width; i < record.length; i++) {
      if ((record[i] ?? '').trim() === '') continue
      log.error(
        `row ${at} has a value in column ${i + 1}, beyond the ${width} named in the header; it was not read`,
        { line: at, column: `column ${i + 1}` },
      )
      break
    }
    // An empty-named trailing column should be empty; say so if it is not.
    for (let i = 0; i < width; i++) {
      if (columns[i] === null && (record[i] ?? '').trim() !== '') {
        log.error(
          `row ${at} has a value in column ${i + 1}, which has no name in the header; it was not read`,
          {
            line: at,
            column: `column ${i + 1}`,
          },
        )
        break
      }
    }
    emit(makeRowFromTexts(table, texts, { file, row: nextRow++, line: at }) as AnySsda903Row)
    return true
  }

  // A row of an SSDA903 table is a few hundred characters: a far longer one means the file is
  // not CSV (or has a quote left open), and reading on would hold it all in memory.
  const tokenizer = new CsvTokenizer(MAX_RECORD_CHARS)
  try {
    let reading = true
    for await (const chunk of text) {
      reading = tokenizer.push(chunk, take)
      if (!reading) break
    }
    if (reading) tokenizer.end(take)
    if (table === null && !log.problems.some((p) => p.severity === 'error'))
      log.error('the file is empty: it has no header row, so it is not any SSDA903 table')
  } catch (err) {
    if (err instanceof NotTextError) log.error(`${err.message}; the file was not read`)
    else if (err instanceof CsvSyntaxError)
      log.error(
        `the file could not be read from line ${err.line} on: ${err.message}; ` +
          `the ${read} ${read === 1 ? 'row' : 'rows'} before it were read`,
        { line: err.line },
      )
    else
      log.error(`the file could not be read after line ${lastLine}: ${(err as Error).message}`, {
        line: lastLine,
      })
  }
  if (options.decoding?.replaced) log.warning(replacementMessage(options.decoding))
  return { file, table, rows, problems: log.finish() }
}

/**
 * False when `cell` cannot be the column `name` however it is written: a cell starting with a
 * digit (as most CHILD identifiers do) normalises to something starting with that digit, and
 * no column's name starts with one. Spares normalising the first cell of every row.
 */
function mayBeName(cell: string, name: string): boolean {
  const c = cell.charCodeAt(0)
  return !(c >= 0x30 && c <= 0x39) || name.charCodeAt(0) === c
}

function readHeader(
  record: readonly string[],
  line: number,
  log: ProblemLog,
): { table: Ssda903Table; columns: (ColumnOf<Ssda903Table> | null)[]; width: number } | null {
  const names = record.map(normaliseColumnName)
  // A comma at the end of every line gives empty trailing header cells: ignore them.
  let width = names.length
  while (width > 0 && names[width - 1] === '') width--
  const named = names.slice(0, width)

  if (named.includes('')) {
    log.error(`the header (row ${line}) has a column with no name, at column ${named.indexOf('') + 1}`, {
      line,
    })
    return null
  }
  const seen = new Set<string>()
  for (const name of named) {
    if (seen.has(name)) {
      log.error(`the header (row ${line}) names column ${name} twice`, { line, column: name })
      return null
    }
    seen.add(name)
  }
  const match = identifyTable(named)
  if (match.table === null) {
    const detail = [
      match.missing.length ? `missing ${match.missing.join(', ')}` : '',
      match.unexpected.length ? `not expected ${match.unexpected.join(', ')}` : '',
    ]
      .filter(Boolean)
      .join('; ')
    const overlap = (SSDA903_COLUMNS[match.closest] as readonly string[]).length - match.missing.length
    log.error(
      `not an SSDA903 table: its header (${named.join(', ') || 'empty'}) matches no table's columns ` +
        (overlap > 0
          ? `(nearest is ${match.closest}: ${detail})`
          : '(none of its columns is an SSDA903 column)') +
        '; the file was not read',
      { line },
    )
    return null
  }
  return { table: match.table, columns: named as ColumnOf<Ssda903Table>[], width }
}

// ---------------------------------------------------------------------------------------------
// Writing

function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export function csvHeaderLine(table: Ssda903Table): string {
  return SSDA903_COLUMNS[table].join(',') + CSV_LINE_END
}

export function csvRowLine<T extends Ssda903Table>(row: Ssda903Row<T>): string {
  const columns = SSDA903_COLUMNS[row.table] as readonly ColumnOf<T>[]
  return columns.map((c) => csvCell(canonicalText(row, c))).join(',') + CSV_LINE_END
}

/** The file's text in chunks of about 64 KB, for streaming. */
export function* csvChunks<T extends Ssda903Table>(
  table: T,
  rows: Iterable<Ssda903Row<T>>,
): Generator<string> {
  let chunk = csvHeaderLine(table)
  for (const row of rows) {
    chunk += csvRowLine(row)
    if (chunk.length >= 65_536) {
      yield chunk
      chunk = ''
    }
  }
  if (chunk) yield chunk
}

export function toCsvText<T extends Ssda903Table>(table: T, rows: Iterable<Ssda903Row<T>>): string {
  return [...csvChunks(table, rows)].join('')
}

export async function writeCsvFile<T extends Ssda903Table>(
  path: string,
  table: T,
  rows: Iterable<Ssda903Row<T>>,
): Promise<void> {
  await pipeline(Readable.from(csvChunks(table, rows)), createWriteStream(path))
}
