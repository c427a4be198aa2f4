/**
 * The SSDA903 rule sets by collection year. 2026/27 runs every rule in `rules/index.ts`; 2025/26
 * is the same without the eleven rules about deprivations of liberty (DoLo, codes 700 to 710),
 * which the DfE first defined for 2026/27. A later year is built from 2026/27 with
 * `.next(year, { add, remove })`.
 */
import { RuleRegistry, RuleSet } from '../engine.js'
import type { Ssda903Child } from './index.js'
import type { AnySsda903Rule, Ssda903ReturnInfo, Ssda903RuleRegistry, Ssda903RuleTable } from './rule.js'
import { DOLO_RULE_CODES, ssda903Rules } from './rules/index.js'

export { DOLO_RULE_CODES }

/** The rule sets of both years, from a list of rules (the registered ones, or a test's). */
export function ssda903RuleSetsFrom(rules: readonly AnySsda903Rule[]): Ssda903RuleRegistry {
  const dolo = new Set(DOLO_RULE_CODES)
  // Two bases rather than `.next`, so each year keeps the rules in code order.
  const y2025 = RuleSet.base<Ssda903Child, Ssda903RuleTable, Ssda903ReturnInfo>(
    '2025/26',
    rules.filter((r) => !dolo.has(r.code)),
  )
  const y2026 = RuleSet.base<Ssda903Child, Ssda903RuleTable, Ssda903ReturnInfo>('2026/27', rules)
  return new RuleRegistry('SSDA903', [y2025, y2026])
}

export const ssda903RuleSets: Ssda903RuleRegistry = ssda903RuleSetsFrom(ssda903Rules)
