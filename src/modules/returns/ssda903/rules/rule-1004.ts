import { validDateRule } from './shared-row-checks.js'

/** Every missing or away period has a real start date: blank fails too. */
export const rule1004 = validDateRule({
  code: '1004',
  message:
    'The start date of the missing episode or episode that the child was away from placement without authorisation is not a valid date.',
  table: 'Missing',
  field: 'MIS_START',
  blank: 'fails',
})
