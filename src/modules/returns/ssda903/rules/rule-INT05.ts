import type { Ssda903Rule } from '../rule.js'
import { childNotInHeaderRule } from './shared-integrity.js'

/** Rows in OC2 for a child who has no Header row this year. */
export const ruleINT05: Ssda903Rule = childNotInHeaderRule(
  'INT05',
  'OC2',
  'Internal Check: Child in OC2 does not exist in Header.',
)
