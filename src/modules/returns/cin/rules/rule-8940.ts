/**
 * 8940: a child's child protection plans cannot overlap: no plan may start on or after another's
 * start and on or before its end or, when the other is open, on or before the reference date.
 * Both plans are reported. Plans without a readable start date take no part.
 *
 * Read as the DfE states it, across all the child's plans. The reference validator skips pairs
 * of plans that hold the same position in their episodes (its CPPID), so it never compares the
 * first plan of one episode with the first plan of another; Haven compares every pair (as 8935
 * does).
 */
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import type { ChildProtectionPlan, CinTable } from '../model.js'
import type { CinRule } from '../rule.js'

function startsDuring(
  later: ChildProtectionPlan,
  earlier: ChildProtectionPlan,
  referenceDate: string,
): boolean {
  const start = later.CPPstartDate
  const otherStart = earlier.CPPstartDate
  if (start === null || otherStart === null || start < otherStart) return false
  return start <= (earlier.CPPendDate ?? referenceDate)
}

export const rule8940: CinRule = {
  code: '8940',
  type: 'error',
  message: 'Child Protection Plan data contains overlapping dates',
  affects: [{ table: 'ChildProtectionPlans', fields: ['CPPstartDate', 'CPPendDate'] }],
  check(child, ctx) {
    let count = 0
    for (const episode of child.cinDetails) count += episode.childProtectionPlans.length
    if (count < 2) return NO_HITS
    const plans: ChildProtectionPlan[] = []
    for (const episode of child.cinDetails) for (const p of episode.childProtectionPlans) plans.push(p)
    let flagged: boolean[] | undefined
    for (let i = 0; i < plans.length; i++) {
      for (let j = 0; j < plans.length; j++) {
        if (
          i !== j &&
          startsDuring(plans[i] as ChildProtectionPlan, plans[j] as ChildProtectionPlan, ctx.referenceDate)
        ) {
          flagged ??= new Array<boolean>(plans.length).fill(false)
          flagged[i] = true
          flagged[j] = true
        }
      }
    }
    if (!flagged) return NO_HITS
    const hits: RuleHit<CinTable>[] = []
    plans.forEach((p, i) => {
      if (flagged[i]) hits.push(hit('ChildProtectionPlans', p, ['CPPstartDate', 'CPPendDate']))
    })
    return hits
  },
}
