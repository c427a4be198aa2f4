/**
 * Small helpers for rules that flag rows in more than one table, as the DfE validators do:
 * a CIN plan that overlaps a child protection plan is reported on both rows. A row can fail
 * against several others (one plan against two CP plans), but is reported once.
 */
import { hit, type Located, type ReturnHit, type RuleHit } from '../../engine.js'
import type { CinTable } from '../model.js'

/**
 * Add a hit for `at` unless that table row is already in the list; returns the list, made on
 * first use so a child with nothing to report costs no allocation:
 * `hits = hitOnce(hits, 'CINplanDates', plan, ['CINPlanStartDate'])`.
 */
export function hitOnce(
  hits: RuleHit<CinTable>[] | undefined,
  table: CinTable,
  at: Located,
  fields: readonly string[],
  detail?: string,
): RuleHit<CinTable>[] {
  const list = hits ?? []
  for (const h of list) if (h.row === at.row && h.table === table) return list
  list.push(hit(table, at, fields, detail))
  return list
}

/** A whole-return hit for a row of a child's. */
export function returnHit(
  childId: string | null,
  table: CinTable,
  at: Located,
  fields: readonly string[],
  detail?: string,
): ReturnHit<CinTable> {
  return { ...hit(table, at, fields, detail), childId }
}

/**
 * A finding about the return as a whole (a percentage, a count of codes): no child and no row,
 * as the DfE's "LA level" findings. Row -1 says "no row", as the engine's own findings do.
 */
export function returnLevelHit(
  table: CinTable,
  fields: readonly string[],
  detail?: string,
): ReturnHit<CinTable> {
  const h: ReturnHit<CinTable> = { table, row: -1, fields, childId: null }
  if (detail !== undefined) h.detail = detail
  return h
}
