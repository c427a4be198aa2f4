import type { Ssda903Rule } from '../rule.js'
import { onlyOnceRule } from './shared-integrity.js'

/** A child with more than one row in PrevPerm: every one of the child's rows there is reported. */
export const ruleINT35: Ssda903Rule = onlyOnceRule(
  'INT35',
  'PrevPerm',
  'Internal Check: Child should only exist once in PrevPerm.',
)
