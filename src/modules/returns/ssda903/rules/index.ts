/**
 * Every SSDA903 rule, in code order. The rule sets per year (`../rule-sets.ts`) pick from this.
 * One line per rule: keep the list in the order of the codes.
 */
import type { AnySsda903Rule } from '../rule.js'
import { rule102 } from './rule-102.js'
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
  rule102,
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
