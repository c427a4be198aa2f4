import type { Ssda903Rule } from '../rule.js'
import { dobDiffersFromHeaderRule } from './shared-integrity.js'

/** A real DOB in Reviews that differs from the child's real DOB in Header. */
export const ruleINT17: Ssda903Rule = dobDiffersFromHeaderRule(
  'INT17',
  'Reviews',
  'Internal Check: DOB in Reviews is different to DOB in Header.',
)
