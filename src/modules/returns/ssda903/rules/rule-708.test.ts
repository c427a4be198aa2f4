import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule708 } from './rule-708.js'

const ctx = testContext('2026/27')

describe('708 DoLO starts after birth', () => {
  it.each([
    ['the day before birth', '30/04/2012', 1],
    ['the day of birth', '01/05/2012', 1],
    ['the day after', '02/05/2012', 0],
    ['blank', '', 0],
  ])('%s', (_, start, expected) => {
    const child = testChild({ DoLo: [{ DOB: '01/05/2012', DOLO_START: start }] })
    expect(rule708.check(child, ctx)).toHaveLength(expected)
  })

  it("uses the Header's DOB when the DoLo row has none", () => {
    const child = testChild({
      Header: [{ DOB: '01/05/2012' }],
      DoLo: [{ DOB: '', DOLO_START: '01/04/2012' }],
    })
    expect(rule708.check(child, ctx)).toHaveLength(1)
  })

  it('passes when no DOB can be read', () => {
    const child = testChild({ Header: [{ DOB: '' }], DoLo: [{ DOB: 'n/k', DOLO_START: '01/04/2012' }] })
    expect(rule708.check(child, ctx)).toHaveLength(0)
  })
})
