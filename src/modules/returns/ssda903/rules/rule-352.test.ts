import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule352 } from './rule-352.js'

const ctx = testContext()

describe('352 started to be looked after at 18 or over', () => {
  it.each([
    ['the day before the 18th birthday', '09/10/2025', 'S', 0],
    ['on the 18th birthday', '10/10/2025', 'S', 1],
    ['after it', '11/10/2025', 'S', 1],
    ['after it, not a new period of care', '11/10/2025', 'P', 0],
  ])('%s', (_, decom, rne, expected) => {
    const child = testChild({ Header: [{ DOB: '10/10/2007' }], Episodes: [{ DECOM: decom, RNE: rne }] })
    expect(rule352.check(child, ctx)).toHaveLength(expected)
  })

  it('does nothing without a DOB', () => {
    const child = testChild({ Header: [{ DOB: '' }], Episodes: [{ DECOM: '11/10/2025', RNE: 'S' }] })
    expect(rule352.check(child, ctx)).toHaveLength(0)
  })
})
