import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule389 } from './rule-389.js'

const ctx = testContext()
const DOB = '18/10/2009' // 16 on 18/10/2025

describe('389 reason ceased and age', () => {
  it.each([
    ['the day before the 16th birthday', '17/10/2025', 'E7', 1],
    ['on the 16th birthday', '18/10/2025', 'E7', 0],
    ['the day after', '19/10/2025', 'E7', 0],
    ['before, another reason', '17/10/2025', 'E4A', 0],
  ])('%s', (_, dec, rec, expected) => {
    const child = testChild({ Header: [{ DOB }], Episodes: [{ DECOM: '01/01/2025', DEC: dec, REC: rec }] })
    expect(rule389.check(child, ctx)).toHaveLength(expected)
  })

  it('does not check unreadable dates', () => {
    const noDob = testChild({ Header: [{ DOB: '' }], Episodes: [{ DEC: '17/10/2025', REC: 'E7' }] })
    const badDec = testChild({ Header: [{ DOB }], Episodes: [{ DEC: '31/09/2025', REC: 'E7' }] })
    expect(rule389.check(noDob, ctx)).toHaveLength(0)
    expect(rule389.check(badDec, ctx)).toHaveLength(0)
  })
})
