/** 4008: no CIN plan can start after the child's death. The child and the plan are reported. */
import { notAfterDeath } from './shared-death.js'

export const rule4008 = notAfterDeath({
  code: '4008',
  type: 'error',
  message: 'CIN Plan shown as starting after the child’s Date of Death.',
  table: 'CINplanDates',
  field: 'CINPlanStartDate',
  rows: (episode) => episode.cinPlans,
  date: (plan) => plan.CINPlanStartDate,
  describe: 'plan started',
  childReported: 'first',
})
