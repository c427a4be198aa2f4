import { describe, expect, it } from 'vitest'
import type { EpisodeRow } from '../model.js'
import type { PlacementFacts } from '../rule.js'
import { UNKNOWN_PLACEMENT, testChild, testContext } from '../test-child.js'
import { rule406 } from './rule-406.js'

const placement = (e: EpisodeRow): PlacementFacts =>
  e.PL_POST === 'LOST'
    ? { ...UNKNOWN_PLACEMENT, unknownPostcodes: ['ZZ9 9ZZ'] }
    : { ...UNKNOWN_PLACEMENT, distance: e.PL_POST === null ? null : 12.5 }
const ctx = testContext('2025/26', { placement })
const uasc = [{ SEX: 'M', DUC: '01/01/2030' }]

describe('406 distance for a child who is or was UASC', () => {
  it.each([
    ['UASC this year, distance', uasc, [], 'PC', 1],
    ['UASC last year only, distance', [], uasc, 'PC', 1],
    ['UASC, no distance', uasc, [], '', 0],
    ['never UASC, distance', [], [], 'PC', 0],
    ['UASC, postcode not in the reference', uasc, [], 'LOST', 1],
    ['never UASC, postcode not in the reference', [], [], 'LOST', 0],
  ])('%s', (_, now, before, post, expected) => {
    const child = testChild({ UASC: now, Episodes: [{ PL_POST: post }] }, { UASC: before })
    expect(rule406.check(child, ctx)).toHaveLength(expected)
  })

  it('names the postcode it could not look up', () => {
    const [h] = rule406.check(testChild({ UASC: uasc, Episodes: [{ PL_POST: 'LOST' }] }), ctx)
    expect(h).toMatchObject({ fields: ['PL_DISTANCE'], detail: expect.stringContaining('ZZ9 9ZZ') })
  })
})
