import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule392b } from './rule-392b.js'

const ctx = testContext()

describe('392b no postcodes', () => {
  it.each([
    ['both given', 'C2', 'AB1 2CD', 'EF3 4GH', 0],
    ['home missing', 'C2', '', 'EF3 4GH', 1],
    ['placement missing', 'C2', 'AB1 2CD', ' ', 1],
    ['both missing on a short break', 'V4', '', '', 0],
  ])('%s', (_, ls, home, pl, expected) => {
    const child = testChild({ Episodes: [{ LS: ls, HOME_POST: home, PL_POST: pl }] })
    expect(rule392b.check(child, ctx)).toHaveLength(expected)
  })

  it('skips children UASC this year or last', () => {
    expect(rule392b.check(testChild({ Episodes: [{ LS: 'C2' }] }, { UASC: [{}] }), ctx)).toHaveLength(0)
  })
})
