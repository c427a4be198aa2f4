/** 4015: a CIN plan cannot start before its episode's referral. The plan and the episode are reported. */
import { notBeforeReferral } from './shared-referral.js'

export const rule4015 = notBeforeReferral({
  code: '4015',
  message: 'The CIN Plan start date cannot be before the referral date',
  table: 'CINplanDates',
  field: 'CINPlanStartDate',
  rows: (episode) => episode.cinPlans,
  date: (plan) => plan.CINPlanStartDate,
  describe: 'plan started',
})
