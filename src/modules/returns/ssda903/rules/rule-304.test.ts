import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule304 } from './rule-304.js'

describe('304 UASC ceased after the 18th birthday', () => {
  it.each([
    ['on the 18th birthday', '10/10/2025', 0],
    ['the day after', '11/10/2025', 1],
    ['the day before', '09/10/2025', 0],
    ['blank', '', 0],
    ['invalid', '32/10/2025', 0],
  ])('%s', (_, duc, expected) => {
    const child = testChild({ UASC: [{ DOB: '10/10/2007', DUC: duc }] })
    expect(rule304.check(child, testContext())).toHaveLength(expected)
  })
})
