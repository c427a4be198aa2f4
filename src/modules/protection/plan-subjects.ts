/** Child protection plans as route subjects: a plan, and an action on one, are about one child. */
import type { SubjectKinds } from '../../platform/http/subjects.js'
import { actionPlan, planChild } from './plan-store.js'

export const planSubjects: SubjectKinds = {
  cp_plan: {
    params: { id: 'id' },
    async load(db, ids) {
      const childId = await planChild(db, ids.id as number)
      return childId === null
        ? null
        : { recordType: 'cp_plan', recordId: ids.id as number, childIds: [childId] }
    },
  },
  cp_plan_action: {
    params: { id: 'id' },
    async load(db, ids) {
      const found = await actionPlan(db, ids.id as number)
      return found === undefined
        ? null
        : { recordType: 'cp_plan', recordId: found.planId, childIds: [found.childId] }
    },
  },
}
