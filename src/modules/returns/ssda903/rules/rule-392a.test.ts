import { describe, expect, it } from 'vitest'
import type { PlacementFacts } from '../rule.js'
import { UNKNOWN_PLACEMENT, testChild, testContext } from '../test-child.js'
import { rule392a } from './rule-392a.js'

const known: PlacementFacts = { distance: 4.2, la: 'E06000034', location: 'IN', unknownPostcodes: [] }
const ctxWith = (facts: PlacementFacts) => testContext('2025/26', { placement: () => facts })

describe('392a no placement distance', () => {
  it.each([
    ['distance known', known, 'C2', 0],
    ['distance 0', { ...known, distance: 0 }, 'C2', 0],
    ['no distance', UNKNOWN_PLACEMENT, 'C2', 1],
    ['no distance, blank legal status', UNKNOWN_PLACEMENT, '', 1],
    ['no distance, short break', UNKNOWN_PLACEMENT, 'V3', 0],
  ])('%s', (_, facts, ls, expected) => {
    expect(rule392a.check(testChild({ Episodes: [{ LS: ls }] }), ctxWith(facts))).toHaveLength(expected)
  })

  it('skips children UASC this year or last', () => {
    const ctx = ctxWith(UNKNOWN_PLACEMENT)
    expect(rule392a.check(testChild({ Episodes: [{ LS: 'C2' }], UASC: [{}] }), ctx)).toHaveLength(0)
    expect(rule392a.check(testChild({ Episodes: [{ LS: 'C2' }] }, { UASC: [{}] }), ctx)).toHaveLength(0)
  })

  it('names a postcode not in the reference', () => {
    const facts = { ...UNKNOWN_PLACEMENT, unknownPostcodes: ['ZZ9 9ZZ'] }
    expect(rule392a.check(testChild({ Episodes: [{ LS: 'C2' }] }), ctxWith(facts))[0]?.detail).toContain(
      'ZZ9 9ZZ',
    )
  })
})
