import { SSDA903_REASON_PLACE_CHANGE_CODES } from '../codes.js'
import { codeListRule } from './shared-row-checks.js'

/** REASON_PLACE_CHANGE, when given, is one of the DfE's reasons. */
export const rule1009 = codeListRule({
  code: '1009',
  message: 'Reason for placement change is not a valid code.',
  table: 'Episodes',
  field: 'REASON_PLACE_CHANGE',
  codes: SSDA903_REASON_PLACE_CHANGE_CODES,
  blank: 'allowed',
})
