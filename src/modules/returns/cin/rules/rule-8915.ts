/**
 * 8915: a child protection plan cannot start after the child's date of death. Reported on each
 * such plan and on the child's identifiers; plans or deaths without a readable date take no part.
 */
import { notAfterDeath } from './shared-death.js'

export const rule8915 = notAfterDeath({
  code: '8915',
  type: 'error',
  message: 'Child Protection Plan shown as starting after the child’s Date of Death',
  table: 'ChildProtectionPlans',
  field: 'CPPstartDate',
  rows: (episode) => episode.childProtectionPlans,
  date: (plan) => plan.CPPstartDate,
  describe: 'plan started',
  childReported: 'last',
})
