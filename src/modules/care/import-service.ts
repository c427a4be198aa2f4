/**
 * Importing an authority's SSDA903 return into care's records, a batch of children at a time. The
 * returns module reads the files and hands each batch's rows here; `import-model.ts` decides what
 * they mean and refuses what care could not hold as recorded.
 *
 * Each batch is one transaction, written a table at a time for all its children: their periods,
 * placements, episodes, reviews, missing episodes, previous permanence, UASC, OC2's facts, the
 * adoption decision, deprivation of liberty orders and the care leaver's contact, a `care.imported`
 * case event on each period (the chronology's line, dated the period's start), the events that
 * resume an open period's review and visit clocks, the audit row `care.import` and the fingerprint
 * of what was written.
 * A child Haven already holds care records for is left alone: unchanged when the records came from
 * an import of the same rows (so running the return again writes nothing), otherwise reported.
 *
 * The child's social worker episodes (SWEpisodes) are the front door's to import, as
 * allocated-worker grants (`importSocialWorkerEpisodes`), in the same transaction: for a child
 * whose care is imported or already held, never for one refused. They are taken or refused on
 * their own (a worker with no account refuses the episodes, not the child's care), and their
 * outcome is given beside the child's.
 *
 * Imports run from the command line (`haven returns import --ssda903`), by whoever may run commands
 * on the server, as the export does; the records name the Haven account the operator gives as the
 * one responsible for the migration.
 */
import type { AuditContext } from '../../platform/audit/audit.js'
import { recordAudits, type AuditEntry } from '../../platform/audit/audit.js'
import { londonInstant } from '../../platform/calendar/dates.js'
import { loadClockSettings, type ClockSettings } from '../../platform/calendar/store.js'
import { recordCaseEvents, type NewCaseEvent } from '../../platform/tasks/case-events.js'
import {
  importSocialWorkerEpisodes,
  type ImportedSwEpisode,
  type SwEpisodesImported,
} from '../frontdoor/sw-episode-import-service.js'
import { fingerprint, ImportRefusal, planCare, type CarePlan, type ImportedChild } from './import-model.js'
import { clocksToResume } from './import-records-model.js'
import * as store from './import-store.js'
import { CARE_SUBJECT, codeText, REASONS_CEASED } from './model.js'
import type { Db } from './store.js'

export type { ImportedChild, ImportedEpisode } from './import-model.js'

export const IMPORTED_EVENT = 'care.imported'

export interface CareImport {
  id: number
  year: string
  by: number
  /** The clocks' definitions and calendar, read once for the run's case events. */
  clocks: ClockSettings
}

export type ChildImported = (
  | { outcome: 'imported'; childId: number; periods: number; episodes: number }
  | { outcome: 'unchanged'; childId: number }
  | { outcome: 'not_imported'; childId: number | null; reason: string }
) & {
  /** What became of the child's social worker episodes, when the return has any. */
  socialWorkers?: SwEpisodesImported
}

/** Starts a run: kept with its year, source and the account responsible. */
export async function beginCareImport(
  db: Db,
  run: { year: string; source: string; by: number; at: Date },
): Promise<CareImport> {
  const clocks = await loadClockSettings(db)
  return { id: await store.insertImport(db, run), year: run.year, by: run.by, clocks }
}

export async function finishCareImport(db: Db, run: CareImport, summary: Record<string, unknown>) {
  await store.finishImport(db, run.id, summary)
}

/** Haven's child for each CHILD of the return (see the store). */
export function childrenForImport(
  db: Db,
  laChildIds: readonly string[],
): Promise<Map<string, { id: number; dateOfBirth: string | null }>> {
  return store.childrenByLaId(db, laChildIds)
}

