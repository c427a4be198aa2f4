import { describe, expect, it } from 'vitest'
import type { PlacementFacts } from '../rule.js'
import { UNKNOWN_PLACEMENT, testChild, testContext } from '../test-child.js'
import { rule454 } from './rule-454.js'

const run = (facts: Partial<PlacementFacts>) =>
  rule454.check(
    testChild({ Episodes: [{ PL_POST: 'AB1 2CD' }] }),
    testContext('2025/26', { placement: () => ({ ...UNKNOWN_PLACEMENT, ...facts }) }),
  )

describe('454 placement over 350 miles from home', () => {
  it.each([
    ['349.9 miles', { distance: 349.9 }, 0],
    ['350 miles', { distance: 350 }, 0],
    ['350.1 miles', { distance: 350.1 }, 1],
    ['999.9, not calculated', { distance: 999.9 }, 0],
    ['no distance', {}, 0],
    ['postcode not in the reference', { unknownPostcodes: ['ZZ9 9ZZ'] }, 1],
  ] as [string, Partial<PlacementFacts>, number][])('%s', (_, facts, expected) => {
    expect(run(facts)).toHaveLength(expected)
  })
})
