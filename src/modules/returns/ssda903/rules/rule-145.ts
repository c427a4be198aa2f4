import { SSDA903_CIN_CODES } from '../codes.js'
import { codeListRule } from './shared-row-checks.js'

/** CIN, when given, is N1 to N8. */
export const rule145 = codeListRule({
  code: '145',
  message: 'Category of need code is not a valid code.',
  table: 'Episodes',
  field: 'CIN',
  codes: SSDA903_CIN_CODES,
  blank: 'allowed',
})
