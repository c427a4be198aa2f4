import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule526 } from './rule-526.js'

describe('526 every episode has a placement provider, except temporary moves (T0–T4) and the', () => {
  it.each([
    ['foster placement, no provider', { PLACE: 'U4', PLACE_PROVIDER: '' }, 1],
    ['foster placement, PR1', { PLACE: 'U4', PLACE_PROVIDER: 'PR1' }, 0],
    ['T4, no provider', { PLACE: 'T4', PLACE_PROVIDER: '' }, 0],
    ['Z12, no provider', { PLACE: 'z12', PLACE_PROVIDER: '' }, 0],
    ['Z1 (no longer a code), no provider', { PLACE: 'Z1', PLACE_PROVIDER: '' }, 1],
    ['no placement, no provider', {}, 1],
  ] as const)('%s', (_, cells, expected) => {
    expect(rule526.check(testChild({ Episodes: [cells] }), testContext())).toHaveLength(expected)
  })
})
