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
import { rule219 } from './rule-219.js'
import { rule221 } from './rule-221.js'
import { rule222 } from './rule-222.js'
import { rule224 } from './rule-224.js'
import { rule225 } from './rule-225.js'
import { rule226 } from './rule-226.js'
import { rule227 } from './rule-227.js'
import { rule228 } from './rule-228.js'
import { rule229 } from './rule-229.js'
import { rule231 } from './rule-231.js'
import { rule232 } from './rule-232.js'
import { rule233 } from './rule-233.js'
import { rule234 } from './rule-234.js'
import { rule301 } from './rule-301.js'
import { rule302 } from './rule-302.js'
import { rule304 } from './rule-304.js'
import { rule331 } from './rule-331.js'
import { rule333 } from './rule-333.js'
import { rule334 } from './rule-334.js'
import { rule335 } from './rule-335.js'
import { rule336 } from './rule-336.js'
import { rule344 } from './rule-344.js'
import { rule345 } from './rule-345.js'
import { rule347 } from './rule-347.js'
import { rule348 } from './rule-348.js'
import { rule351 } from './rule-351.js'
import { rule352 } from './rule-352.js'
import { rule353 } from './rule-353.js'
import { rule354 } from './rule-354.js'
import { rule355 } from './rule-355.js'
import { rule356 } from './rule-356.js'
import { rule357 } from './rule-357.js'
import { rule358 } from './rule-358.js'
import { rule359 } from './rule-359.js'
import { rule361 } from './rule-361.js'
import { rule362 } from './rule-362.js'
import { rule363 } from './rule-363.js'
import { rule364 } from './rule-364.js'
import { rule365 } from './rule-365.js'
import { rule366 } from './rule-366.js'
import { rule367 } from './rule-367.js'
import { rule371 } from './rule-371.js'
import { rule372 } from './rule-372.js'
import { rule373 } from './rule-373.js'
import { rule374 } from './rule-374.js'
import { rule375 } from './rule-375.js'
import { rule376 } from './rule-376.js'
import { rule377 } from './rule-377.js'
import { rule378 } from './rule-378.js'
import { rule379 } from './rule-379.js'
import { rule380 } from './rule-380.js'
import { rule381 } from './rule-381.js'
import { rule382 } from './rule-382.js'
import { rule383 } from './rule-383.js'
import { rule384 } from './rule-384.js'
import { rule385 } from './rule-385.js'
import { rule386 } from './rule-386.js'
import { rule387 } from './rule-387.js'
import { rule388 } from './rule-388.js'
import { rule389 } from './rule-389.js'
import { rule390 } from './rule-390.js'
import { rule391 } from './rule-391.js'
import { rule392a } from './rule-392a.js'
import { rule392b } from './rule-392b.js'
import { rule392c } from './rule-392c.js'
import { rule392d } from './rule-392d.js'
import { rule393 } from './rule-393.js'
import { rule398 } from './rule-398.js'
import { rule399 } from './rule-399.js'

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
  rule219,
  rule221,
  rule222,
  rule224,
  rule225,
  rule226,
  rule227,
  rule228,
  rule229,
  rule231,
  rule232,
  rule233,
  rule234,
  rule301,
  rule302,
  rule304,
  rule331,
  rule333,
  rule334,
  rule335,
  rule336,
  rule344,
  rule345,
  rule347,
  rule348,
  rule351,
  rule352,
  rule353,
  rule354,
  rule355,
  rule356,
  rule357,
  rule358,
  rule359,
  rule361,
  rule362,
  rule363,
  rule364,
  rule365,
  rule366,
  rule367,
  rule371,
  rule372,
  rule373,
  rule374,
  rule375,
  rule376,
  rule377,
  rule378,
  rule379,
  rule380,
  rule381,
  rule382,
  rule383,
  rule384,
  rule385,
  rule386,
  rule387,
  rule388,
  rule389,
  rule390,
  rule391,
  rule392a,
  rule392b,
  rule392c,
  rule392d,
  rule393,
  rule398,
  rule399,
]
