import { validDateRule } from './shared-row-checks.js'

/** DATE_INT, when given, is a real date. */
export const rule112 = validDateRule({
  code: '112',
  message: 'Date should be placed for adoption is not a valid date.',
  table: 'AD1',
  field: 'DATE_INT',
  blank: 'allowed',
})
