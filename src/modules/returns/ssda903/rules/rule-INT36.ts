import type { Ssda903Rule } from '../rule.js'
import { onlyOnceRule } from './shared-integrity.js'

/** A child with more than one row in UASC: every one of the child's rows there is reported. */
export const ruleINT36: Ssda903Rule = onlyOnceRule(
  'INT36',
  'UASC',
  'Internal Check: Child should only exist once in UASC.',
)
