/** 1105: a child protection plan cannot start before the referral. Reported on the plan and its episode. */
import { notBeforeReferral } from './shared-referral.js'

export const rule1105 = notBeforeReferral({
  code: '1105',
  message: 'The child protection plan start date cannot be before the referral date',
  table: 'ChildProtectionPlans',
  field: 'CPPstartDate',
  rows: (episode) => episode.childProtectionPlans,
  date: (plan) => plan.CPPstartDate,
  describe: 'plan started',
})
