import type { Ssda903Rule } from '../rule.js'
import { dobDiffersFromHeaderRule } from './shared-integrity.js'

/** A real DOB in UASC that differs from the child's real DOB in Header. */
export const ruleINT18: Ssda903Rule = dobDiffersFromHeaderRule(
  'INT18',
  'UASC',
  'Internal Check: DOB in UASC is different to DOB in Header.',
)
