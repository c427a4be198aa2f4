import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule159 } from './rule-159.js'

const ctx = testContext()

describe('159 intervention offered is completed when none was received', () => {
  it.each([
    ['misuse, not received, offered blank', '1', '0', '', 1],
    ['misuse, not received, offered 0', '1', '0', '0', 0],
    ['misuse, not received, offered 1', '1', '0', '1', 0],
    ['misuse, received', '1', '1', '', 0],
    ['no misuse', '0', '0', '', 0],
    ['misuse, received blank (rule 192)', '1', '', '', 0],
  ])('%s', (_, misuse, received, offered, expected) => {
    const cells = { SUBSTANCE_MISUSE: misuse, INTERVENTION_RECEIVED: received, INTERVENTION_OFFERED: offered }
    expect(rule159.check(testChild({ OC2: [cells] }), ctx)).toHaveLength(expected)
  })
})
