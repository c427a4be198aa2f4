/**
 * `haven returns import --ssda903`: an authority's existing SSDA903 return loaded into Haven's
 * care records, for moving to Haven from another system. The files are read once with the returns
 * engine's reader, and nothing is imported if any of them cannot be read whole; their rows are
 * shared out by child into spill files (`partitionSsda903`), and the children taken a share at a
 * time, so memory is bounded by a share, not by the return. Each child is matched to Haven's
 * record by LA child ID (the people are migrated first: a return names no one), and handed to the
 * care module, which writes their periods, placements, episodes and the rest a batch of children
 * at a time, or says why not.
 *
 * Running the same return again writes nothing (each child's care is fingerprinted); a child Haven
 * already holds different care records for is left alone and reported. A child's social worker
 * episodes (SWEpisodes) go with their care to the front door, as allocated-worker grants; those it
 * cannot take are reported by table (`rowsNotImported`) while the child's care is imported. The
 * export of the same year then gives the return back (the integration test proves it on a
 * synthetic return). With `previous`, last year's return is read too and taken in as the
 * children's history (`withLastYear`).
 *
 * Audit: one row for the run (`ssda903.import`) once the files are read, before any child's record
 * is read or written, and one per child written (`care.import`, by the care module).
 */
import { recordAuditAlone, type AuditContext } from '../../../platform/audit/audit.js'
import type { Db } from '../../../platform/db/database.js'
import {
  beginCareImport,
  childrenForImport,
  finishCareImport,
  importChildrenCare,
  type CareImport,
  type ImportedChild,
} from '../../care/import-service.js'
import { parseCollectionYear, type CollectionYear } from '../collection-year.js'
import { indexByChild, type Ssda903Child } from '../ssda903/index.js'
import { partitionSsda903 } from '../ssda903/partition.js'
import { SSDA903_TABLES, type Ssda903Table } from '../ssda903/model.js'
import type { ReadProblem } from '../ssda903/problems.js'
import { IMPORTED, IMPORTED_FROM_LAST_YEAR, importedChildOf, withLastYear } from './model.js'

/** Children matched and written a batch at a time. */
const BATCH = 500
/** Batches being written at once (see `importSsda903`). */
const IN_FLIGHT = 2

/** The files could not be read as a return: nothing was imported. */
export class Ssda903ImportInputError extends Error {
  constructor(
    message: string,
    readonly problems: readonly ReadProblem[] = [],
  ) {
    super(message)
    this.name = 'Ssda903ImportInputError'
  }
}

export interface Ssda903ImportOptions {
  files: readonly string[]
  /** Last year's return, whose episodes, reviews and missing episodes are taken in as history. */
  previous?: readonly string[]
  year: string
  /** The Haven account the records name as recording them. */
  by: number
  now: () => Date
  onProgress?: (children: number) => void
  /** Batches written at once (by default 2). */
  inFlight?: number
  /** How many shares of its children the return is read in (by default, by the files' size). */
  parts?: number
}

export interface Ssda903Imported {
  importId: number
  children: number
  imported: number
  unchanged: number
  notImported: { child: string; reason: string }[]
  /** A child's rows of a table refused on their own (SWEpisodes), the rest of the child imported. */
  rowsNotImported: { child: string; table: Ssda903Table; reason: string }[]
  /** Rows in tables Haven does not import yet, by table. */
  tablesNotImported: Partial<Record<Ssda903Table, number>>
  /** The same for last year's return, when one was given. */
  lastYearTablesNotImported: Partial<Record<Ssda903Table, number>>
  /** Girls recorded as mothers (MOTHER 1): their babies are people's records, not the return's. */
  mothers: number
}

