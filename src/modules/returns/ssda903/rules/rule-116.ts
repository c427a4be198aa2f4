import { validDateRule } from './shared-row-checks.js'

/** DATE_PLACED_CEASED, when given, is a real date. */
export const rule116 = validDateRule({
  code: '116',
  message:
    "Date of Local Authority's (LA) decision that a child should no longer be placed for adoption is not a valid date.",
  table: 'PlacedAdoption',
  field: 'DATE_PLACED_CEASED',
  blank: 'allowed',
})
