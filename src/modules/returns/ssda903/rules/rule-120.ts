import { SSDA903_REASON_PLACED_CEASED_CODES } from '../codes.js'
import { codeListRule } from './shared-row-checks.js'

/** REASON_PLACED_CEASED, when given, is RD1 to RD4. */
export const rule120 = codeListRule({
  code: '120',
  message:
    'The reason for the reversal of the decision that the child should be placed for adoption code is not valid.',
  table: 'PlacedAdoption',
  field: 'REASON_PLACED_CEASED',
  codes: SSDA903_REASON_PLACED_CEASED_CODES,
  blank: 'allowed',
})
