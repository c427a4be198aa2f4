import { validDateRule } from './shared-row-checks.js'

/** DECOM, when given, is a real date (a blank start date is other rules' business). */
export const rule141 = validDateRule({
  code: '141',
  message: 'Date episode began is not a valid date.',
  table: 'Episodes',
  field: 'DECOM',
  blank: 'allowed',
})
