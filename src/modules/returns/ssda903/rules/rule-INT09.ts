import type { Ssda903Rule } from '../rule.js'
import { childNotInHeaderRule } from './shared-integrity.js'

/** Rows in UASC for a child who has no Header row this year. */
export const ruleINT09: Ssda903Rule = childNotInHeaderRule(
  'INT09',
  'UASC',
  'Internal Check: Child in UASC does not exist in Header.',
)
