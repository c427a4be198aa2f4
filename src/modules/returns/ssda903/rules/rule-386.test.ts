import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule386 } from './rule-386.js'

const ctx = testContext()
const DOB = '18/10/2007' // 18 on 18/10/2025

describe('386 reason ceased and age', () => {
  it.each([
    ['the day before the 18th birthday', '17/10/2025', 'E11', 0],
    ['on the 18th birthday', '18/10/2025', 'E12', 1],
    ['the day after', '19/10/2025', 'E11', 1],
    ['the day after, not adopted', '19/10/2025', 'E4A', 0],
  ])('%s', (_, dec, rec, expected) => {
    const child = testChild({ Header: [{ DOB }], Episodes: [{ DECOM: '01/01/2025', DEC: dec, REC: rec }] })
    expect(rule386.check(child, ctx)).toHaveLength(expected)
  })

  it('does not check unreadable dates', () => {
    const noDob = testChild({ Header: [{ DOB: '' }], Episodes: [{ DEC: '17/10/2025', REC: 'E11' }] })
    const badDec = testChild({ Header: [{ DOB }], Episodes: [{ DEC: '31/09/2025', REC: 'E11' }] })
    expect(rule386.check(noDob, ctx)).toHaveLength(0)
    expect(rule386.check(badDec, ctx)).toHaveLength(0)
  })
})
