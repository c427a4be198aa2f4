/**
 * Every CIN census rule in force in 2025/26, one file per rule (`rule-<code>.ts`).
 * To add a rule: import it below and add it to `cinRules`, keeping the list in code order.
 * Rules that change between years are handled in ../rule-sets.ts, not here.
 */
import type { AnyCinRule } from '../rule.js'
import { rule100 } from './rule-100.js'
import { rule1103 } from './rule-1103.js'
import { rule1104 } from './rule-1104.js'
import { rule1105 } from './rule-1105.js'
import { rule1510 } from './rule-1510.js'
import { rule1520 } from './rule-1520.js'
import { rule1530 } from './rule-1530.js'
import { rule1540 } from './rule-1540.js'
import { rule1550 } from './rule-1550.js'
import { rule1560Q } from './rule-1560Q.js'
import { rule1570 } from './rule-1570.js'
import { rule1580 } from './rule-1580.js'
import { rule2883 } from './rule-2883.js'
import { rule2884 } from './rule-2884.js'
import { rule2885 } from './rule-2885.js'
import { rule2886Q } from './rule-2886Q.js'
import { rule2887Q } from './rule-2887Q.js'
import { rule2888Q } from './rule-2888Q.js'
import { rule2889 } from './rule-2889.js'
import { rule2990 } from './rule-2990.js'
import { rule2991Q } from './rule-2991Q.js'
import { rule4000 } from './rule-4000.js'
import { rule4001 } from './rule-4001.js'
import { rule4003 } from './rule-4003.js'
import { rule4004 } from './rule-4004.js'
import { rule4008 } from './rule-4008.js'
import { rule4009Q } from './rule-4009Q.js'
import { rule4010 } from './rule-4010.js'
import { rule4011 } from './rule-4011.js'
import { rule4012Q } from './rule-4012Q.js'
import { rule4013 } from './rule-4013.js'
import { rule4014 } from './rule-4014.js'
import { rule4015 } from './rule-4015.js'
import { rule4016 } from './rule-4016.js'
import { rule4017 } from './rule-4017.js'
import { rule4180 } from './rule-4180.js'
import { rule4220 } from './rule-4220.js'
import { rule8500 } from './rule-8500.js'
import { rule8510 } from './rule-8510.js'
import { rule8520 } from './rule-8520.js'
import { rule8525Q } from './rule-8525Q.js'
import { rule8530Q } from './rule-8530Q.js'
import { rule8535Q } from './rule-8535Q.js'
import { rule8540 } from './rule-8540.js'
import { rule8545Q } from './rule-8545Q.js'
import { rule8555Q } from './rule-8555Q.js'
import { rule8565 } from './rule-8565.js'
import { rule8568 } from './rule-8568.js'
import { rule8569Q } from './rule-8569Q.js'
import { rule8585Q } from './rule-8585Q.js'
import { rule8590 } from './rule-8590.js'
import { rule8600 } from './rule-8600.js'
import { rule8606 } from './rule-8606.js'
import { rule8608 } from './rule-8608.js'
import { rule8610 } from './rule-8610.js'
import { rule8614 } from './rule-8614.js'
import { rule8615 } from './rule-8615.js'
import { rule8620 } from './rule-8620.js'
import { rule8630 } from './rule-8630.js'
import { rule8640 } from './rule-8640.js'
import { rule8650 } from './rule-8650.js'
import { rule8670Q } from './rule-8670Q.js'
import { rule8675Q } from './rule-8675Q.js'
import { rule8696 } from './rule-8696.js'
import { rule8715 } from './rule-8715.js'
import { rule8720 } from './rule-8720.js'
import { rule8730 } from './rule-8730.js'
import { rule8736 } from './rule-8736.js'
import { rule8740 } from './rule-8740.js'
import { rule8750 } from './rule-8750.js'
import { rule8770Q } from './rule-8770Q.js'
import { rule8772 } from './rule-8772.js'
import { rule8775Q } from './rule-8775Q.js'
import { rule8790 } from './rule-8790.js'
import { rule8794 } from './rule-8794.js'
import { rule8805 } from './rule-8805.js'
import { rule8810 } from './rule-8810.js'
import { rule8815 } from './rule-8815.js'
import { rule8816 } from './rule-8816.js'
import { rule8820 } from './rule-8820.js'
import { rule8825Q } from './rule-8825Q.js'
import { rule8831 } from './rule-8831.js'
import { rule8832 } from './rule-8832.js'
import { rule8839 } from './rule-8839.js'
import { rule8840 } from './rule-8840.js'
import { rule8841 } from './rule-8841.js'
import { rule8842Q } from './rule-8842Q.js'
import { rule8863Q } from './rule-8863Q.js'
import { rule8866 } from './rule-8866.js'
import { rule8867 } from './rule-8867.js'
import { rule8868 } from './rule-8868.js'
import { rule8869 } from './rule-8869.js'
import { rule8870Q } from './rule-8870Q.js'
import { rule8873Q } from './rule-8873Q.js'
import { rule8875 } from './rule-8875.js'
import { rule8890 } from './rule-8890.js'
import { rule8896 } from './rule-8896.js'
import { rule8897Q } from './rule-8897Q.js'
import { rule8898 } from './rule-8898.js'
import { rule8905 } from './rule-8905.js'
import { rule8910 } from './rule-8910.js'
import { rule8915 } from './rule-8915.js'
import { rule8920 } from './rule-8920.js'
import { rule8925 } from './rule-8925.js'
import { rule8930 } from './rule-8930.js'
import { rule8935 } from './rule-8935.js'
import { rule8940 } from './rule-8940.js'
import { rule8945Q } from './rule-8945Q.js'
import { rule8950Q } from './rule-8950Q.js'

