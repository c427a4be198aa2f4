import { SSDA903_FLAG_CODES } from '../codes.js'
import { codeListRule } from './shared-row-checks.js'

/** FOSTER_CARE, when given, is 0 or 1. */
export const rule114 = codeListRule({
  code: '114',
  message: 'Data entry to record the status of former carer(s) of an adopted child is invalid.',
  table: 'AD1',
  field: 'FOSTER_CARE',
  codes: SSDA903_FLAG_CODES,
  blank: 'allowed',
})
