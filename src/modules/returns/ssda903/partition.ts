/**
 * An SSDA903 return read in shares of its children, for work that takes a child at a time but
 * must not hold an England-sized return whole (the import: 138,000 children, 1.5 GB read whole).
 *
 * The files are read once, as `readSsda903` reads them (the same problems, the same rows, each
 * keeping its file, row and line), and each row is written to one of `parts` spill files chosen
 * by its CHILD, so every row of a child, this year's and last year's, is in one part. Each part
 * is then read back as a return of its own, holding only its children. The spill files are in
 * a directory of the system's temporary space that only this process's user may open, and are
 * removed by `close` (they hold what the return holds: children's records).
 */
import { closeSync, openSync, writeSync } from 'node:fs'
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  SSDA903_TABLES,
  childOf,
  emptyTables,
  makeRowFromTexts,
  SSDA903_COLUMNS,
  type AnySsda903Row,
  type Ssda903Return,
  type Ssda903Table,
} from './model.js'
import type { ReadProblem } from './problems.js'
import { filesToRead, readYear, type ReadSsda903Options, type Ssda903Read } from './read.js'

/**
 * About this much of the return's files to a part (an England-sized return's 65 MB in 33 parts of
 * about 4,000 children). What a part holds once read stays live while its children are written,
 * and V8 lets its heap grow to a few times what stays live, so the part's size is most of what
 * the import's peak memory depends on: at 8 MB, four tenths of England peaked at 783 MB and kept
 * 120-130 MB live; at 2 MB, 657 MB and 90-95 MB, no slower (`haven`'s 64 MB young generation).
 */
const BYTES_PER_PART = 2 * 1024 * 1024
const MAX_PARTS = 256
/** Spilled text is written in blocks of about this many characters. */
const BLOCK = 1 << 16

export interface Ssda903Parts {
  problems: ReadProblem[]
  sources: Ssda903Read['sources']
  /** Rows read, by table, each year (a table not supplied is absent). */
  rowCounts: {
    current: Partial<Record<Ssda903Table, number>>
    previous: Partial<Record<Ssda903Table, number>>
  }
  /** How many parts the children were shared into. */
  parts: number
  /** Where the parts are spilled, until `close`. */
  dir: string
  /**
   * Part `k`'s rows, both years, as a return of its own: every row of each of its children, in
   * the order read; each table that was supplied is present, if empty.
   */
  part(k: number): Promise<Ssda903Return>
  /** Removes the spill files. */
  close(): Promise<void>
}

/** The part a child's rows go to (FNV-1a of its CHILD); a row with none goes to the first. */
export function partOf(child: string, parts: number): number {
  let h = 0x811c9dc5
  for (let i = 0; i < child.length; i++) h = Math.imul(h ^ child.charCodeAt(i), 0x01000193)
  return (h >>> 0) % parts
}

/** How many parts for this many bytes of files: enough to keep each near `BYTES_PER_PART`. */
export function partsFor(bytes: number): number {
  return Math.min(MAX_PARTS, Math.max(1, Math.ceil(bytes / BYTES_PER_PART)))
}

/**
 * A spilled row: year (0 this, 1 last), table, file, row, line, XML element, the XML Header's
 * UASC flag, then the cells' text in the DfE's column order.
 */
type Spilled = [0 | 1, number, number, number, number | null, string | null, string | null, ...string[]]

export async function partitionSsda903(
  options: ReadSsda903Options & { parts?: number },
): Promise<Ssda903Parts> {
  const problems: ReadProblem[] = []
  const years = await filesToRead(options, problems)
  let bytes = 0
  for (const file of [...years.current, ...(years.previous ?? [])]) bytes += (await stat(file)).size
  const parts = options.parts ?? partsFor(bytes)
  const dir = await mkdtemp(join(tmpdir(), 'haven-ssda903-spill-'))
  const paths = Array.from({ length: parts }, (_, k) => join(dir, `part-${k}.jsonl`))
  const files: string[] = []
  const fileNumber = new Map<string, number>()
  const rowCounts: Ssda903Parts['rowCounts'] = { current: {}, previous: {} }

  const handles = paths.map((path) => openSync(path, 'wx', 0o600))
  const pending = paths.map(() => '')
  const flush = (k: number): void => {
    writeSync(handles[k] as number, pending[k] as string)
    pending[k] = ''
  }
  const spill =
    (year: 0 | 1) =>
    (row: AnySsda903Row): void => {
      let f = fileNumber.get(row.file)
      if (f === undefined) {
        f = files.length
        files.push(row.file)
        fileNumber.set(row.file, f)
      }
      const counts = year === 0 ? rowCounts.current : rowCounts.previous
      counts[row.table] = (counts[row.table] ?? 0) + 1
      const texts = (SSDA903_COLUMNS[row.table] as readonly string[]).map(
        (c) => (row.text as Record<string, string>)[c] ?? '',
      )
      const uascFlag = row.table === 'Header' ? (row.uascFlag ?? null) : null
      const line: Spilled = [
        year,
        SSDA903_TABLES.indexOf(row.table),
        f,
        row.row,
        row.line ?? null,
        row.element ?? null,
        uascFlag,
        ...texts,
      ]
      const k = partOf(childOf(row), parts)
      pending[k] += JSON.stringify(line) + '\n'
      if ((pending[k] as string).length >= BLOCK) flush(k)
    }

  let sources: Ssda903Read['sources']
  try {
    sources = { current: await readYear(years.current, problems, spill(0)), previous: {} }
    if (years.previous !== undefined) sources.previous = await readYear(years.previous, problems, spill(1))
    for (let k = 0; k < parts; k++) flush(k)
  } catch (err) {
    await rm(dir, { recursive: true, force: true })
    throw err
  } finally {
    for (const h of handles) closeSync(h)
  }
  const withPrevious = years.previous !== undefined

  return {
    problems,
    sources,
    rowCounts,
    parts,
    dir,
    async part(k) {
      // A table read from a file (if it held no rows) is supplied, as `readSsda903` reads it.
      const current = emptyTables(Object.keys(sources.current))
      const previous = emptyTables(Object.keys(sources.previous))
      const text = await readFile(paths[k] as string, 'utf8')
      let at = 0
      while (at < text.length) {
        const end = text.indexOf('\n', at)
        const [year, t, f, row, line, element, uascFlag, ...texts] = JSON.parse(
          text.slice(at, end),
        ) as Spilled
        at = end + 1
        const table = SSDA903_TABLES[t] as Ssda903Table
        // Built a property at a time: conditional spreads would build every row's on V8's slow path.
        const source: { file: string; row: number; line?: number; element?: string } = {
          file: files[f] as string,
          row,
        }
        if (line !== null) source.line = line
        if (element !== null) source.element = element
        const built = makeRowFromTexts(table, texts, source) as AnySsda903Row
        if (uascFlag !== null) (built as { uascFlag?: string }).uascFlag = uascFlag
        const into = (year === 0 ? current : previous) as Record<string, AnySsda903Row[]>
        ;(into[table] ??= []).push(built)
      }
      return withPrevious ? { current, previous } : { current }
    },
    async close() {
      await rm(dir, { recursive: true, force: true })
    },
  }
}
