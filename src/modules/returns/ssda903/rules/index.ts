/**
 * Every SSDA903 rule, in code order. The rule sets per year (`../rule-sets.ts`) pick from this.
 * One line per rule: keep the list in the order of the codes.
 */
import type { AnySsda903Rule } from '../rule.js'
import { rule102 } from './rule-102.js'
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

export const ssda903Rules: readonly AnySsda903Rule[] = [
  rule102,
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
]
