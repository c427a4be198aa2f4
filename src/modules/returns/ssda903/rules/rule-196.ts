import { SSDA903_SDQ_REASON_CODES } from '../codes.js'
import { codeListRule } from './shared-row-checks.js'

/** SDQ_REASON, when given, is SDQ1 to SDQ5. */
export const rule196 = codeListRule({
  code: '196',
  message: 'Strengths and Difficulties (SDQ) reason is not a valid code.',
  table: 'OC2',
  field: 'SDQ_REASON',
  codes: SSDA903_SDQ_REASON_CODES,
  blank: 'allowed',
})
