/**
 * Every SSDA903 rule, in code order. The rule sets per year (`../rule-sets.ts`) pick from this.
 * One line per rule: keep the list in the order of the codes.
 */
import type { AnySsda903Rule } from '../rule.js'
import { rule102 } from './rule-102.js'
import { rule202 } from './rule-202.js'
import { rule203 } from './rule-203.js'
import { rule204 } from './rule-204.js'
import { rule205A } from './rule-205A.js'
import { rule205B } from './rule-205B.js'
import { rule205D } from './rule-205D.js'
import { rule207 } from './rule-207.js'
import { rule208 } from './rule-208.js'
import { rule209 } from './rule-209.js'
import { rule210 } from './rule-210.js'
import { rule213 } from './rule-213.js'
import { rule214 } from './rule-214.js'
import { rule215 } from './rule-215.js'
import { rule217 } from './rule-217.js'
import { rule218 } from './rule-218.js'
import { rule222 } from './rule-222.js'

export const ssda903Rules: readonly AnySsda903Rule[] = [
  rule102,
  rule202,
  rule203,
  rule204,
  rule205A,
  rule205B,
  rule205D,
  rule207,
  rule208,
  rule209,
  rule210,
  rule213,
  rule214,
  rule215,
  rule217,
  rule218,
  rule222,
]
