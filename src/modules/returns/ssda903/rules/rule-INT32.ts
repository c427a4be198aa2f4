import type { Ssda903Rule } from '../rule.js'
import { onlyOnceRule } from './shared-integrity.js'

/** A child with more than one row in Header: every one of the child's rows there is reported. */
export const ruleINT32: Ssda903Rule = onlyOnceRule(
  'INT32',
  'Header',
  'Internal Check: Child should only exist once in Header.',
)
