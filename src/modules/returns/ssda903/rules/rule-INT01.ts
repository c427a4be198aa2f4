import type { Ssda903Rule } from '../rule.js'
import { childNotInHeaderRule } from './shared-integrity.js'

/** Rows in AD1 for a child who has no Header row this year. */
export const ruleINT01: Ssda903Rule = childNotInHeaderRule(
  'INT01',
  'AD1',
  'Data Integrity Check: Child in AD1 does not exist in Header.',
)
