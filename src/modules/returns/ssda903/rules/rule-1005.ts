import { validDateRule } from './shared-row-checks.js'

/** MIS_END, when given, is a real date (blank means the period has not ended). */
export const rule1005 = validDateRule({
  code: '1005',
  message:
    'The end date of the missing episode or episode that the child was away from placement without authorisation is not a valid date.',
  table: 'Missing',
  field: 'MIS_END',
  blank: 'allowed',
})
