import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule203 } from './rule-203.js'

const ctx = testContext()

describe('203 date of birth agrees with last year', () => {
  it.each([
    ['same', '01/05/2012', '01/05/2012', 0],
    ['same, written without leading zeros', '1/5/2012', '01/05/2012', 0],
    ['a day later', '02/05/2012', '01/05/2012', 1],
    ['a day earlier', '30/04/2012', '01/05/2012', 1],
    ['blank this year', '', '01/05/2012', 1],
    ['invalid both years', '31/02/2012', '31/02/2012', 0],
  ])('%s', (_, now, before, expected) => {
    const child = testChild({ Header: [{ DOB: now }] }, { Header: [{ DOB: before }] })
    expect(rule203.check(child, ctx)).toHaveLength(expected)
  })

  it('does nothing without last year’s return', () => {
    const child = testChild({ Header: [{ DOB: '02/05/2012' }] }, { Header: [{ DOB: '01/05/2012' }] })
    expect(rule203.check(child, testContext('2025/26', { hasPrevious: false }))).toHaveLength(0)
  })
})
