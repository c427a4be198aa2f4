import type { Ssda903Rule } from '../rule.js'
import { dobDiffersFromHeaderRule } from './shared-integrity.js'

/** A real DOB in OC3 that differs from the child's real DOB in Header. */
export const ruleINT15: Ssda903Rule = dobDiffersFromHeaderRule(
  'INT15',
  'OC3',
  'Internal Check: DOB in OC3 is different to DOB in Header.',
)
