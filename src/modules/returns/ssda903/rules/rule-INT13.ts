import type { Ssda903Rule } from '../rule.js'
import { dobDiffersFromHeaderRule } from './shared-integrity.js'

/** A real DOB in Missing that differs from the child's real DOB in Header. */
export const ruleINT13: Ssda903Rule = dobDiffersFromHeaderRule(
  'INT13',
  'Missing',
  'Internal Check: DOB in Missing is different to DOB in Header.',
)
