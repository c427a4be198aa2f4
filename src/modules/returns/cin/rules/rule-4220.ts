/** 4220: ethnicity is required and must be a code from the DfE's ethnicity list. */
import { NO_HITS, hit } from '../../engine.js'
import { ETHNICITY } from '../codes.js'
import type { CinRule } from '../rule.js'

export const rule4220: CinRule = {
  code: '4220',
  type: 'error',
  message: 'Ethnicity is missing or invalid (see Ethnicity table)',
  affects: [{ table: 'ChildCharacteristics', fields: ['Ethnicity'] }],
  check(child) {
    if (child.Ethnicity !== null && ETHNICITY.has(child.Ethnicity)) return NO_HITS
    return [hit('ChildCharacteristics', child, ['Ethnicity'])]
  },
}
