import type { Ssda903Rule } from '../rule.js'
import { childNotInHeaderRule } from './shared-integrity.js'

/** Rows in OC3 for a child who has no Header row this year. */
export const ruleINT06: Ssda903Rule = childNotInHeaderRule(
  'INT06',
  'OC3',
  'Internal Check: Child in OC3 does not exist in Header.',
)
