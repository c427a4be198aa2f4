import { describe, expect, it } from 'vitest'
import type { PlacementFacts } from '../rule.js'
import { UNKNOWN_PLACEMENT, testChild, testContext } from '../test-child.js'
import { rule420 } from './rule-420.js'

const run = (ls: string, facts: Partial<PlacementFacts>) =>
  rule420.check(
    testChild({ Episodes: [{ LS: ls, PL_POST: 'AB1 2CD' }] }),
    testContext('2025/26', { placement: () => ({ ...UNKNOWN_PLACEMENT, ...facts }) }),
  )

describe('420 placement LA for short breaks', () => {
  it.each([
    ['V3 with a placement LA', 'V3', { la: 'E06000034' }, 1],
    ['v4 with a placement LA', 'v4', { la: 'E06000034' }, 1],
    ['V3 without', 'V3', {}, 0],
    ['C2 with a placement LA', 'C2', { la: 'E06000034' }, 0],
    ['V3, postcode not in the reference', 'V3', { unknownPostcodes: ['ZZ9 9ZZ'] }, 1],
    ['C2, postcode not in the reference', 'C2', { unknownPostcodes: ['ZZ9 9ZZ'] }, 0],
  ] as [string, string, Partial<PlacementFacts>, number][])('%s', (_, ls, facts, expected) => {
    expect(run(ls, facts)).toHaveLength(expected)
  })
})
