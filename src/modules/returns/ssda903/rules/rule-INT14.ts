import type { Ssda903Rule } from '../rule.js'
import { dobDiffersFromHeaderRule } from './shared-integrity.js'

/** A real DOB in OC2 that differs from the child's real DOB in Header. */
export const ruleINT14: Ssda903Rule = dobDiffersFromHeaderRule(
  'INT14',
  'OC2',
  'Internal Check: DOB in OC2 is different to DOB in Header.',
)
