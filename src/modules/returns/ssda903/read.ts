/**
 * The way in and out for an SSDA903 return: what `haven returns validate --ssda903` reads and
 * what the synthetic returns generator writes.
 *
 * Reading takes a directory or a list of files (or both) for this year, and optionally last
 * year's (`previous`, a directory or files). CSV and XML may be mixed: a CSV is recognised by its
 * header, an XML file holds every table it carries. A table that comes from two files is read
 * from both, in the order given, with a warning. Every problem is reported with its file (and
 * line and column where there is one); a problem of severity `error` means what was read is not
 * the whole return.
 */
import { createWriteStream, type WriteStream } from 'node:fs'
import { once } from 'node:events'
import { mkdir, readdir, rm, stat } from 'node:fs/promises'
import { basename, dirname, extname, join } from 'node:path'
import { open } from 'node:fs/promises'
import { CSV_FILE_NAMES, csvHeaderLine, csvRowLine, readCsvFile, writeCsvFile } from './csv.js'
import {
  SSDA903_TABLES,
  rowsOf,
  type AnySsda903Row,
  type Ssda903Return,
  type Ssda903Table,
  type Ssda903Tables,
} from './model.js'
import type { ReadProblem } from './problems.js'
import { readXmlFile, writeXmlFile, type WriteProblem } from './xml.js'

export interface ReadSsda903Options {
  /** This year's files; a directory in the list stands for the CSV and XML files in it. */
  files?: readonly string[]
  /** This year's directory (its CSV and XML files, not its sub-directories). */
  dir?: string
  /** Last year's directory or files. */
  previous?: string | readonly string[]
}

export interface Ssda903Read {
  model: Ssda903Return
  problems: ReadProblem[]
  /** The files each table was read from, per year. */
  sources: {
    current: Partial<Record<Ssda903Table, string[]>>
    previous: Partial<Record<Ssda903Table, string[]>>
  }
}

export async function readSsda903(options: ReadSsda903Options): Promise<Ssda903Read> {
  const problems: ReadProblem[] = []
  const ids = new Map<string, string>()
  const collect = (into: Ssda903Tables): RowSink => {
    // One string for each identifier: the same values, a fraction of the memory.
    const share = sharedIds(ids)
    return (row) => {
      const text = row.text as { CHILD: string }
      text.CHILD = share(text.CHILD)
      if (row.CHILD !== null) (row as { CHILD: string }).CHILD = share(row.CHILD)
      ;((into as Record<string, AnySsda903Row[]>)[row.table] ??= []).push(row)
    }
  }
  const read = async (files: readonly string[], into: Ssda903Tables) => {
    const sources = await readYear(files, problems, collect(into))
    // A table read from a file is supplied, though the file held no rows.
    for (const table of Object.keys(sources)) (into as Record<string, AnySsda903Row[]>)[table] ??= []
    return sources
  }
  const years = await filesToRead(options, problems)
  const current: Ssda903Tables = {}
  const result: Ssda903Read = {
    model: { current },
    problems,
    sources: { current: await read(years.current, current), previous: {} },
  }
  if (years.previous !== undefined) {
    const previous: Ssda903Tables = {}
    result.sources.previous = await read(years.previous, previous)
    result.model.previous = previous
  }
  return result
}

/** Where a year's rows go as they are read, each numbered as its row of the whole table. */
export type RowSink = (row: AnySsda903Row) => void

/** The files of each year, each year's missing or unreadable paths reported. */
export async function filesToRead(
  options: ReadSsda903Options,
  problems: ReadProblem[],
): Promise<{ current: string[]; previous?: string[] }> {
  const thisYear = [...(options.dir !== undefined ? [options.dir] : []), ...(options.files ?? [])]
  const years: { current: string[]; previous?: string[] } = {
    current: await filesOfYear(thisYear, 'this year', problems),
  }
  if (options.previous !== undefined) {
    const paths = typeof options.previous === 'string' ? [options.previous] : options.previous
    years.previous = await filesOfYear(paths, 'last year', problems)
  }
  return years
}

/**
 * `text` as the one string `ids` holds for it. A child's identifier is in every row of every
 * table of both years, each read as a string of its own: an England-sized return holds one
 * and a half million of them for 230,000 children.
 */
function sharedId(ids: Map<string, string>, text: string): string {
  const known = ids.get(text)
  if (known !== undefined) return known
  ids.set(text, text)
  return text
}

/**
 * `sharedId` for a table's rows in file order: a child's rows mostly come together, so the
 * identifier of the row before is tried before the map (a quarter of a million identifiers).
 */
