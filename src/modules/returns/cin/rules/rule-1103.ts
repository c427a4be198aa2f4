/** 1103: an assessment cannot start before the referral. Reported on the assessment and its episode. */
import { notBeforeReferral } from './shared-referral.js'

export const rule1103 = notBeforeReferral({
  code: '1103',
  message: 'The assessment start date cannot be before the referral date',
  table: 'Assessments',
  field: 'AssessmentActualStartDate',
  rows: (episode) => episode.assessments,
  date: (a) => a.AssessmentActualStartDate,
  describe: 'assessment started',
})
