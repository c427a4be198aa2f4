import { validDateRule } from './shared-row-checks.js'

/** MC_DOB, when given, is a real date. */
export const rule171 = validDateRule({
  code: '171',
  message: "Date of birth of mother's child is not a valid date.",
  table: 'Header',
  field: 'MC_DOB',
  blank: 'allowed',
})