function sharedIds(ids: Map<string, string>): (text: string) => string {
  let last = ''
  let lastShared = ''
  return (text) => {
    if (text !== last) {
      last = text
      lastShared = sharedId(ids, text)
    }
    return lastShared
  }
}

async function filesOfYear(
  paths: readonly string[],
  year: string,
  problems: ReadProblem[],
): Promise<string[]> {
  const before = problems.length
  const files = await expand(paths, problems)
  const unreadable = problems.slice(before).some((p) => p.severity === 'error')
  if (paths.length === 0)
    problems.push({ severity: 'error', file: '', message: `no SSDA903 files given for ${year}` })
  else if (files.length === 0 && !unreadable)
    problems.push({
      severity: 'error',
      file: paths.join(', '),
      message: `no SSDA903 files (CSV or XML) for ${year} were found here`,
    })
  return files
}

/**
 * Reads a year's files, handing each row to `sink` as it is read (a CSV file's a row at a time,
 * an XML file's once the file is read), numbered as its row of the whole table; gives the files
 * each table was read from.
 */
export async function readYear(
  files: readonly string[],
  problems: ReadProblem[],
  sink: RowSink,
): Promise<Partial<Record<Ssda903Table, string[]>>> {
  const sources: Partial<Record<Ssda903Table, string[]>> = {}
  const count: Partial<Record<Ssda903Table, number>> = {}
  const from = (table: Ssda903Table, file: string): void => {
    const before = (sources[table] ??= [])
    if (before.length > 0)
      problems.push({
        severity: 'warning',
        file,
        message: `${table} was also read from ${before.join(', ')}: the rows of both were read, this file's after`,
      })
    before.push(file)
  }
  const take = (row: AnySsda903Row): void => {
    // Renumbered so `row` is the row's index in the whole table, across its files.
    const n = count[row.table] ?? 0
    ;(row as { row: number }).row = n
    count[row.table] = n + 1
    sink(row)
  }

  for (const file of files) {
    if (await looksLikeXml(file)) {
      const read = await readXmlFile(file)
      problems.push(...read.problems)
      for (const table of SSDA903_TABLES) {
        const rows = rowsOf(read.tables, table)
        if (!rows) continue
        from(table, file)
        for (const row of rows) take(row as AnySsda903Row)
      }
    } else {
      const read = await readCsvFile(file, { onRow: take })
      problems.push(...read.problems)
      if (read.table) from(read.table, file)
    }
  }
  return sources
}

const READABLE = new Set(['.csv', '.xml'])

/** Files to read: each file as given, each directory's CSV and XML files in name order. */
async function expand(paths: readonly string[], problems: ReadProblem[]): Promise<string[]> {
  const files: string[] = []
  for (const path of paths) {
    let info
    try {
      info = await stat(path)
    } catch {
      problems.push({ severity: 'error', file: path, message: 'there is no such file or directory' })
      continue
    }
    if (info.isFile()) {
      files.push(path)
      continue
    }
    if (!info.isDirectory()) {
      problems.push({ severity: 'error', file: path, message: 'this is neither a file nor a directory' })
      continue
    }
    const entries = (await readdir(path, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))
    for (const entry of entries) {
      if (!entry.isFile() || entry.name.startsWith('.')) continue
      if (READABLE.has(extname(entry.name).toLowerCase())) files.push(join(path, entry.name))
      else
        problems.push({
          severity: 'warning',
          file: join(path, entry.name),
          message: 'not a CSV or XML file, so not read',
        })
    }
  }
  return files
}

/** XML by its extension, or, for a file named otherwise, by its first character being `<`. */
async function looksLikeXml(file: string): Promise<boolean> {
  const ext = extname(file).toLowerCase()
  if (ext === '.xml') return true
  if (ext === '.csv') return false
  const handle = await open(file, 'r')
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(64), 0, 64, 0)
    const start = buffer
      .subarray(0, bytesRead)
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trimStart()
    return start.startsWith('<')
  } finally {
    await handle.close()
  }
}

// ---------------------------------------------------------------------------------------------
// Writing

const isReturn = (x: Ssda903Return | Ssda903Tables): x is Ssda903Return => 'current' in x

/**
 * Write each supplied table as a CSV in `dir` (named as `CSV_FILE_NAMES`), and last year's, if
 * the model has them, in `dir/previous`. Returns the files written.
 */
