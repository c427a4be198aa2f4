/**
 * Every CIN census rule in force in 2025/26, one file per rule (`rule-<code>.ts`).
 * To add a rule: import it below and add it to `cinRules`, keeping the list in code order.
 * Rules that change between years are handled in ../rule-sets.ts, not here.
 */
import type { AnyCinRule } from '../rule.js'

export const cinRules: readonly AnyCinRule[] = []
