import { SSDA903_ACCOM_CODES } from '../codes.js'
import { codeListRule } from './shared-row-checks.js'

/** ACCOM is one of the accommodation codes (S and X only as unsuitable, or 0); a blank fails too. */
export const rule133 = codeListRule({
  code: '133',
  message:
    'Data entry for accommodation after leaving care is invalid. If reporting on a childs accommodation after leaving care the data entry must be valid',
  table: 'OC3',
  field: 'ACCOM',
  codes: SSDA903_ACCOM_CODES,
  blank: 'fails',
})
