import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule586 } from './rule-586.js'

const ctx = testContext()

describe('586 missing before the date of birth', () => {
  it.each([
    ['the day before birth', '09/06/2015', 1],
    ['the day of birth', '10/06/2015', 0],
    ['the day after', '11/06/2015', 0],
    ['blank start', '', 0],
  ])('%s', (_, start, expected) => {
    const child = testChild({ Missing: [{ DOB: '10/06/2015', MISSING: 'M', MIS_START: start }] })
    expect(rule586.check(child, ctx)).toHaveLength(expected)
  })
  it('uses the Header DOB when the Missing row has none', () => {
    const child = testChild({
      Header: [{ DOB: '10/06/2015' }],
      Missing: [{ DOB: '', MISSING: 'M', MIS_START: '09/06/2015' }],
    })
    expect(rule586.check(child, ctx)).toHaveLength(1)
  })
  it('does nothing without a date of birth', () => {
    const child = testChild({ Missing: [{ DOB: 'unknown', MISSING: 'M', MIS_START: '09/06/2015' }] })
    expect(rule586.check(child, ctx)).toHaveLength(0)
  })
})
