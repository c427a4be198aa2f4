import { SSDA903_ACTIV_CODES } from '../codes.js'
import { codeListRule } from './shared-row-checks.js'

/** ACTIV is one of the activity codes (or 0); a blank fails too, as the validator reads it. */
export const rule132 = codeListRule({
  code: '132',
  message: 'Data entry for activity after leaving care is invalid.',
  table: 'OC3',
  field: 'ACTIV',
  codes: SSDA903_ACTIV_CODES,
  blank: 'fails',
})
