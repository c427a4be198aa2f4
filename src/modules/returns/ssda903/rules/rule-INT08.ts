import type { Ssda903Rule } from '../rule.js'
import { childNotInHeaderRule } from './shared-integrity.js'

/** Rows in Reviews for a child who has no Header row this year. */
export const ruleINT08: Ssda903Rule = childNotInHeaderRule(
  'INT08',
  'Reviews',
  'Internal Check: Child in Reviews does not exist in Header.',
)
