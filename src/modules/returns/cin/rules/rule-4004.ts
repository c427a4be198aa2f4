/**
 * 4004: an episode can have only one open CIN plan (no end date). When it has more, every CIN
 * plan of the episode is reported, as in the reference validator. Open plans in different
 * episodes are left to the episode rules (8815, 8820).
 *
 * Records that share an LAchildID are one child here, as in the reference validator, which
 * groups plans by identifier and episode position: a child sent twice with an open plan in its
 * first episode shows two open plans (8510 reports the duplicate as well). A whole-return rule
 * so it can see both records. A record with no identifier is judged on its own (the reference
 * drops such records from the grouping altogether, which would hide two open plans).
 */
import type { ReturnHit } from '../../engine.js'
import type { CinPlan, CinTable } from '../model.js'
import type { CinReturnRule } from '../rule.js'
import { returnHit } from './shared-hits.js'

interface PlanAt {
  childId: string | null
  row: number
  line?: number
}

interface EpisodeGroup {
  open: number
  plans: PlanAt[]
}

function planAt(childId: string | null, plan: CinPlan): PlanAt {
  const at: PlanAt = { childId, row: plan.row }
  if (plan.line !== undefined) at.line = plan.line
  return at
}

const report = (hits: ReturnHit<CinTable>[], group: EpisodeGroup): void => {
  for (const p of group.plans) hits.push(returnHit(p.childId, 'CINplanDates', p, ['CINPlanEndDate']))
}

export const rule4004: CinReturnRule = {
  code: '4004',
  type: 'error',
  message: 'This child is showing more than one open CIN Plan, i.e. with no End Date',
  affects: [{ table: 'CINplanDates', fields: ['CINPlanEndDate'] }],
  scope: 'return',
  begin() {
    // By identifier, then by the episode's position in its record (the DfE validators' CINdetailsID).
    const byChild = new Map<string, Map<number, EpisodeGroup>>()
    const hits: ReturnHit<CinTable>[] = []
    return {
      see(child) {
        const id = child.LAchildID
        child.cinDetails.forEach((episode, position) => {
          if (episode.cinPlans.length === 0) return
          let open = 0
          for (const p of episode.cinPlans) if (p.CINPlanEndDate === null) open++
          const plans = episode.cinPlans.map((p) => planAt(id, p))
          if (id === null) {
            if (open >= 2) report(hits, { open, plans })
            return
          }
          let episodes = byChild.get(id)
          if (!episodes) byChild.set(id, (episodes = new Map()))
          const group = episodes.get(position)
          if (group) {
            group.open += open
            group.plans.push(...plans)
          } else episodes.set(position, { open, plans })
        })
      },
      finish() {
        for (const episodes of byChild.values()) {
          for (const group of episodes.values()) if (group.open >= 2) report(hits, group)
        }
        return hits
      },
    }
  },
}
