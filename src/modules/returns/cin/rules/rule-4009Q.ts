/** 4009Q: a CIN plan should not end after the child's death. The child and the plan are reported. */
import { notAfterDeath } from './shared-death.js'

export const rule4009Q = notAfterDeath({
  code: '4009Q',
  type: 'query',
  message: 'CIN Plan cannot end after the child’s Date of Death',
  table: 'CINplanDates',
  field: 'CINPlanEndDate',
  rows: (episode) => episode.cinPlans,
  date: (plan) => plan.CINPlanEndDate,
  describe: 'plan ended',
  childReported: 'first',
})
