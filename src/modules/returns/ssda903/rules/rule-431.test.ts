import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule431 } from './rule-431.js'

const ctx = testContext()
const child = (rne: string, decom: string) =>
  testChild({
    Episodes: [
      { DECOM: decom, RNE: rne },
      { DECOM: '01/05/2025', DEC: '10/05/2025', REC: 'E13', RNE: 'S' },
    ],
  })

describe('431 new start on the day the previous episode ended', () => {
  it.each([
    ['S the day before the previous ended (an overlap: 501)', 'S', '09/05/2025', 0],
    ['S the day it ended', 'S', '10/05/2025', 1],
    ['S the day after', 'S', '11/05/2025', 0],
    ['P the day it ended', 'P', '10/05/2025', 0],
    ['S with an unreadable start', 'S', '10/5/25', 0],
  ])('%s', (_, rne, decom, expected) => {
    expect(rule431.check(child(rne, decom), ctx)).toHaveLength(expected)
  })
  it('the first episode has no previous one', () => {
    expect(rule431.check(testChild({ Episodes: [{ DECOM: '01/05/2025', RNE: 'S' }] }), ctx)).toHaveLength(0)
  })
})