const dfe = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`

/** The episodes of a planned period, across its placements. */
const episodesIn = (p: CarePlan['periods'][number]) =>
  p.placements.reduce((n, pl) => n + pl.episodes.length, 0)

/**
 * The case events of a child's imported periods: the chronology's line on each, dated the
 * period's start, then the review and visit clocks an open period resumes where the return leaves
 * them (`clocksToResume`), each dated the day it counts from.
 */
function importedEvents(run: CareImport, childId: number, plan: CarePlan, periodIds: readonly number[]) {
  return plan.periods.flatMap((p, i): NewCaseEvent[] => {
    const n = episodesIn(p)
    const ended = p.end === null ? '' : ` to ${dfe(p.end)} (${codeText(REASONS_CEASED, p.reasonCeased)})`
    const orders = p.dolo?.length ?? 0
    const dolo = orders === 0 ? '' : `, ${orders} deprivation of liberty ${orders === 1 ? 'order' : 'orders'}`
    const subjectId = periodIds[i] as number
    // Each event one object literal (spreading shared fields into it is V8's slow path).
    const event = (type: string, from: string, summary: string): NewCaseEvent => ({
      childId,
      subjectType: CARE_SUBJECT,
      subjectId,
      type,
      occurredAt: londonInstant(from, '00:00'),
      summary,
      recordedBy: run.by,
      attributes: { importId: run.id },
    })
    return [
      event(
        IMPORTED_EVENT,
        p.start,
        `Care imported from the SSDA903 ${run.year}: looked after from ${dfe(p.start)}${ended}, ` +
          `${n} ${n === 1 ? 'episode' : 'episodes'}, ${p.reviews.length} ${p.reviews.length === 1 ? 'review' : 'reviews'}${dolo}`,
      ),
      ...clocksToResume(p).map((c) => event(c.type, c.from, c.summary)),
    ]
  })
}

/** A child's care as the import would write it (with their social worker episodes), or why not. */
type Writable = {
  childId: number
  plan: CarePlan
  fingerprint: string
  socialWorkers: readonly ImportedSwEpisode[]
}
type Planned = Writable | { childId: number; refused: ChildImported }

/**
 * Imports a batch of children's care, in one transaction, giving each child's outcome in the
 * order given; a child refused writes nothing and says why. Should writing the batch fail (a
 * constraint one child's records break), each child is tried again in a transaction of its own,
 * so the others are not held back by it.
 */
export async function importChildrenCare(
  db: Db,
  audit: AuditContext,
  run: CareImport,
  children: readonly { childId: number; child: ImportedChild }[],
  now: Date,
): Promise<ChildImported[]> {
  const planned = children.map(({ childId, child }): Planned => {
    try {
      const plan = planCare(child)
      return { childId, plan, fingerprint: fingerprint(plan), socialWorkers: child.socialWorkers ?? [] }
    } catch (err) {
      if (err instanceof ImportRefusal)
        return { childId, refused: { outcome: 'not_imported', childId, reason: err.message } }
      throw err
    }
  })
  const writable = planned.flatMap((p) => ('plan' in p ? [p] : []))
  let written: Map<number, ChildImported>
  try {
    written = await db.transaction().execute((trx) => writeChildren(trx, audit, run, writable, now))
  } catch (err) {
    if (writable.length <= 1) throw err
    written = new Map()
    for (const w of writable)
      for (const [id, done] of await db
        .transaction()
        .execute((trx) => writeChildren(trx, audit, run, [w], now)))
        written.set(id, done)
  }
  return planned.map((p) => ('refused' in p ? p.refused : (written.get(p.childId) as ChildImported)))
}

/**
 * Writes the children's planned care in the caller's transaction: each child's records, their case
 * events (and so their clocks' tasks) and the audit row `care.import`, or, for a child Haven
 * already holds care for, unchanged (the same import again) or refused.
 */
async function writeChildren(
  trx: Db,
  audit: AuditContext,
  run: CareImport,
  children: readonly Writable[],
  now: Date,
): Promise<Map<number, ChildImported>> {
  const ids = children.map((c) => c.childId)
  // Locked so that two runs at once cannot both write a child's care.
  await store.lockChildren(trx, ids)
  const held = await store.careHeldForEach(trx, ids)
  const done = new Map<number, ChildImported>()
  const unchanged: { childId: number; fingerprint: string }[] = []
  const events: NewCaseEvent[] = []
  const audits: AuditEntry[] = []
  const toWrite: store.ImportedCareToWrite[] = []
  for (const c of children) {
    const h = held.get(c.childId)
    if (h === undefined || h.records === 0) {
      toWrite.push(c)
      continue
    }
    if (h.fingerprint === c.fingerprint) {
      unchanged.push({ childId: c.childId, fingerprint: c.fingerprint })
      done.set(c.childId, { outcome: 'unchanged', childId: c.childId })
    } else
      done.set(c.childId, {
        outcome: 'not_imported',
        childId: c.childId,
        reason: 'Haven already holds care records for this child that differ from the return: not changed',
      })
  }
  const periodIdsOf = await store.writeImportedCare(trx, {
    importId: run.id,
    children: toWrite,
    by: run.by,
    at: now,
  })
  for (const { childId, plan } of toWrite) {
    const periodIds = periodIdsOf.get(childId) ?? []
    const episodes = plan.periods.reduce((sum, p) => sum + episodesIn(p), 0)
    const dolo = plan.periods.reduce((sum, p) => sum + (p.dolo?.length ?? 0), 0)
    events.push(...importedEvents(run, childId, plan, periodIds))
    audits.push({
      action: 'care.import',
      outcome: 'allowed',
      childId,
      recordType: periodIds.length > 0 ? 'care_period' : 'care_leaver_contact',
      recordId: periodIds[0] ?? null,
      basis: 'command_line',
      detail: {
        importId: run.id,
        year: run.year,
        periods: periodIds.length,
        episodes,
        ...(dolo === 0 ? {} : { dolo }),
      },
    })
    done.set(childId, { outcome: 'imported', childId, periods: periodIds.length, episodes })
  }
  await store.recordUnchanged(trx, run.id, unchanged)
  await recordCaseEvents(trx, events, run.clocks, { newSubjects: true })
  await recordAudits(trx, audit, audits)
  // The social workers of the children whose care is now Haven's (written or held already).
  const cared = new Set([...toWrite, ...unchanged].map((c) => c.childId))
  const workers = await importSocialWorkerEpisodes(
    trx,
    audit,
    { importId: run.id, by: run.by, at: now },
    children
      .filter((c) => cared.has(c.childId))
      .map((c) => ({ childId: c.childId, episodes: c.socialWorkers })),
  )
  for (const [childId, socialWorkers] of workers) {
    const d = done.get(childId)
    if (d !== undefined) done.set(childId, { ...d, socialWorkers })
  }
  return done
}