export async function writeSsda903Csv(dir: string, model: Ssda903Return | Ssda903Tables): Promise<string[]> {
  const ret = isReturn(model) ? model : { current: model }
  const written: string[] = []
  const writeYear = async (target: string, tables: Ssda903Tables): Promise<void> => {
    await mkdir(target, { recursive: true })
    for (const table of SSDA903_TABLES) {
      const rows = rowsOf(tables, table)
      if (!rows) continue
      const path = join(target, CSV_FILE_NAMES[table])
      await writeCsvFile(path, table, rows)
      written.push(path)
    }
  }
  await writeYear(dir, ret.current)
  if (ret.previous) await writeYear(join(dir, 'previous'), ret.previous)
  return written
}

/**
 * Write the return as EXPSSDA903 XML to `file`, and last year's, if the model has them, beside it
 * (`return.xml` → `return.previous.xml`, or `options.previousFile`). Returns the files written and
 * what the XML form could not carry.
 */
export async function writeSsda903Xml(
  file: string,
  model: Ssda903Return | Ssda903Tables,
  options: { previousFile?: string } = {},
): Promise<{ files: string[]; problems: WriteProblem[] }> {
  const ret = isReturn(model) ? model : { current: model }
  await mkdir(dirname(file), { recursive: true })
  const problems = [...(await writeXmlFile(file, ret.current)).problems]
  const files = [file]
  if (ret.previous) {
    const previousFile =
      options.previousFile ??
      join(dirname(file), `${basename(file, extname(file))}.previous${extname(file) || '.xml'}`)
    problems.push(...(await writeXmlFile(previousFile, ret.previous)).problems)
    files.push(previousFile)
  }
  return { files, problems }
}

/**
 * The tables written as CSV a batch of children at a time, so a return of any size is never held
 * whole: `add` appends each table's rows to its file (waiting while the disk catches up), `close`
 * finishes the files and gives their paths, `abort` removes what was written. Every table named
 * gets a file, with its header, even when no row comes; last year's go in `dir/previous`, or, when
 * opened without them, are not written.
 */
export class Ssda903CsvWriter {
  readonly #files = new Map<string, { path: string; stream: WriteStream; text: string }>()

  private constructor(
    readonly dir: string,
    private readonly withPrevious: boolean,
  ) {}

  static async open(
    dir: string,
    tables: { current: readonly Ssda903Table[]; previous?: readonly Ssda903Table[] },
  ): Promise<Ssda903CsvWriter> {
    const writer = new Ssda903CsvWriter(dir, tables.previous !== undefined)
    const years: [string, string, readonly Ssda903Table[]][] = [['', dir, tables.current]]
    if (tables.previous) years.push(['previous/', join(dir, 'previous'), tables.previous])
    for (const [year, target, names] of years) {
      await mkdir(target, { recursive: true })
      for (const table of names) {
        const path = join(target, CSV_FILE_NAMES[table])
        writer.#files.set(`${year}${table}`, {
          path,
          stream: createWriteStream(path),
          text: csvHeaderLine(table),
        })
      }
    }
    return writer
  }

  /** Appends a batch: this year's tables and, when opened with them, last year's. */
  async add(batch: Ssda903Return): Promise<void> {
    const years: [string, Ssda903Tables | undefined][] = [
      ['', batch.current],
      ['previous/', this.withPrevious ? batch.previous : undefined],
    ]
    for (const [year, tables] of years) {
      if (!tables) continue
      for (const table of SSDA903_TABLES) {
        const rows = rowsOf(tables, table)
        if (!rows?.length) continue
        const file = this.#files.get(`${year}${table}`)
        if (!file) throw new Error(`${year}${table} was not opened for writing`)
        for (const row of rows) file.text += csvRowLine(row)
        if (file.text.length >= 65_536) await this.#flush(file)
      }
    }
  }

  /** Finishes every file; gives their paths, this year's first. */
  async close(): Promise<string[]> {
    for (const file of this.#files.values()) {
      await this.#flush(file)
      file.stream.end()
      await once(file.stream, 'close')
    }
    return [...this.#files.values()].map((f) => f.path)
  }

  /** Stops writing and removes the files. */
  async abort(): Promise<void> {
    for (const file of this.#files.values()) file.stream.destroy()
    await Promise.all([...this.#files.values()].map((f) => rm(f.path, { force: true })))
  }

  async #flush(file: { stream: WriteStream; text: string }): Promise<void> {
    if (!file.text) return
    const more = file.stream.write(file.text)
    file.text = ''
    if (!more) await once(file.stream, 'drain')
  }
}
