/**
 * `haven returns import --ssda903`: an authority's existing SSDA903 return loaded into Haven's
 * care records, for moving to Haven from another system. The files are read with the returns
 * engine's reader; each child is matched to Haven's record by LA child ID (the people are
 * migrated first: a return names no one), and handed to the care module, which writes their
 * periods, placements, episodes and the rest a batch of children at a time, or says why not.
 *
 * Running the same return again writes nothing (each child's care is fingerprinted); a child Haven
 * already holds different care records for is left alone and reported. A child's social worker
 * episodes (SWEpisodes) go with their care to the front door, as allocated-worker grants; those it
 * cannot take are reported by table (`rowsNotImported`) while the child's care is imported. The export of the same
 * year then gives the return back (the integration test proves it on a synthetic return).
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
  type ImportedChild,
} from '../../care/import-service.js'
import { parseCollectionYear } from '../collection-year.js'
import { indexByChild } from '../ssda903/index.js'
import { SSDA903_TABLES, type Ssda903Table } from '../ssda903/model.js'
import type { ReadProblem } from '../ssda903/problems.js'
import { readSsda903 } from '../ssda903/read.js'
import { IMPORTED, importedChildOf } from './model.js'

/** Children matched and written a batch at a time. */
const BATCH = 500

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
  year: string
  /** The Haven account the records name as recording them. */
  by: number
  now: () => Date
  onProgress?: (children: number) => void
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
  /** Girls recorded as mothers (MOTHER 1): their babies are people's records, not the return's. */
  mothers: number
}

export async function importSsda903(
  db: Db,
  audit: AuditContext,
  options: Ssda903ImportOptions,
): Promise<Ssda903Imported> {
  const year = parseCollectionYear(options.year)
  const read = await readSsda903({ files: options.files })
  const errors = read.problems.filter((p) => p.severity === 'error')
  if (errors.length > 0)
    throw new Ssda903ImportInputError(
      'the return could not be read as it stands: nothing was imported',
      errors,
    )
  if ((read.model.current.Episodes ?? []).length === 0)
    throw new Ssda903ImportInputError('the return has no Episodes table (or it is empty): nothing to import')

  await recordAuditAlone(db, audit, {
    action: 'ssda903.import',
    outcome: 'allowed',
    recordType: 'ssda903',
    basis: 'command_line',
    detail: { year: options.year, files: options.files.length },
  })
  const run = await beginCareImport(db, {
    year: options.year,
    source: options.files.join(' ').slice(0, 500),
    by: options.by,
    at: options.now(),
  })
  const index = indexByChild(read.model)
  const result: Ssda903Imported = {
    importId: run.id,
    children: 0,
    imported: 0,
    unchanged: 0,
    notImported: [],
    rowsNotImported: [],
    tablesNotImported: {},
    mothers: 0,
  }
  for (const t of SSDA903_TABLES) {
    const n = IMPORTED.includes(t) ? 0 : (read.model.current[t]?.length ?? 0)
    if (n > 0) result.tablesNotImported[t] = n
  }
  // A care leaver may have OC3 alone: no episodes in the year.
  const children = [...index.children.values()].filter(
    (c) => c.current.Episodes.length > 0 || c.current.OC3.length > 0,
  )
  for (let i = 0; i < children.length; i += BATCH) {
    const batch = children.slice(i, i + BATCH)
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
  await finishCareImport(db, run, {
    children: result.children,
    imported: result.imported,
    unchanged: result.unchanged,
    notImported: result.notImported.length,
    rowsNotImported: result.rowsNotImported.length,
    tablesNotImported: result.tablesNotImported,
  })
  return result
}
