/** 2889: a section 47 enquiry cannot start before the referral. Reported on the enquiry and its episode. */
import { notBeforeReferral } from './shared-referral.js'

export const rule2889 = notBeforeReferral({
  code: '2889',
  message: 'The S47 start date cannot be before the referral date.',
  table: 'Section47',
  field: 'S47ActualStartDate',
  rows: (episode) => episode.section47s,
  date: (s47) => s47.S47ActualStartDate,
  describe: 'enquiry started',
})
