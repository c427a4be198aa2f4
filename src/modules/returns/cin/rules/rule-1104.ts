/**
 * 1104: the initial child protection conference recorded on a section 47 enquiry cannot be
 * before the referral. Reported on the enquiry and its episode; the conference date on the
 * episode itself is not in this rule (the reference validator leaves it out too).
 */
import { notBeforeReferral } from './shared-referral.js'

export const rule1104 = notBeforeReferral({
  code: '1104',
  message: 'The date of the initial child protection conference cannot be before the referral date',
  table: 'Section47',
  field: 'DateOfInitialCPC',
  rows: (episode) => episode.section47s,
  date: (s47) => s47.DateOfInitialCPC,
  describe: 'conference',
})
