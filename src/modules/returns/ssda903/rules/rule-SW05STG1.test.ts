import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { ruleSW05STG1 } from './rule-SW05STG1.js'

const ctx = testContext()

describe('SW05STG1 SW_DEC is a valid date', () => {
  it.each([
    ['a real date', '29/02/2024', 0],
    ['not a leap year', '29/02/2025', 1],
    ['a partly known date', 'ZZ/05/2025', 1],
    ['ISO form', '2025-05-01', 1],
    ['blank', '', 0],
  ])('%s', (_, date, expected) => {
    expect(ruleSW05STG1.check(testChild({ SWEpisodes: [{ SW_DEC: date }] }), ctx)).toHaveLength(expected)
  })
})
