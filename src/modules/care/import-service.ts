/**
 * Importing an authority's SSDA903 return into care's records, a child at a time. The returns
 * module reads the files and hands each child's rows here; `import-model.ts` decides what they
 * mean and refuses what care could not hold as recorded.
 *
 * Each child is one transaction: their periods, placements, episodes, reviews, missing episodes,
 * previous permanence, UASC, OC2's facts, the adoption decision and the care leaver's contact, a
 * `care.imported` case event on each period (the chronology's line, dated the period's start), the
 * events that resume an open period's review and visit clocks, the audit row `care.import` and the
 * fingerprint of what was written.
 * A child Haven already holds care records for is left alone: unchanged when the records came from
 * an import of the same rows (so running the return again writes nothing), otherwise reported.
 *
 * Imports run from the command line (`haven returns import --ssda903`), by whoever may run commands
 * on the server, as the export does; the records name the Haven account the operator gives as the
 * one responsible for the migration.
 */
import type { AuditContext } from '../../platform/audit/audit.js'
import { recordAudit } from '../../platform/audit/audit.js'
import { londonInstant } from '../../platform/calendar/dates.js'
import { loadClockSettings, type ClockSettings } from '../../platform/calendar/store.js'
import { recordCaseEvent } from '../../platform/tasks/case-events.js'
import {
  fingerprint,
  ImportRefusal,
  planCare,
  type ImportedChild,
  type PlannedPeriod,
} from './import-model.js'
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

export type ChildImported =
  | { outcome: 'imported'; childId: number; periods: number; episodes: number }
  | { outcome: 'unchanged'; childId: number }
  | { outcome: 'not_imported'; childId: number | null; reason: string }

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

/**
 * An open period's review and visit clocks, resumed where the return leaves them
 * (`clocksToResume`): each an event on the period, dated the day it counts from.
 */
async function resumeClocks(trx: Db, run: CareImport, childId: number, periodId: number, p: PlannedPeriod) {
  for (const c of clocksToResume(p))
    await recordCaseEvent(
      trx,
      {
        childId,
        subjectType: CARE_SUBJECT,
        subjectId: periodId,
        type: c.type,
        occurredAt: londonInstant(c.from, '00:00'),
        summary: c.summary,
        recordedBy: run.by,
        attributes: { importId: run.id },
      },
      run.clocks,
    )
}

/** Imports one child's care; a refusal writes nothing and says why. */
export async function importChildCare(
  db: Db,
  audit: AuditContext,
  run: CareImport,
  childId: number,
  child: ImportedChild,
  now: Date,
): Promise<ChildImported> {
  let plan
  try {
    plan = planCare(child)
  } catch (err) {
    if (err instanceof ImportRefusal) return { outcome: 'not_imported', childId, reason: err.message }
    throw err
  }
  const fp = fingerprint(plan)
  return db.transaction().execute(async (trx) => {
    // Locked so that two runs at once cannot both write the child's care.
    await store.lockChild(trx, childId)
    const held = await store.careHeldFor(trx, childId)
    if (held.records > 0) {
      if (held.fingerprint !== fp)
        return {
          outcome: 'not_imported',
          childId,
          reason: 'Haven already holds care records for this child that differ from the return: not changed',
        } as const
      await store.recordUnchanged(trx, run.id, childId, fp)
      return { outcome: 'unchanged', childId } as const
    }
    const periodIds = await store.writeImportedCare(trx, {
      importId: run.id,
      childId,
      plan,
      fingerprint: fp,
      by: run.by,
      at: now,
    })
    let episodes = 0
    for (const [i, p] of plan.periods.entries()) {
      const n = p.placements.reduce((sum, pl) => sum + pl.episodes.length, 0)
      episodes += n
      const ended = p.end === null ? '' : ` to ${dfe(p.end)} (${codeText(REASONS_CEASED, p.reasonCeased)})`
      await recordCaseEvent(
        trx,
        {
          childId,
          subjectType: CARE_SUBJECT,
          subjectId: periodIds[i] as number,
          type: IMPORTED_EVENT,
          occurredAt: londonInstant(p.start, '00:00'),
          summary:
            `Care imported from the SSDA903 ${run.year}: looked after from ${dfe(p.start)}${ended}, ` +
            `${n} ${n === 1 ? 'episode' : 'episodes'}, ${p.reviews.length} ${p.reviews.length === 1 ? 'review' : 'reviews'}`,
          recordedBy: run.by,
          attributes: { importId: run.id },
        },
        run.clocks,
      )
      await resumeClocks(trx, run, childId, periodIds[i] as number, p)
    }
    await recordAudit(trx, audit, {
      action: 'care.import',
      outcome: 'allowed',
      childId,
      recordType: periodIds.length > 0 ? 'care_period' : 'care_leaver_contact',
      recordId: periodIds[0] ?? null,
      basis: 'command_line',
      detail: { importId: run.id, year: run.year, periods: periodIds.length, episodes },
    })
    return { outcome: 'imported', childId, periods: periodIds.length, episodes } as const
  })
}
