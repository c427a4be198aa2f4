import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { ruleSW07STG2 } from './rule-SW07STG2.js'

const ctx = testContext()

describe('SW07STG2 social worker episode ends within the reporting period', () => {
  it.each([
    ['the day before the period', '31/03/2024', 1],
    ['on its first day', '01/04/2024', 0],
    ['the day after', '02/04/2024', 0],
    ['the day before 31 March', '30/03/2026', 0],
    ['on 31 March', '31/03/2026', 0],
    ['the day after', '01/04/2026', 1],
    ['open', '', 0],
  ])('%s', (_, dec, expected) => {
    const child = testChild({ SWEpisodes: [{ SW_DECOM: '01/01/2024', SW_DEC: dec }] })
    expect(ruleSW07STG2.check(child, ctx)).toHaveLength(expected)
  })
})
