import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule234 } from './rule-234.js'

const ctx = testContext()
const DOB = '01/09/2015' // 10 on 01/09/2025

function child(move: string, reason = 'CUSTOD') {
  return testChild({
    Header: [{ DOB }],
    Episodes: [
      { DECOM: '01/06/2025', DEC: move, REASON_PLACE_CHANGE: reason },
      { DECOM: move, RNE: 'P' },
    ],
  })
}

describe('234 under 10 moving placement into custody', () => {
  it.each([
    ['the day before the 10th birthday', '31/08/2025', 2],
    ['on the 10th birthday', '01/09/2025', 0],
    ['the day after', '02/09/2025', 0],
  ])('%s', (_, move, expected) => {
    expect(rule234.check(child(move), ctx)).toHaveLength(expected)
  })

  it('ignores other reasons', () => {
    expect(rule234.check(child('31/08/2025', 'CARPL'), ctx)).toHaveLength(0)
  })

  it('uses DEC when no episode follows', () => {
    const c = testChild({
      Header: [{ DOB }],
      Episodes: [{ DECOM: '01/06/2025', DEC: '31/08/2025', REASON_PLACE_CHANGE: 'CUSTOD' }],
    })
    expect(rule234.check(c, ctx)).toHaveLength(2)
  })

  it('does nothing without a valid DOB', () => {
    const c = testChild({
      Header: [{ DOB: 'x' }],
      Episodes: [{ DEC: '31/08/2025', REASON_PLACE_CHANGE: 'CUSTOD' }],
    })
    expect(rule234.check(c, ctx)).toHaveLength(0)
  })
})
