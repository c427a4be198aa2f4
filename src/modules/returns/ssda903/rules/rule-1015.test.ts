import { describe, expect, it } from 'vitest'
import type { EpisodeRow } from '../model.js'
import type { PlacementFacts } from '../rule.js'
import { UNKNOWN_PLACEMENT, testChild, testContext } from '../test-child.js'
import { rule1015 } from './rule-1015.js'

// testContext's LA is E06000034. 'HOME' lies in it, 'AWAY' in another LA, 'NOWHERE' is not found.
function placement(e: EpisodeRow): PlacementFacts {
  if (e.PL_POST === 'HOME') return { ...UNKNOWN_PLACEMENT, la: 'E06000034' }
  if (e.PL_POST === 'AWAY') return { ...UNKNOWN_PLACEMENT, la: 'E09000001' }
  if (e.PL_POST === 'NOWHERE') return { ...UNKNOWN_PLACEMENT, unknownPostcodes: ['NOWHERE'] }
  return UNKNOWN_PLACEMENT
}
const ctx = testContext('2025/26', { placement })
const own = { PLACE_PROVIDER: 'PR1', LS: 'C2', PLACE: 'K2' }

describe('1015 own provision lies in the own LA', () => {
  it.each([
    ['own provision at home', { ...own, PL_POST: 'HOME' }, 0],
    ['own provision away', { ...own, PL_POST: 'AWAY' }, 1],
    ['own provision, postcode not found', { ...own, PL_POST: 'NOWHERE' }, 1],
    ['own provision, no postcode (rule 169)', { ...own, PL_POST: '' }, 0],
    ['private provision away', { ...own, PLACE_PROVIDER: 'PR4', PL_POST: 'AWAY' }, 0],
    ['own foster placement away', { ...own, PLACE: 'U4', PL_POST: 'AWAY' }, 0],
    ['own adoption placement away', { ...own, PLACE: 'A6', PL_POST: 'AWAY' }, 0],
    ['short breaks away', { ...own, LS: 'V4', PL_POST: 'AWAY' }, 0],
    ['blank legal status away', { ...own, LS: '', PL_POST: 'AWAY' }, 0],
    ['blank placement away', { ...own, PLACE: '', PL_POST: 'AWAY' }, 0],
  ])('%s', (_, cells, expected) => {
    expect(rule1015.check(testChild({ Episodes: [cells] }), ctx)).toHaveLength(expected)
  })

  it('does nothing when the reporting LA is not known', () => {
    const noLa = testContext('2025/26', { placement, laCode: null })
    expect(rule1015.check(testChild({ Episodes: [{ ...own, PL_POST: 'AWAY' }] }), noLa)).toHaveLength(0)
  })
})
