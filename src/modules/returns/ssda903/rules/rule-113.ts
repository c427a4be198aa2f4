import { validDateRule } from './shared-row-checks.js'

/** DATE_MATCH, when given, is a real date. */
export const rule113 = validDateRule({
  code: '113',
  message: 'Date matching child and adopter(s) is not a valid date.',
  table: 'AD1',
  field: 'DATE_MATCH',
  blank: 'allowed',
})
