import { SSDA903_IN_TOUCH_CODES } from '../codes.js'
import { codeListRule } from './shared-row-checks.js'

/** IN_TOUCH is one of YES, NO, DIED, REFU, NREQ, RHOM; a blank fails too, as the validator reads it. */
export const rule131 = codeListRule({
  code: '131',
  message: 'Data entry for being in touch after leaving care is invalid.',
  table: 'OC3',
  field: 'IN_TOUCH',
  codes: SSDA903_IN_TOUCH_CODES,
  blank: 'fails',
})
