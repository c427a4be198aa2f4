/**
 * 406: no distance from home for a child who is, or was, an unaccompanied asylum-seeking child.
 * "Was" is known only from last year's UASC rows, as the message warns.
 */
import { factRule } from './support-4xx-5xx.js'

export const rule406 = factRule({
  code: '406',
  message:
    'Child is Unaccompanied Asylum-Seeking Child (UASC) or was formerly UASC. Distance should be blank. [NOTE: This check will result in false negatives for children formerly UASC not identified as such in loaded data]',
  fact: 'distance',
  applies: (_, child) => child.uasc || child.previousUasc,
  faulty: (facts) => facts.distance !== null,
})
