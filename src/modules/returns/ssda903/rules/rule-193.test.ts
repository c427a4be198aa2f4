import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule193 } from './rule-193.js'

const ctx = testContext()

describe('193 no intervention items without a substance misuse problem', () => {
  it.each([
    ['no problem, received given', '0', '1', '', 1],
    ['no problem, offered given', '0', '', '0', 1],
    ['problem blank, received given', '', '0', '', 1],
    ['no problem, both blank', '0', '', '', 0],
    ['problem, both given', '1', '0', '1', 0],
    ['an odd problem code (181 reports it)', '2', '1', '', 0],
  ])('%s', (_, misuse, received, offered, expected) => {
    const cells = { SUBSTANCE_MISUSE: misuse, INTERVENTION_RECEIVED: received, INTERVENTION_OFFERED: offered }
    expect(rule193.check(testChild({ OC2: [cells] }), ctx)).toHaveLength(expected)
  })
})
