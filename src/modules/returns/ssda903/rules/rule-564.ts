/** 564: a missing (M) or away (A) period has a start date. An unreadable date is not blank: rules on dates catch it. */
import { isBlank } from '../model.js'
import { rowRule } from './support-4xx-5xx.js'

export const rule564 = rowRule({
  code: '564',
  message: 'Child was missing or away from placement without authorisation and the date started is blank.',
  table: 'Missing',
  fields: ['MISSING', 'MIS_START'],
  test: (m) => (m.MISSING === 'M' || m.MISSING === 'A') && isBlank(m, 'MIS_START'),
})
