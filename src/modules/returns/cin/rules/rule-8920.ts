/**
 * 8920: a child protection plan cannot end after the child's date of death. Reported on each
 * such plan and on the child's identifiers; open plans and unreadable dates take no part.
 */
import { notAfterDeath } from './shared-death.js'

export const rule8920 = notAfterDeath({
  code: '8920',
  type: 'error',
  message: 'Child Protection Plan cannot end after the child’s Date of Death',
  table: 'ChildProtectionPlans',
  field: 'CPPendDate',
  rows: (episode) => episode.childProtectionPlans,
  date: (plan) => plan.CPPendDate,
  describe: 'plan ended',
  childReported: 'last',
})
