import { SSDA903_SEX_ADOPTR_CODES } from '../codes.js'
import { codeListRule } from './shared-row-checks.js'

/** SEX_ADOPTR, when given, is M1, F1, MM, FF or MF. */
export const rule176 = codeListRule({
  code: '176',
  message: 'The gender of adopter(s) at the date of adoption code is not a valid code.',
  table: 'AD1',
  field: 'SEX_ADOPTR',
  codes: SSDA903_SEX_ADOPTR_CODES,
  blank: 'allowed',
})
