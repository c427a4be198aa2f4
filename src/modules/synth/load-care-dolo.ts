/**
 * Deprivation of liberty orders for the synthetic authority (`care_dolo`, migration 0072): now and
 * then an older child in a children's home (K2) has one, made a few weeks into the placement and
 * ending before the child leaves it, so each satisfies the DoLo rules (700–710): after birth, in
 * care, never overlapping, and only while the child is in a placement rule 709 expects.
 */
import { type IsoDate, addCalendarDays, ageOn } from '../../platform/calendar/dates.js'
import { CARE_SUBJECT } from '../care/model.js'
import { DOLO_EVENTS, doloWords } from '../care/dolo-model.js'
import { Batch, type ChildState, at, ownerAt } from './load-batch.js'
import { streamFor } from './random.js'
import { type Row } from './store.js'

/** Of children aged 13 or over placed in a children's home, about one placement in six. */
const RATE = 1 / 6
const FROM_AGE = 13

export function addDolos(batch: Batch, state: ChildState): void {
  const { ctx } = batch
  const { child } = state
  if (child.dateOfBirth === null) return
  const random = streamFor(ctx.seed, 'load', 'dolo', child.laChildId, child.familyId)
  // The child's periods are the last rows addCare wrote: [id, child, start, …].
  const periods: Row[] = []
  for (let i = batch.care.periods.length - 1; i >= 0; i--) {
    const p = batch.care.periods[i] as Row
    if (p[1] !== state.personId) break
    periods.unshift(p)
  }
  for (const e of child.care) {
    if (e.placement !== 'K2' || ageOn(child.dateOfBirth, e.start) < FROM_AGE || !random.chance(RATE)) continue
    const start = addCalendarDays(e.start, random.int(7, 60))
    if (start > ctx.end || (e.end !== null && start >= addCalendarDays(e.end, -1))) continue
    const period = periods.findLast((p) => (p[2] as IsoDate) <= start)
    if (period === undefined) continue
    // Ends before the child leaves the home (an order in force on the day of a move to a placement
    // of another type would be reported, rule 709), or is still in force.
    let end: IsoDate | null = addCalendarDays(start, random.int(90, 270))
    if (e.end !== null && end >= e.end) end = addCalendarDays(e.end, -1)
    if (end > ctx.end) end = null
    if (end !== null && end <= start) continue
    const madeAt = at(start, random.int(600, 960))
    const by = ownerAt(state, madeAt)?.userId ?? ctx.setup.careManager
    const recordedAt = new Date(at(end ?? start, 1020))
    batch.care.dolo.push([period[0] as number, state.personId, start, end, by, recordedAt, by, recordedAt])
    const periodId = period[0] as number
    batch.event(
      state,
      CARE_SUBJECT,
      periodId,
      DOLO_EVENTS.started,
      at(start, 720),
      doloWords('started', { start, end }),
      by,
    )
    if (end !== null)
      batch.event(
        state,
        CARE_SUBJECT,
        periodId,
        DOLO_EVENTS.ended,
        at(end, 720),
        doloWords('ended', { start, end }),
        by,
      )
  }
}
