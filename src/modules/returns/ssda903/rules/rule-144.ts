import { SSDA903_LS_CODES } from '../codes.js'
import { codeListRule } from './shared-row-checks.js'

/** LS, when given, is one of the legal status codes. */
export const rule144 = codeListRule({
  code: '144',
  message: 'The legal status code is not a valid code.',
  table: 'Episodes',
  field: 'LS',
  codes: SSDA903_LS_CODES,
  blank: 'allowed',
})
