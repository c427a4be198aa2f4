/**
 * Every SSDA903 rule, in code order. The rule sets per year (`../rule-sets.ts`) pick from this.
 * One line per rule: keep the list in the order of the codes.
 */
import type { AnySsda903Rule } from '../rule.js'
import { rule101 } from './rule-101.js'
import { rule102 } from './rule-102.js'
import { rule103 } from './rule-103.js'
import { rule104 } from './rule-104.js'
import { rule112 } from './rule-112.js'
import { rule113 } from './rule-113.js'
import { rule114 } from './rule-114.js'
import { rule115 } from './rule-115.js'
import { rule116 } from './rule-116.js'
import { rule117 } from './rule-117.js'
import { rule118 } from './rule-118.js'
import { rule119 } from './rule-119.js'
import { rule120 } from './rule-120.js'
import { rule131 } from './rule-131.js'
import { rule132 } from './rule-132.js'
import { rule133 } from './rule-133.js'
import { rule134 } from './rule-134.js'
import { rule141 } from './rule-141.js'
import { rule142 } from './rule-142.js'
import { rule143 } from './rule-143.js'
import { rule144 } from './rule-144.js'
import { rule145 } from './rule-145.js'
import { rule146 } from './rule-146.js'
import { rule147 } from './rule-147.js'
import { rule148 } from './rule-148.js'
import { rule149 } from './rule-149.js'
import { rule151 } from './rule-151.js'
import { rule153 } from './rule-153.js'
import { rule157 } from './rule-157.js'
import { rule158 } from './rule-158.js'
import { rule159 } from './rule-159.js'
import { rule164 } from './rule-164.js'
import { rule165 } from './rule-165.js'
import { rule166 } from './rule-166.js'
import { rule167 } from './rule-167.js'
import { rule168 } from './rule-168.js'
import { rule169 } from './rule-169.js'
import { rule171 } from './rule-171.js'
import { rule174 } from './rule-174.js'
import { rule175 } from './rule-175.js'
import { rule176 } from './rule-176.js'
import { rule177 } from './rule-177.js'
import { rule178 } from './rule-178.js'
import { rule179 } from './rule-179.js'
import { rule180 } from './rule-180.js'
import { rule181 } from './rule-181.js'
import { rule182 } from './rule-182.js'
import { rule184 } from './rule-184.js'
import { rule185 } from './rule-185.js'
import { rule186 } from './rule-186.js'
import { rule187 } from './rule-187.js'
import { rule188 } from './rule-188.js'
import { rule189 } from './rule-189.js'
import { rule190 } from './rule-190.js'
import { rule191 } from './rule-191.js'
import { rule192 } from './rule-192.js'
import { rule193 } from './rule-193.js'
import { rule196 } from './rule-196.js'
import { rule197a } from './rule-197a.js'
import { rule197B } from './rule-197B.js'
import { rule198 } from './rule-198.js'
import { rule199 } from './rule-199.js'
import { rule1000 } from './rule-1000.js'
import { rule1001 } from './rule-1001.js'
import { rule1002 } from './rule-1002.js'
import { rule1003 } from './rule-1003.js'
import { rule1004 } from './rule-1004.js'
import { rule1005 } from './rule-1005.js'
import { rule1006 } from './rule-1006.js'
import { rule1007 } from './rule-1007.js'
import { rule1009 } from './rule-1009.js'
import { rule1010 } from './rule-1010.js'
import { rule1011 } from './rule-1011.js'
import { rule1012 } from './rule-1012.js'
import { rule1014 } from './rule-1014.js'
import { rule1015 } from './rule-1015.js'
import { rule1016 } from './rule-1016.js'
import { rule3001 } from './rule-3001.js'

export const ssda903Rules: readonly AnySsda903Rule[] = [
  rule101,
  rule102,
  rule103,
  rule104,
  rule112,
  rule113,
  rule114,
  rule115,
  rule116,
  rule117,
  rule118,
  rule119,
  rule120,
  rule131,
  rule132,
  rule133,
  rule134,
  rule141,
  rule142,
  rule143,
  rule144,
  rule145,
  rule146,
  rule147,
  rule148,
  rule149,
  rule151,
  rule153,
  rule157,
  rule158,
  rule159,
  rule164,
  rule165,
  rule166,
  rule167,
  rule168,
  rule169,
  rule171,
  rule174,
  rule175,
  rule176,
  rule177,
  rule178,
  rule179,
  rule180,
  rule181,
  rule182,
  rule184,
  rule185,
  rule186,
  rule187,
  rule188,
  rule189,
  rule190,
  rule191,
  rule192,
  rule193,
  rule196,
  rule197a,
  rule197B,
  rule198,
  rule199,
  rule1000,
  rule1001,
  rule1002,
  rule1003,
  rule1004,
  rule1005,
  rule1006,
  rule1007,
  rule1009,
  rule1010,
  rule1011,
  rule1012,
  rule1014,
  rule1015,
  rule1016,
  rule3001,
]
