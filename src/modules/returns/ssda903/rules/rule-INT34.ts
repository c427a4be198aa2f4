import type { Ssda903Rule } from '../rule.js'
import { onlyOnceRule } from './shared-integrity.js'

/** A child with more than one row in OC3: every one of the child's rows there is reported. */
export const ruleINT34: Ssda903Rule = onlyOnceRule(
  'INT34',
  'OC3',
  'Internal Check: Child should only exist once in OC3.',
)
