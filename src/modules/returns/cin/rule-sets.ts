/**
 * The CIN census rule sets by collection year. 2025/26 made no changes to the 2024/25 rules
 * (the validator's registry: Sources in ../README.md), so both years run the same list; a later
 * year is built from the one before with `.next(year, { add, remove })`.
 */
import { RuleRegistry, RuleSet } from '../engine.js'
import type { CinChild, CinHeader, CinTable } from './model.js'
import type { CinRuleRegistry } from './rule.js'
import { cinRules } from './rules/index.js'

const cin2024 = RuleSet.base<CinChild, CinTable, CinHeader>('2024/25', cinRules)
const cin2025 = cin2024.next('2025/26', {})

export const cinRuleSets: CinRuleRegistry = new RuleRegistry('CIN census', [cin2024, cin2025])
