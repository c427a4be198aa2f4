import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule158 } from './rule-158.js'

const ctx = testContext()

describe('158 intervention offered is blank when one was received', () => {
  it.each([
    ['received, offered blank', '1', '', 0],
    ['received, offered given', '1', '1', 1],
    ['received, offered 0', '1', '0', 1],
    ['not received, offered given', '0', '1', 0],
    ['received blank, offered given', '', '1', 0],
  ])('%s', (_, received, offered, expected) => {
    const child = testChild({ OC2: [{ INTERVENTION_RECEIVED: received, INTERVENTION_OFFERED: offered }] })
    expect(rule158.check(child, ctx)).toHaveLength(expected)
  })
})
