import type { Ssda903Rule } from '../rule.js'
import { dobDiffersFromHeaderRule } from './shared-integrity.js'

/** A real DOB in PlacedAdoption that differs from the child's real DOB in Header. */
export const ruleINT12: Ssda903Rule = dobDiffersFromHeaderRule(
  'INT12',
  'PlacedAdoption',
  'Internal Check: DOB in PlacedAdoption is different to DOB in Header.',
)
