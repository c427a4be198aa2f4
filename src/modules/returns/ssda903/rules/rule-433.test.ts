import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule433 } from './rule-433.js'

const ctx = testContext()
const child = (rne: string, decom: string, previousDec = '10/05/2025') =>
  testChild({
    Episodes: [
      { DECOM: '01/05/2025', DEC: previousDec, REC: 'X1', RNE: 'S' },
      { DECOM: decom, RNE: rne },
    ],
  })

describe('433 continuation not starting the day the last episode ended', () => {
  it.each([
    ['P the day before', 'P', '09/05/2025', 1],
    ['P the same day', 'P', '10/05/2025', 0],
    ['B the day after', 'B', '11/05/2025', 1],
    ['S the day after', 'S', '11/05/2025', 0],
    ['L with an unreadable start', 'L', '11/5/2025x', 0],
  ])('%s', (_, rne, decom, expected) => {
    expect(rule433.check(child(rne, decom), ctx)).toHaveLength(expected)
  })
  it('a previous episode with no end date does not match', () => {
    expect(rule433.check(child('T', '10/05/2025', ''), ctx)).toHaveLength(1)
  })
  it('the first episode continues last year', () => {
    expect(rule433.check(testChild({ Episodes: [{ DECOM: '01/05/2025', RNE: 'P' }] }), ctx)).toHaveLength(0)
  })
})
