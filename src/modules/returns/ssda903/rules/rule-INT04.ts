import type { Ssda903Rule } from '../rule.js'
import { childNotInHeaderRule } from './shared-integrity.js'

/** Rows in Missing for a child who has no Header row this year. */
export const ruleINT04: Ssda903Rule = childNotInHeaderRule(
  'INT04',
  'Missing',
  'Internal Check: Child in Missing does not exist in Header.',
)
