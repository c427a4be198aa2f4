/**
 * 454: a placement is not more than 350 miles from home. 999.9, the DfE's value for a distance
 * it does not calculate, is not reported.
 */
import { factRule } from './support-4xx-5xx.js'

export const rule454 = factRule({
  code: '454',
  message:
    'Placement distance from home is over 350 miles. [NOTE: This check will result in false positives for children formerly UASC not identified as such in loaded data]',
  fact: 'distance',
  faulty: (facts) => facts.distance !== null && facts.distance > 350 && facts.distance !== 999.9,
})