export async function importSsda903(
  db: Db,
  audit: AuditContext,
  options: Ssda903ImportOptions,
): Promise<Ssda903Imported> {
  const year = parseCollectionYear(options.year)
  const read = await partitionSsda903({
    files: options.files,
    ...(options.previous ? { previous: options.previous } : {}),
    ...(options.parts ? { parts: options.parts } : {}),
  })
  try {
    const errors = read.problems.filter((p) => p.severity === 'error')
    if (errors.length > 0)
      throw new Ssda903ImportInputError(
        'the return could not be read as it stands: nothing was imported',
        errors,
      )
    if ((read.rowCounts.current.Episodes ?? 0) === 0)
      throw new Ssda903ImportInputError(
        'the return has no Episodes table (or it is empty): nothing to import',
      )

    await recordAuditAlone(db, audit, {
      action: 'ssda903.import',
      outcome: 'allowed',
      recordType: 'ssda903',
      basis: 'command_line',
      detail: {
        year: options.year,
        files: options.files.length,
        lastYearFiles: options.previous?.length ?? 0,
      },
    })
    const run = await beginCareImport(db, {
      year: options.year,
      source: [...options.files, ...(options.previous ?? []).map((f) => `previous:${f}`)]
        .join(' ')
        .slice(0, 500),
      by: options.by,
      at: options.now(),
    })
    const result: Ssda903Imported = {
      importId: run.id,
      children: 0,
      imported: 0,
      unchanged: 0,
      notImported: [],
      rowsNotImported: [],
      tablesNotImported: {},
      lastYearTablesNotImported: {},
      mothers: 0,
    }
    for (const t of SSDA903_TABLES) {
      const n = IMPORTED.includes(t) ? 0 : (read.rowCounts.current[t] ?? 0)
      if (n > 0) result.tablesNotImported[t] = n
      const last = IMPORTED_FROM_LAST_YEAR.includes(t) ? 0 : (read.rowCounts.previous[t] ?? 0)
      if (last > 0) result.lastYearTablesNotImported[t] = last
    }
    // A part's children at a time: only they are held, however large the return.
    // Batches in flight together: while the database writes one (on a server, each in a
    // connection of its own), the next are planned and written beside it. Their children differ,
    // so they never wait on each other's rows; PGlite, one connection, takes them in turn.
    const writing: Promise<void>[] = []
    // The oldest batch written; on its failure the others are let finish before the error goes on.
    const oldestWritten = async (): Promise<void> => {
      try {
        await writing.shift()
      } catch (err) {
        await Promise.allSettled(writing)
        throw err
      }
    }
    const next = async (batch: readonly Ssda903Child[]): Promise<void> => {
      const started = importBatch(db, audit, run, year, batch, result, options)
      // Handled now, so that failing while another is awaited is not an unhandled rejection; its
      // error is thrown when it is awaited in turn.
      started.catch(() => undefined)
      writing.push(started)
      if (writing.length >= (options.inFlight ?? IN_FLIGHT)) await oldestWritten()
    }
    for (let k = 0; k < read.parts; k++) {
      const index = indexByChild(await read.part(k))
      // A care leaver may have OC3 alone: no episodes in the year; a child who left care last year
      // is in last year's return alone.
      const children = [...index.children.values()]
        .filter(
          (c) => c.current.Episodes.length > 0 || c.current.OC3.length > 0 || c.previous.Episodes.length > 0,
        )
        .map(withLastYear)
      for (let i = 0; i < children.length; i += BATCH) await next(children.slice(i, i + BATCH))
    }
    while (writing.length > 0) await oldestWritten()
    // In the order the children are named, whichever part they were read in.
    const byChild = (a: { child: string }, b: { child: string }) =>
      a.child < b.child ? -1 : a.child > b.child ? 1 : 0
    result.notImported.sort(byChild)
    result.rowsNotImported.sort(byChild)
    await finishCareImport(db, run, {
      children: result.children,
      imported: result.imported,
      unchanged: result.unchanged,
      notImported: result.notImported.length,
      rowsNotImported: result.rowsNotImported.length,
      tablesNotImported: result.tablesNotImported,
      lastYearTablesNotImported: result.lastYearTablesNotImported,
    })
    return result
  } finally {
    await read.close()
  }
}

/** Matches a batch of children to Haven's and hands those found to the care module. */
async function importBatch(
  db: Db,
  audit: AuditContext,
  run: CareImport,
  year: CollectionYear,
  batch: readonly Ssda903Child[],
  result: Ssda903Imported,
  options: Ssda903ImportOptions,
): Promise<void> {
  const haven = await childrenForImport(
    db,
    batch.map((c) => c.id),
  )
  const toImport: { id: string; childId: number; child: ImportedChild }[] = []
  for (const c of batch) {
    result.children++
    if (c.current.Header[0]?.MOTHER === '1') result.mothers++
    const found = haven.get(c.id)
    if (found === undefined) {
      result.notImported.push({ child: c.id, reason: 'no child in Haven has this LA child ID' })
      continue
    }
    const rows = importedChildOf(c, found.dateOfBirth, year)
    if (!rows.ok) {
      result.notImported.push({ child: c.id, reason: rows.reason })
      continue
    }
    toImport.push({ id: c.id, childId: found.id, child: rows.child })
  }
  const outcomes = await importChildrenCare(db, { ...audit }, run, toImport, options.now())
  for (const [k, done] of outcomes.entries()) {
    const child = (toImport[k] as { id: string }).id
    if (done.outcome === 'imported') result.imported++
    else if (done.outcome === 'unchanged') result.unchanged++
    else result.notImported.push({ child, reason: done.reason })
    if (done.socialWorkers?.outcome === 'not_imported')
      result.rowsNotImported.push({ child, table: 'SWEpisodes', reason: done.socialWorkers.reason })
  }
  options.onProgress?.(result.children)
}
