/**
 * 586: a missing period does not start before the child was born.
 *
 * Reading: the message says "before", so a start on the date of birth is not reported; the
 * community validator reports it too. The DOB is the Missing row's, or the Header's when the
 * row has none.
 */
import { dobOf, rowRule } from './support-4xx-5xx.js'

export const rule586 = rowRule({
  code: '586',
  message: 'Dates of missing periods are before child’s date of birth.',
  table: 'Missing',
  fields: ['MIS_START'],
  test: (m, child) => {
    const dob = dobOf(child, m)
    return m.MIS_START !== null && dob !== null && m.MIS_START < dob
  },
})
