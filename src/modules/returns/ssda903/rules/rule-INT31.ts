import type { Ssda903Rule } from '../rule.js'
import { onlyOnceRule } from './shared-integrity.js'

/** A child with more than one row in AD1: every one of the child's rows there is reported. */
export const ruleINT31: Ssda903Rule = onlyOnceRule(
  'INT31',
  'AD1',
  'Internal Check: Child should only exist once in AD1.',
)
