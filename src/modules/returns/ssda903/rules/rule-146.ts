import { SSDA903_PLACE_CODES_2025 } from '../codes.js'
import { codeListRule } from './shared-row-checks.js'

/** PLACE, when given, is one of the 2025/26 placement types (Z11 to Z14 in place of Z1; no H5 or P2). */
export const rule146 = codeListRule({
  code: '146',
  message: 'Placement type code is not a valid code.',
  table: 'Episodes',
  field: 'PLACE',
  codes: SSDA903_PLACE_CODES_2025,
  blank: 'allowed',
})
