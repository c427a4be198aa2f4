import type { Ssda903Rule } from '../rule.js'
import { childNotInHeaderRule } from './shared-integrity.js'

/** Rows in Episodes for a child who has no Header row this year. */
export const ruleINT03: Ssda903Rule = childNotInHeaderRule(
  'INT03',
  'Episodes',
  'Internal Check: Child in Episodes does not exist in Header.',
)
