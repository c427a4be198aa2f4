import { SSDA903_REC_CODES } from '../codes.js'
import { codeListRule } from './shared-row-checks.js'

/** REC, when given, is one of the reasons an episode ceased. */
export const rule149 = codeListRule({
  code: '149',
  message: 'Reason episode ceased code is not valid.',
  table: 'Episodes',
  field: 'REC',
  codes: SSDA903_REC_CODES,
  blank: 'allowed',
})
