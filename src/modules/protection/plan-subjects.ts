/**
 * Plans as route subjects: a plan, and an action on one, are about one child. CP plans here; a
 * CIN plan's (cin-plan-subjects.ts) are made the same way.
 */
import type { Db } from '../../platform/db/database.js'
import type { SubjectKinds } from '../../platform/http/subjects.js'
import { actionPlan, planChild } from './plan-store.js'

/** A plan's subject kind and its actions', each resolving to the plan's record and child. */
export function planSubjectKinds(
  kinds: { plan: string; action: string },
  childOf: (db: Db, planId: number) => Promise<number | null>,
  planOf: (db: Db, actionId: number) => Promise<{ planId: number; childId: number } | undefined>,
): SubjectKinds {
  return {
    [kinds.plan]: {
      params: { id: 'id' },
      async load(db, ids) {
        const childId = await childOf(db, ids.id as number)
        return childId === null
          ? null
          : { recordType: kinds.plan, recordId: ids.id as number, childIds: [childId] }
      },
    },
    [kinds.action]: {
      params: { id: 'id' },
      async load(db, ids) {
        const found = await planOf(db, ids.id as number)
        return found === undefined
          ? null
          : { recordType: kinds.plan, recordId: found.planId, childIds: [found.childId] }
      },
    },
  }
}

export const planSubjects = planSubjectKinds(
  { plan: 'cp_plan', action: 'cp_plan_action' },
  planChild,
  actionPlan,
)
