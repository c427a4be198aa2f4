import { describe, expect, it } from 'vitest'
import type { EpisodeRow } from '../model.js'
import type { PlacementFacts } from '../rule.js'
import { UNKNOWN_PLACEMENT, testChild, testContext } from '../test-child.js'
import { rule179 } from './rule-179.js'

// 'KNOWN' is a postcode in the reference, 'NOWHERE' one that is not.
function placement(e: EpisodeRow): PlacementFacts {
  if (e.PL_POST === 'KNOWN') return { ...UNKNOWN_PLACEMENT, location: 'IN' }
  if (e.PL_POST === 'NOWHERE') return { ...UNKNOWN_PLACEMENT, unknownPostcodes: ['NOWHERE'] }
  return UNKNOWN_PLACEMENT
}
const ctx = testContext('2025/26', { placement })

describe('179 placement location can be derived', () => {
  it.each([
    ['a known postcode', 'KNOWN', 'C2', 0],
    ['an unknown postcode', 'NOWHERE', 'C2', 1],
    ['a blank postcode', '', 'C2', 1],
    ['a blank postcode, blank legal status', '', '', 1],
    ['a blank postcode, short breaks V3', '', 'V3', 0],
    ['a blank postcode, short breaks V4', '', 'V4', 0],
  ])('%s', (_, post, ls, expected) => {
    expect(rule179.check(testChild({ Episodes: [{ PL_POST: post, LS: ls }] }), ctx)).toHaveLength(expected)
  })

  it('says why', () => {
    const hits = rule179.check(testChild({ Episodes: [{ PL_POST: 'NOWHERE' }, { PL_POST: ' ' }] }), ctx)
    expect(hits.map((h) => h.detail)).toEqual([expect.stringContaining('NOWHERE'), 'No placement postcode'])
  })
})
