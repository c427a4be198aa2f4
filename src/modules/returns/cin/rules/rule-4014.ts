/**
 * 4014: a child's CIN plans cannot overlap. A plan that starts on or after another's start and
 * on or before its end (or before the census reference date, when the other is open) overlaps
 * it; both are reported. As in the reference validator, the comparison runs across all the
 * child's episodes, and a plan starting on the day another ends counts as overlapping.
 *
 * Records that share an LAchildID are one child here, as in the reference validator, which
 * pairs plans by identifier: a child sent twice overlaps its own copy (8510 reports the
 * duplicate as well). A whole-return rule so it can see both records. A record with no
 * identifier is judged on its own (the reference pairs all such records with one another).
 */
import type { IsoDate } from '../../../../platform/calendar/working-days.js'
import type { ReturnHit } from '../../engine.js'
import type { CinChild, CinTable } from '../model.js'
import type { CinReturnRule } from '../rule.js'
import { returnHit } from './shared-hits.js'
import { startsWhileOpen } from './shared-plan-overlap.js'

interface PlanDates {
  childId: string | null
  row: number
  line?: number
  start: IsoDate
  end: IsoDate | null
}

function datedPlans(child: CinChild): PlanDates[] | undefined {
  let plans: PlanDates[] | undefined
  for (const episode of child.cinDetails) {
    for (const p of episode.cinPlans) {
      if (p.CINPlanStartDate === null) continue
      const d: PlanDates = {
        childId: child.LAchildID,
        row: p.row,
        start: p.CINPlanStartDate,
        end: p.CINPlanEndDate,
      }
      if (p.line !== undefined) d.line = p.line
      ;(plans ??= []).push(d)
    }
  }
  return plans
}

function overlaps(plans: readonly PlanDates[], referenceDate: IsoDate, hits: ReturnHit<CinTable>[]): void {
  if (plans.length < 2) return
  const reported = new Set<PlanDates>()
  const report = (p: PlanDates, fields: readonly string[]) => {
    if (reported.has(p)) return
    reported.add(p)
    hits.push(returnHit(p.childId, 'CINplanDates', p, fields))
  }
  for (const plan of plans) {
    for (const other of plans) {
      if (other === plan || !startsWhileOpen(plan.start, other.start, other.end, referenceDate, true))
        continue
      report(plan, ['CINPlanStartDate'])
      report(other, ['CINPlanStartDate', 'CINPlanEndDate'])
    }
  }
}

export const rule4014: CinReturnRule = {
  code: '4014',
  type: 'error',
  message: 'CIN Plan data contains overlapping dates',
  affects: [{ table: 'CINplanDates', fields: ['CINPlanStartDate', 'CINPlanEndDate'] }],
  scope: 'return',
  begin(ctx) {
    const byChild = new Map<string, PlanDates[]>()
    const hits: ReturnHit<CinTable>[] = []
    return {
      see(child) {
        const plans = datedPlans(child)
        if (!plans) return
        const id = child.LAchildID
        if (id === null) return overlaps(plans, ctx.referenceDate, hits)
        const earlier = byChild.get(id)
        if (earlier) earlier.push(...plans)
        else byChild.set(id, plans)
      },
      finish() {
        for (const plans of byChild.values()) overlaps(plans, ctx.referenceDate, hits)
        return hits
      },
    }
  },
}
