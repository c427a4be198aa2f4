import { validDateRule } from './shared-row-checks.js'

/** DATE_PLACED, when given, is a real date. */
export const rule115 = validDateRule({
  code: '115',
  message:
    "Date of Local Authority's (LA) decision that a child should be placed for adoption is not a valid date.",
  table: 'PlacedAdoption',
  field: 'DATE_PLACED',
  blank: 'allowed',
})