export const cinRules: readonly AnyCinRule[] = [
  rule100,
  rule1103,
  rule1104,
  rule1105,
  rule1510,
  rule1520,
  rule1530,
  rule1540,
  rule1550,
  rule1560Q,
  rule1570,
  rule1580,
  rule2883,
  rule2884,
  rule2885,
  rule2886Q,
  rule2887Q,
  rule2888Q,
  rule2889,
  rule2990,
  rule2991Q,
  rule4000,
  rule4001,
  rule4003,
  rule4004,
  rule4008,
  rule4009Q,
  rule4010,
  rule4011,
  rule4012Q,
  rule4013,
  rule4014,
  rule4015,
  rule4016,
  rule4017,
  rule4180,
  rule4220,
  rule8500,
  rule8510,
  rule8520,
  rule8525Q,
  rule8530Q,
  rule8535Q,
  rule8540,
  rule8545Q,
  rule8555Q,
  rule8565,
  rule8568,
  rule8569Q,
  rule8585Q,
  rule8590,
  rule8600,
  rule8606,
  rule8608,
  rule8610,
  rule8614,
  rule8615,
  rule8620,
  rule8630,
  rule8640,
  rule8650,
  rule8670Q,
  rule8675Q,
  rule8696,
  rule8715,
  rule8720,
  rule8730,
  rule8736,
  rule8740,
  rule8750,
  rule8770Q,
  rule8772,
  rule8775Q,
  rule8790,
  rule8794,
  rule8805,
  rule8810,
  rule8815,
  rule8816,
  rule8820,
  rule8825Q,
  rule8831,
  rule8832,
  rule8839,
  rule8840,
  rule8841,
  rule8842Q,
  rule8863Q,
  rule8866,
  rule8867,
  rule8868,
  rule8869,
  rule8870Q,
  rule8873Q,
  rule8875,
  rule8890,
  rule8896,
  rule8897Q,
  rule8898,
  rule8905,
  rule8910,
  rule8915,
  rule8920,
  rule8925,
  rule8930,
  rule8935,
  rule8940,
  rule8945Q,
  rule8950Q,
]
