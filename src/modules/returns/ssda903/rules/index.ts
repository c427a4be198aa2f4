/**
 * Every SSDA903 rule, in code order. The rule sets per year (`../rule-sets.ts`) pick from this.
 * One line per rule: keep the list in the order of the codes.
 */
import type { AnySsda903Rule } from '../rule.js'
import { rule101 } from './rule-101.js'
import { rule102 } from './rule-102.js'
import { rule103 } from './rule-103.js'
import { rule104 } from './rule-104.js'
import { rule105 } from './rule-105.js'
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
import { rule197B } from './rule-197B.js'
import { rule197a } from './rule-197a.js'
import { rule198 } from './rule-198.js'
import { rule199 } from './rule-199.js'
import { rule202 } from './rule-202.js'
import { rule203 } from './rule-203.js'
import { rule204 } from './rule-204.js'
import { rule205A } from './rule-205A.js'
import { rule205B } from './rule-205B.js'
import { rule205C } from './rule-205C.js'
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
import { rule303 } from './rule-303.js'
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
import { rule406 } from './rule-406.js'
import { rule407 } from './rule-407.js'
import { rule408 } from './rule-408.js'
import { rule411 } from './rule-411.js'
import { rule420 } from './rule-420.js'
import { rule426 } from './rule-426.js'
import { rule431 } from './rule-431.js'
import { rule432 } from './rule-432.js'
import { rule433 } from './rule-433.js'
import { rule434 } from './rule-434.js'
import { rule435 } from './rule-435.js'
import { rule436 } from './rule-436.js'
import { rule437 } from './rule-437.js'
import { rule440 } from './rule-440.js'
import { rule441 } from './rule-441.js'
import { rule442 } from './rule-442.js'
import { rule444 } from './rule-444.js'
import { rule446 } from './rule-446.js'
import { rule452 } from './rule-452.js'
import { rule453 } from './rule-453.js'
import { rule454 } from './rule-454.js'
import { rule460 } from './rule-460.js'
import { rule501 } from './rule-501.js'
import { rule502 } from './rule-502.js'
import { rule503A } from './rule-503A.js'
import { rule503B } from './rule-503B.js'
import { rule503C } from './rule-503C.js'
import { rule503D } from './rule-503D.js'
import { rule503E } from './rule-503E.js'
import { rule503F } from './rule-503F.js'
import { rule503G } from './rule-503G.js'
import { rule503H } from './rule-503H.js'
import { rule503J } from './rule-503J.js'
import { rule504 } from './rule-504.js'
import { rule511 } from './rule-511.js'
import { rule514 } from './rule-514.js'
import { rule516 } from './rule-516.js'
import { rule517 } from './rule-517.js'
import { rule518 } from './rule-518.js'
import { rule519 } from './rule-519.js'
import { rule520 } from './rule-520.js'
import { rule521 } from './rule-521.js'
import { rule522 } from './rule-522.js'
import { rule523 } from './rule-523.js'
import { rule524 } from './rule-524.js'
import { rule525 } from './rule-525.js'
import { rule526 } from './rule-526.js'
import { rule527 } from './rule-527.js'
import { rule528 } from './rule-528.js'
import { rule529 } from './rule-529.js'
import { rule530 } from './rule-530.js'
import { rule531 } from './rule-531.js'
import { rule542 } from './rule-542.js'
import { rule543 } from './rule-543.js'
import { rule544 } from './rule-544.js'
import { rule545 } from './rule-545.js'
import { rule546 } from './rule-546.js'
import { rule547 } from './rule-547.js'
import { rule550 } from './rule-550.js'
import { rule551 } from './rule-551.js'
import { rule552 } from './rule-552.js'
import { rule553 } from './rule-553.js'
import { rule554 } from './rule-554.js'
import { rule557 } from './rule-557.js'
import { rule558 } from './rule-558.js'
import { rule559 } from './rule-559.js'
import { rule560 } from './rule-560.js'
import { rule561 } from './rule-561.js'
import { rule562 } from './rule-562.js'
import { rule563 } from './rule-563.js'
import { rule564 } from './rule-564.js'
import { rule565 } from './rule-565.js'
import { rule566 } from './rule-566.js'
import { rule567 } from './rule-567.js'
import { rule570 } from './rule-570.js'
import { rule571 } from './rule-571.js'
import { rule574 } from './rule-574.js'
import { rule575 } from './rule-575.js'
import { rule576 } from './rule-576.js'
import { rule577 } from './rule-577.js'
import { rule578 } from './rule-578.js'
import { rule579 } from './rule-579.js'
import { rule580 } from './rule-580.js'
import { rule581 } from './rule-581.js'
import { rule582 } from './rule-582.js'
import { rule583 } from './rule-583.js'
import { rule584 } from './rule-584.js'
import { rule586 } from './rule-586.js'
import { rule601 } from './rule-601.js'
import { rule602 } from './rule-602.js'
import { rule607 } from './rule-607.js'
import { rule611 } from './rule-611.js'
import { rule612 } from './rule-612.js'
import { rule620 } from './rule-620.js'
import { rule621 } from './rule-621.js'
import { rule624 } from './rule-624.js'
import { rule625 } from './rule-625.js'
import { rule626 } from './rule-626.js'
import { rule628 } from './rule-628.js'
import { rule630 } from './rule-630.js'
import { rule631 } from './rule-631.js'
import { rule632 } from './rule-632.js'
import { rule633 } from './rule-633.js'
import { rule634 } from './rule-634.js'
import { rule635 } from './rule-635.js'
import { rule700 } from './rule-700.js'
import { rule701 } from './rule-701.js'
import { rule702 } from './rule-702.js'
import { rule703 } from './rule-703.js'
import { rule704 } from './rule-704.js'
import { rule705 } from './rule-705.js'
import { rule706 } from './rule-706.js'
import { rule707 } from './rule-707.js'
import { rule708 } from './rule-708.js'
import { rule709 } from './rule-709.js'
import { rule710 } from './rule-710.js'
import { rule1000 } from './rule-1000.js'
import { rule1001 } from './rule-1001.js'
import { rule1002 } from './rule-1002.js'
import { rule1003 } from './rule-1003.js'
import { rule1004 } from './rule-1004.js'
import { rule1005 } from './rule-1005.js'
import { rule1006 } from './rule-1006.js'
import { rule1007 } from './rule-1007.js'
import { rule1008 } from './rule-1008.js'
import { rule1009 } from './rule-1009.js'
import { rule1010 } from './rule-1010.js'
import { rule1011 } from './rule-1011.js'
import { rule1012 } from './rule-1012.js'
import { rule1014 } from './rule-1014.js'
import { rule1015 } from './rule-1015.js'
import { rule1016 } from './rule-1016.js'
import { rule3001 } from './rule-3001.js'
import { ruleEPI } from './rule-EPI.js'
import { ruleINT01 } from './rule-INT01.js'
import { ruleINT02 } from './rule-INT02.js'
import { ruleINT03 } from './rule-INT03.js'
import { ruleINT04 } from './rule-INT04.js'
import { ruleINT05 } from './rule-INT05.js'
import { ruleINT06 } from './rule-INT06.js'
import { ruleINT07 } from './rule-INT07.js'
import { ruleINT08 } from './rule-INT08.js'
import { ruleINT09 } from './rule-INT09.js'
import { ruleINT11 } from './rule-INT11.js'
import { ruleINT12 } from './rule-INT12.js'
import { ruleINT13 } from './rule-INT13.js'
import { ruleINT14 } from './rule-INT14.js'
import { ruleINT15 } from './rule-INT15.js'
import { ruleINT16 } from './rule-INT16.js'
import { ruleINT17 } from './rule-INT17.js'
import { ruleINT18 } from './rule-INT18.js'
import { ruleINT21 } from './rule-INT21.js'
import { ruleINT31 } from './rule-INT31.js'
import { ruleINT32 } from './rule-INT32.js'
import { ruleINT33 } from './rule-INT33.js'
import { ruleINT34 } from './rule-INT34.js'
import { ruleINT35 } from './rule-INT35.js'
import { ruleINT36 } from './rule-INT36.js'
import { ruleNoE } from './rule-NoE.js'
import { ruleSW01aSTG1 } from './rule-SW01aSTG1.js'
import { ruleSW01bSTG1 } from './rule-SW01bSTG1.js'
import { ruleSW02STG1 } from './rule-SW02STG1.js'
import { ruleSW04STG1 } from './rule-SW04STG1.js'
import { ruleSW05STG1 } from './rule-SW05STG1.js'
import { ruleSW06STG2 } from './rule-SW06STG2.js'
import { ruleSW07STG2 } from './rule-SW07STG2.js'
import { ruleSW08STG2 } from './rule-SW08STG2.js'
import { ruleSW09STG2 } from './rule-SW09STG2.js'
import { ruleSW10STG2 } from './rule-SW10STG2.js'
import { ruleSW11bSTG2 } from './rule-SW11bSTG2.js'
import { ruleSW12STG2 } from './rule-SW12STG2.js'
import { ruleSW13STG1 } from './rule-SW13STG1.js'
import { ruleSW17STG2 } from './rule-SW17STG2.js'

