import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule178 } from './rule-178.js'

const ctx = testContext()

describe('178 placement provider is valid, and absent where none is needed', () => {
  it.each([
    ['foster placement, PR1', 'U4', 'PR1', 0],
    ['foster placement, PR5', 'U4', 'PR5', 0],
    ['foster placement, blank', 'U4', '', 0],
    ['foster placement, PR6', 'U4', 'PR6', 1],
    ['T3 with a provider', 'T3', 'PR1', 1],
    ['Z11 with a provider', 'Z11', 'PR4', 1],
    ['Z14 without', 'Z14', '', 0],
    ['T4 with a provider (needed from 2025/26)', 'T4', 'PR2', 0],
    ['no placement type, valid provider', '', 'PR0', 0],
  ])('%s', (_, place, provider, expected) => {
    const child = testChild({ Episodes: [{ PLACE: place, PLACE_PROVIDER: provider }] })
    expect(rule178.check(child, ctx)).toHaveLength(expected)
  })
})
