import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { ruleSW02STG1 } from './rule-SW02STG1.js'

const ctx = testContext()

describe('SW02STG1 social worker ID begins SW or XX', () => {
  it.each([
    ['SW123', 0],
    ['XX', 0],
    ['sw9', 0],
    [' SW9', 0],
    ['S123', 1],
    ['ABC', 1],
    ['', 1],
  ])('%s', (id, expected) => {
    expect(ruleSW02STG1.check(testChild({ SWEpisodes: [{ SW_ID: id }] }), ctx)).toHaveLength(expected)
  })
})
