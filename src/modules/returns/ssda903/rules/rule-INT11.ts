import type { Ssda903Rule } from '../rule.js'
import { dobDiffersFromHeaderRule } from './shared-integrity.js'

/** A real DOB in AD1 that differs from the child's real DOB in Header. */
export const ruleINT11: Ssda903Rule = dobDiffersFromHeaderRule(
  'INT11',
  'AD1',
  'Internal Check: DOB in AD1 is different to DOB in Header.',
)
