import { SSDA903_NB_ADOPTR_CODES } from '../codes.js'
import { codeListRule } from './shared-row-checks.js'

/** NB_ADOPTR, when given, is 1 or 2. */
export const rule175 = codeListRule({
  code: '175',
  message: 'The number of adopter(s) code is not a valid code.',
  table: 'AD1',
  field: 'NB_ADOPTR',
  codes: SSDA903_NB_ADOPTR_CODES,
  blank: 'allowed',
})