export const ssda903Rules: readonly AnySsda903Rule[] = [
  rule101,
  rule102,
  rule103,
  rule104,
  rule105,
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
  rule197B,
  rule197a,
  rule198,
  rule199,
  rule202,
  rule203,
  rule204,
  rule205A,
  rule205B,
  rule205C,
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
  rule303,
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
  rule406,
  rule407,
  rule408,
  rule411,
  rule420,
  rule426,
  rule431,
  rule432,
  rule433,
  rule434,
  rule435,
  rule436,
  rule437,
  rule440,
  rule441,
  rule442,
  rule444,
  rule446,
  rule452,
  rule453,
  rule454,
  rule460,
  rule501,
  rule502,
  rule503A,
  rule503B,
  rule503C,
  rule503D,
  rule503E,
  rule503F,
  rule503G,
  rule503H,
  rule503J,
  rule504,
  rule511,
  rule514,
  rule516,
  rule517,
  rule518,
  rule519,
  rule520,
  rule521,
  rule522,
  rule523,
  rule524,
  rule525,
  rule526,
  rule527,
  rule528,
  rule529,
  rule530,
  rule531,
  rule542,
  rule543,
  rule544,
  rule545,
  rule546,
  rule547,
  rule550,
  rule551,
  rule552,
  rule553,
  rule554,
  rule557,
  rule558,
  rule559,
  rule560,
  rule561,
  rule562,
  rule563,
  rule564,
  rule565,
  rule566,
  rule567,
  rule570,
  rule571,
  rule574,
  rule575,
  rule576,
  rule577,
  rule578,
  rule579,
  rule580,
  rule581,
  rule582,
  rule583,
  rule584,
  rule586,
  rule601,
  rule602,
  rule607,
  rule611,
  rule612,
  rule620,
  rule621,
  rule624,
  rule625,
  rule626,
  rule628,
  rule630,
  rule631,
  rule632,
  rule633,
  rule634,
  rule635,
  rule700,
  rule701,
  rule702,
  rule703,
  rule704,
  rule705,
  rule706,
  rule707,
  rule708,
  rule709,
  rule710,
  rule1000,
  rule1001,
  rule1002,
  rule1003,
  rule1004,
  rule1005,
  rule1006,
  rule1007,
  rule1008,
  rule1009,
  rule1010,
  rule1011,
  rule1012,
  rule1014,
  rule1015,
  rule1016,
  rule3001,
  ruleEPI,
  ruleINT01,
  ruleINT02,
  ruleINT03,
  ruleINT04,
  ruleINT05,
  ruleINT06,
  ruleINT07,
  ruleINT08,
  ruleINT09,
  ruleINT11,
  ruleINT12,
  ruleINT13,
  ruleINT14,
  ruleINT15,
  ruleINT16,
  ruleINT17,
  ruleINT18,
  ruleINT21,
  ruleINT31,
  ruleINT32,
  ruleINT33,
  ruleINT34,
  ruleINT35,
  ruleINT36,
  ruleNoE,
  ruleSW01aSTG1,
  ruleSW01bSTG1,
  ruleSW02STG1,
  ruleSW04STG1,
  ruleSW05STG1,
  ruleSW06STG2,
  ruleSW07STG2,
  ruleSW08STG2,
  ruleSW09STG2,
  ruleSW10STG2,
  ruleSW11bSTG2,
  ruleSW12STG2,
  ruleSW13STG1,
  ruleSW17STG2,
]

/** The deprivation of liberty (DoLO) rules, first defined for 2026/27: rule sets before then leave them out. */
export const DOLO_RULE_CODES: readonly string[] = [
  '700',
  '701',
  '702',
  '703',
  '704',
  '705',
  '706',
  '707',
  '708',
  '709',
  '710',
]
