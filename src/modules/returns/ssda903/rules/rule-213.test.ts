import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule213 } from './rule-213.js'

const ctx = testContext()

describe('213 no provider for temporary and other placements', () => {
  it.each([
    ['T1 with a provider', 'T1', 'PR1', 1],
    ['Z13 with a provider', 'Z13', 'PR4', 1],
    ['T1 without', 'T1', '', 0],
    ['U1 with a provider', 'U1', 'PR1', 0],
    ['lower-case t0 with a provider', 't0', 'PR1', 1],
    ['blank placement', '', 'PR1', 0],
  ])('%s', (_, place, provider, expected) => {
    const child = testChild({ Episodes: [{ PLACE: place, PLACE_PROVIDER: provider }] })
    expect(rule213.check(child, ctx)).toHaveLength(expected)
  })
})
