import type { Ssda903Rule } from '../rule.js'
import { childNotInHeaderRule } from './shared-integrity.js'

/** Rows in PrevPerm for a child who has no Header row this year. */
export const ruleINT07: Ssda903Rule = childNotInHeaderRule(
  'INT07',
  'PrevPerm',
  'Internal Check: Child in PrevPerm does not exist in Header.',
)
