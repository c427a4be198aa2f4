/**
 * Every SSDA903 rule, in code order. The rule sets per year (`../rule-sets.ts`) pick from this.
 * One line per rule: keep the list in the order of the codes.
 */
import type { AnySsda903Rule } from '../rule.js'
import { rule101 } from './rule-101.js'
import { rule102 } from './rule-102.js'
import { rule103 } from './rule-103.js'
import { rule112 } from './rule-112.js'
import { rule113 } from './rule-113.js'
import { rule114 } from './rule-114.js'
import { rule115 } from './rule-115.js'
import { rule116 } from './rule-116.js'
import { rule120 } from './rule-120.js'
import { rule131 } from './rule-131.js'
import { rule132 } from './rule-132.js'
import { rule133 } from './rule-133.js'
import { rule141 } from './rule-141.js'
import { rule143 } from './rule-143.js'
import { rule144 } from './rule-144.js'
import { rule145 } from './rule-145.js'
import { rule146 } from './rule-146.js'
import { rule147 } from './rule-147.js'
import { rule149 } from './rule-149.js'
import { rule166 } from './rule-166.js'
import { rule171 } from './rule-171.js'
import { rule175 } from './rule-175.js'
import { rule176 } from './rule-176.js'
import { rule177 } from './rule-177.js'
import { rule196 } from './rule-196.js'
import { rule1004 } from './rule-1004.js'
import { rule1005 } from './rule-1005.js'
import { rule1006 } from './rule-1006.js'
import { rule1009 } from './rule-1009.js'

export const ssda903Rules: readonly AnySsda903Rule[] = [
  rule101,
  rule102,
  rule103,
  rule112,
  rule113,
  rule114,
  rule115,
  rule116,
  rule120,
  rule131,
  rule132,
  rule133,
  rule141,
  rule143,
  rule144,
  rule145,
  rule146,
  rule147,
  rule149,
  rule166,
  rule171,
  rule175,
  rule176,
  rule177,
  rule196,
  rule1004,
  rule1005,
  rule1006,
  rule1009,
]
