import { SSDA903_SEX_CODES } from '../codes.js'
import { codeListRule } from './shared-row-checks.js'

/** SEX is M, F or U (the codes from 2024/25); a blank sex fails too. */
export const rule101 = codeListRule({
  code: '101',
  message: 'The child or young person’s reported sex is not valid.',
  table: 'Header',
  field: 'SEX',
  codes: SSDA903_SEX_CODES,
  blank: 'fails',
})
