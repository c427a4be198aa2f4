/**
 * Every SSDA903 rule, in code order. The rule sets per year (`../rule-sets.ts`) pick from this.
 * One line per rule: keep the list in the order of the codes.
 */
import type { AnySsda903Rule } from '../rule.js'
import { rule102 } from './rule-102.js'

export const ssda903Rules: readonly AnySsda903Rule[] = [rule102]
