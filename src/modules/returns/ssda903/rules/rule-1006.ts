import { SSDA903_MISSING_CODES } from '../codes.js'
import { codeListRule } from './shared-row-checks.js'

/** MISSING, when given, is M (missing) or A (away without authorisation). */
export const rule1006 = codeListRule({
  code: '1006',
  message: 'Missing type invalid.',
  table: 'Missing',
  field: 'MISSING',
  codes: SSDA903_MISSING_CODES,
  blank: 'allowed',
})
