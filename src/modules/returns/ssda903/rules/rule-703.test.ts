import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule703 } from './rule-703.js'

const ctx = testContext('2026/27')

describe('703 DoLO starts by the end of the year', () => {
  it.each([
    ['on 31 March', '31/03/2027', 0],
    ['the day after', '01/04/2027', 1],
    ['the day before', '30/03/2027', 0],
    ['in an earlier year', '01/01/2025', 0],
    ['blank', '', 0],
  ])('%s', (_, start, expected) => {
    expect(rule703.check(testChild({ DoLo: [{ DOLO_START: start }] }), ctx)).toHaveLength(expected)
  })
})
