import { SSDA903_ETHNIC_CODES } from '../codes.js'
import { codeListRule } from './shared-row-checks.js'

/** ETHNIC is one of the DfE's ethnicity codes; a blank fails too. */
export const rule103 = codeListRule({
  code: '103',
  message: 'The ethnicity code is either not valid or has not been entered.',
  table: 'Header',
  field: 'ETHNIC',
  codes: SSDA903_ETHNIC_CODES,
  blank: 'fails',
})
