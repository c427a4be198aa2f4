import { describe, expect, it } from 'vitest'
import type { EpisodeRow } from '../model.js'
import type { PlacementFacts } from '../rule.js'
import { UNKNOWN_PLACEMENT, testChild, testContext } from '../test-child.js'
import { rule164 } from './rule-164.js'

// The test reads the distance from PL_POST ('D12.5' is 12.5 miles) and 'NOWHERE' as not found.
function placement(e: EpisodeRow): PlacementFacts {
  const post = e.text.PL_POST
  if (post === 'NOWHERE') return { ...UNKNOWN_PLACEMENT, unknownPostcodes: ['NOWHERE'] }
  if (post.startsWith('D')) return { ...UNKNOWN_PLACEMENT, distance: Number(post.slice(1)) }
  return UNKNOWN_PLACEMENT
}
const ctx = testContext('2025/26', { placement })

describe('164 placement distance is from 0 to 999.9 miles', () => {
  it.each([
    ['0 miles', 'D0', 'C2', 0],
    ['999.9 miles', 'D999.9', 'C2', 0],
    ['1000 miles', 'D1000', 'C2', 1],
    ['below 0', 'D-0.1', 'C2', 1],
    ['postcode not in the reference', 'NOWHERE', 'C2', 1],
    ['postcode not in the reference, short breaks', 'NOWHERE', 'V3', 0],
    ['blank postcode', '', 'C2', 0],
  ])('%s', (_, post, ls, expected) => {
    expect(rule164.check(testChild({ Episodes: [{ PL_POST: post, LS: ls }] }), ctx)).toHaveLength(expected)
  })

  it('names the postcode not found', () => {
    const hits = rule164.check(testChild({ Episodes: [{ PL_POST: 'NOWHERE', LS: 'C2' }] }), ctx)
    expect(hits[0]?.detail).toContain('NOWHERE')
  })

  it('does not check children who are or were UASC', () => {
    const episodes = [{ PL_POST: 'D1000', LS: 'C2' }]
    expect(rule164.check(testChild({ Episodes: episodes, UASC: [{ DUC: '' }] }), ctx)).toHaveLength(0)
    expect(rule164.check(testChild({ Episodes: episodes }, { UASC: [{ DUC: '' }] }), ctx)).toHaveLength(0)
  })
})
