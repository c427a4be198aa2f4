/** Child in need plans as route subjects, made as the CP plan's are. */
import { CIN_ACTION_SUBJECT, CIN_PLAN_SUBJECT } from './cin-plan-model.js'
import { actionCinPlan, cinPlanChild } from './cin-plan-store.js'
import { planSubjectKinds } from './plan-subjects.js'

export const cinPlanSubjects = planSubjectKinds(
  { plan: CIN_PLAN_SUBJECT, action: CIN_ACTION_SUBJECT },
  cinPlanChild,
  actionCinPlan,
)
