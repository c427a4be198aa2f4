import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { ruleSW06STG2 } from './rule-SW06STG2.js'

const ctx = testContext()

describe('SW06STG2 social worker episode starts by 31 March', () => {
  it.each([
    ['the day before 31 March', '30/03/2026', 0],
    ['on 31 March', '31/03/2026', 0],
    ['the day after', '01/04/2026', 1],
    ['years before', '01/01/2020', 0],
    ['blank', '', 0],
  ])('%s', (_, decom, expected) => {
    expect(ruleSW06STG2.check(testChild({ SWEpisodes: [{ SW_DECOM: decom }] }), ctx)).toHaveLength(expected)
  })
})
