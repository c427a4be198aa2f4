/**
 * 460: "stayed with current carers at 18 or over" (E17) ends care on or after the 18th
 * birthday. A child born on 29 February turns 18 on 1 March in a year without one.
 */
import { age, headerDob, rowRule } from './support-4xx-5xx.js'

export const rule460 = rowRule({
  code: '460',
  message:
    'Reason episode ceased is that child stayed with current carers at age 18 (or above), but child is aged under 18.',
  table: 'Episodes',
  fields: ['DEC', 'REC'],
  test: (e, child) => e.REC === 'E17' && (age(headerDob(child), e.DEC) ?? 18) < 18,
})
