import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule365 } from './rule-365.js'

const ctx = testContext()

describe('365 single short break at most 17 days', () => {
  it.each([
    ['16 days', '17/06/2025', 'V3', 0],
    ['17 days', '18/06/2025', 'V3', 0],
    ['18 days', '19/06/2025', 'V3', 1],
    ['18 days under V4', '19/06/2025', 'V4', 0],
    ['open to 31 March', '', 'V3', 1],
    ['invalid end', 'next week', 'V3', 0],
  ])('%s', (_, dec, ls, expected) => {
    const child = testChild({ Episodes: [{ DECOM: '01/06/2025', DEC: dec, LS: ls }] })
    expect(rule365.check(child, ctx)).toHaveLength(expected)
  })
})
