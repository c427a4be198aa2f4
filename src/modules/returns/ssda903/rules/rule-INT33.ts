import type { Ssda903Rule } from '../rule.js'
import { onlyOnceRule } from './shared-integrity.js'

/** A child with more than one row in OC2: every one of the child's rows there is reported. */
export const ruleINT33: Ssda903Rule = onlyOnceRule(
  'INT33',
  'OC2',
  'Internal Check: Child should only exist once in OC2.',
)
