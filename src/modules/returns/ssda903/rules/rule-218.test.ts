import { describe, expect, it } from 'vitest'
import type { PlacementFacts } from '../rule.js'
import { UNKNOWN_PLACEMENT, testChild, testContext } from '../test-child.js'
import { rule218 } from './rule-218.js'

const inEngland: PlacementFacts = { distance: 3.2, la: 'E06000034', location: 'IN', unknownPostcodes: [] }
const ctxAt = (facts: PlacementFacts) => testContext('2025/26', { placement: () => facts })
const ctx = ctxAt(inEngland)

describe('218 URN required', () => {
  it.each([
    ['U4 open, no URN', 'U4', '', '', 1],
    ['U4 ended on 1 April, no URN', 'U4', '01/04/2025', '', 1],
    ['U4 ended on 31 March before the year', 'U4', '31/03/2025', '', 0],
    ['U4 open with a URN', 'U4', '', 'SC123456', 0],
    ['R1 open, no URN', 'R1', '', '', 0],
    ['Z12 open, no URN', 'Z12', '', '', 0],
    ['K2 with an invalid end date', 'K2', '31/02/2026', '', 0],
  ])('%s', (_, place, dec, urn, expected) => {
    const child = testChild({ Episodes: [{ PLACE: place, DEC: dec, URN: urn }] })
    expect(rule218.check(child, ctx)).toHaveLength(expected)
  })

  it.each([
    ['Wales by ONS code', 'W06000015', 0],
    ['Scotland by the validator’s code', 'SCO', 0],
    ['England', 'E08000025', 1],
  ])('placed in %s', (_, la, expected) => {
    const child = testChild({ Episodes: [{ PLACE: 'U4' }] })
    expect(rule218.check(child, ctxAt({ ...inEngland, la }))).toHaveLength(expected)
  })

  it('names a placement postcode it could not place', () => {
    const child = testChild({ Episodes: [{ PLACE: 'U4', PL_POST: 'ZZ9 9ZZ' }] })
    const facts = { ...UNKNOWN_PLACEMENT, unknownPostcodes: ['ZZ9 9ZZ'] }
    expect(rule218.check(child, ctxAt(facts))[0]?.detail).toContain('ZZ9 9ZZ')
  })
})
