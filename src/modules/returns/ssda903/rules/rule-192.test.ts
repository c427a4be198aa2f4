import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule192 } from './rule-192.js'

const ctx = testContext()

describe('192 intervention received completed for a substance misuse problem', () => {
  it.each([
    ['misuse, received blank', '1', '', 1],
    ['misuse, received 0', '1', '0', 0],
    ['misuse, received 1', '1', '1', 0],
    ['no misuse, received blank', '0', '', 0],
    ['misuse blank', '', '', 0],
  ])('%s', (_, misuse, received, expected) => {
    const child = testChild({ OC2: [{ SUBSTANCE_MISUSE: misuse, INTERVENTION_RECEIVED: received }] })
    expect(rule192.check(child, ctx)).toHaveLength(expected)
  })
})
