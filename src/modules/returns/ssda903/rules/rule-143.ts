import { SSDA903_RNE_CODES } from '../codes.js'
import { codeListRule } from './shared-row-checks.js'

/** RNE, when given, is S, P, L, T, U or B. */
export const rule143 = codeListRule({
  code: '143',
  message: 'The reason for new episode code is not a valid code.',
  table: 'Episodes',
  field: 'RNE',
  codes: SSDA903_RNE_CODES,
  blank: 'allowed',
})
