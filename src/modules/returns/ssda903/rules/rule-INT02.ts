import type { Ssda903Rule } from '../rule.js'
import { childNotInHeaderRule } from './shared-integrity.js'

/** Rows in PlacedAdoption for a child who has no Header row this year. */
export const ruleINT02: Ssda903Rule = childNotInHeaderRule(
  'INT02',
  'PlacedAdoption',
  'Internal Check: Child in PlacedAdoption does not exist in Header.',
)
