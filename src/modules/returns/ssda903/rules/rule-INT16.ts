import type { Ssda903Rule } from '../rule.js'
import { dobDiffersFromHeaderRule } from './shared-integrity.js'

/** A real DOB in PrevPerm that differs from the child's real DOB in Header. */
export const ruleINT16: Ssda903Rule = dobDiffersFromHeaderRule(
  'INT16',
  'PrevPerm',
  'Internal Check: DOB in PrevPerm is different to DOB in Header.',
)
