import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule119 } from './rule-119.js'

const ctx = testContext()

describe('119 date and reason the adoption decision ceased come together', () => {
  it.each([
    ['both blank', '', '', 0],
    ['both given', '01/06/2025', 'RD1', 0],
    ['a date that is not a date, with a reason', 'soon', 'RD1', 0],
    ['date only', '01/06/2025', '', 1],
    ['reason only', '', 'RD4', 1],
    ['reason only, date of spaces', '  ', 'RD4', 1],
  ])('%s', (_, date, reason, expected) => {
    const child = testChild({ PlacedAdoption: [{ DATE_PLACED_CEASED: date, REASON_PLACED_CEASED: reason }] })
    expect(rule119.check(child, ctx)).toHaveLength(expected)
  })
})
