import { describe, expect, it } from 'vitest'
import type { PlacementFacts } from '../rule.js'
import { UNKNOWN_PLACEMENT, testChild, testContext } from '../test-child.js'
import { rule411 } from './rule-411.js'

const run = (facts: Partial<PlacementFacts>, laCode: string | null = 'E06000034') =>
  rule411.check(
    testChild({ Episodes: [{ PL_POST: 'AB1 2CD' }] }),
    testContext('2025/26', { laCode, placement: () => ({ ...UNKNOWN_PLACEMENT, ...facts }) }),
  )

describe('411 in area but placed in another LA', () => {
  it.each([
    ['in area, own LA', { location: 'IN', la: 'E06000034' }, 0],
    ['in area, another LA', { location: 'IN', la: 'E10000012' }, 1],
    ['out of area, another LA', { location: 'OUT', la: 'E10000012' }, 0],
    ['nothing derived', {}, 0],
    ['postcode not in the reference', { unknownPostcodes: ['ZZ9 9ZZ'] }, 1],
  ] as [string, Partial<PlacementFacts>, number][])('%s', (_, facts, expected) => {
    expect(run(facts)).toHaveLength(expected)
  })

  it('does nothing when the reporting LA is not known', () => {
    expect(run({ location: 'IN', la: 'E10000012' }, null)).toHaveLength(0)
  })
})
