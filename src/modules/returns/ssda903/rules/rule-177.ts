import { SSDA903_LS_ADOPTR_CODES } from '../codes.js'
import { codeListRule } from './shared-row-checks.js'

/** LS_ADOPTR, when given, is L0, L11, L12, L2, L3 or L4. */
export const rule177 = codeListRule({
  code: '177',
  message: 'The legal status of adopter(s) code is not a valid code.',
  table: 'AD1',
  field: 'LS_ADOPTR',
  codes: SSDA903_LS_ADOPTR_CODES,
  blank: 'allowed',
})
