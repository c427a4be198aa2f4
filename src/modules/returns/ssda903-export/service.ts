/**
 * Exporting the SSDA903 from Haven's records: who may, the audit row, and the return built a
 * batch of children at a time. The tables are then validated like any other return (the CLI runs
 * the year's rules on the files it wrote), so what Haven exports is judged by exactly the rules
 * the DfE's validator applies to it.
 *
 * Audit: every export carries children's data, so one row (`ssda903.export`) with the year is
 * written before any record is read; a failed audit write stops the export.
 */
import { recordAuditAlone, type AuditContext } from '../../../platform/audit/audit.js'
import type { Db } from '../../../platform/db/database.js'
import { NotAllowedError } from '../../../platform/http/errors.js'
import { roleGrants } from '../../../platform/permissions/roles.js'
import type { Exporter } from '../annex-a/service.js'
import type { CollectionYear } from '../collection-year.js'
import type { Ssda903Return } from '../ssda903/model.js'
import { addChildren, heldTables, RowNumbers } from './model.js'
import { BATCH, careRecordsOf, childrenLookedAfterAfter } from './store.js'

export interface Ssda903ExportOptions {
  year: CollectionYear
  /** Last year, whose tables are written too (the rules comparing the two years need them). */
  previous: CollectionYear
  batch?: number
}

export interface Ssda903Exported {
  /** Children in this year's Header. */
  children: number
  /** Haven's person id of each child, by the CHILD written: findings link back to records. */
  personByChild: Map<string, number>
}

/** The return built in memory, whole. */
export type Ssda903InMemory = Ssda903Exported & { model: Required<Ssda903Return> }

/** Where the built tables go, a batch of children at a time (a CSV writer, for a return of any size). */
export interface Ssda903Sink {
  add(batch: Required<Ssda903Return>): Promise<void>
}

/**
 * Builds the return: into `sink` a batch at a time, or, with no sink, into one model held in
 * memory (for an authority's return checked in the browser, or a test).
 */
export interface Ssda903Build {
  (): Promise<Ssda903InMemory>
  (sink: Ssda903Sink): Promise<Ssda903Exported>
}

/**
 * Audits an export of the year's SSDA903 and gives the function that builds it, so a caller knows
 * the export is allowed and audited before a record is read. Throws NotAllowedError (audited as
 * denied) for an account whose role does not grant `returns.validate`.
 */
export async function exportSsda903(
  db: Db,
  who: Exporter,
  audit: AuditContext,
  options: Ssda903ExportOptions,
): Promise<Ssda903Build> {
  const detail = { year: options.year.label }
  if (who !== 'command_line' && !roleGrants(who.role, 'returns.validate')) {
    await recordAuditAlone(db, audit, {
      action: 'ssda903.export',
      outcome: 'denied',
      recordType: 'ssda903',
      detail,
    })
    throw new NotAllowedError('Only performance officers may export the SSDA903.')
  }
  await recordAuditAlone(db, audit, {
    action: 'ssda903.export',
    outcome: 'allowed',
    recordType: 'ssda903',
    basis: who === 'command_line' ? 'command_line' : 'returns.validate',
    detail,
  })
  const batch = options.batch ?? BATCH
  const years = { current: options.year, previous: options.previous }
  async function build(sink?: Ssda903Sink): Promise<Ssda903Exported & { model?: Required<Ssda903Return> }> {
    const tables = () => ({ current: heldTables(options.year), previous: heldTables(options.previous) })
    const model = sink ? undefined : tables()
    const rows = new RowNumbers()
    const personByChild = new Map<string, number>()
    for (let after = 0; ;) {
      const people = await childrenLookedAfterAfter(db, options.year, options.previous.start, after, batch)
      if (people.length === 0) break
      const { episodes, reviews, ...other } = await careRecordsOf(
        db,
        people.map((p) => p.id),
      )
      // Row numbers run on across batches, so a finding's row is the row in the whole file.
      const into = { ...(model ?? tables()), rows }
      for (const [child, id] of addChildren(into, people, episodes, reviews, years, other))
        personByChild.set(child, id)
      if (sink) await sink.add({ current: into.current, previous: into.previous })
      if (people.length < batch) break
      after = (people[people.length - 1] as { id: number }).id
    }
    return { ...(model ? { model } : {}), children: personByChild.size, personByChild }
  }
  return build as Ssda903Build
}
