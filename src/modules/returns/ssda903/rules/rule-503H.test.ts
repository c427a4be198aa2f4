import { describe, expect, it } from 'vitest'
import type { EpisodeRow } from '../model.js'
import type { PlacementFacts } from '../rule.js'
import { UNKNOWN_PLACEMENT, testChild, testContext } from '../test-child.js'
import { rule503H } from './rule-503H.js'

// PL_POST names the facts the stub derives.
const FACTS: Record<string, Partial<PlacementFacts>> = {
  BASE: { la: 'E06000034' },
  NEAR: { la: 'E06000034' },
  DIFF: { la: 'E10000012' },
  NONE: { la: null },
  LOST: { unknownPostcodes: ['ZZ9 9ZZ'] },
}
const placement = (e: EpisodeRow): PlacementFacts => ({ ...UNKNOWN_PLACEMENT, ...FACTS[e.text.PL_POST] })
const ctx = testContext('2025/26', { placement })
const child = (rne: string, now: string, before = 'BASE', lastDec = '') =>
  testChild(
    { Episodes: [{ DECOM: '10/02/2025', RNE: rne, PL_POST: now }] },
    { Episodes: [{ DECOM: '10/02/2025', DEC: lastDec, RNE: 'P', PL_POST: before }] },
  )

describe('503H la carried on from last year', () => {
  it.each([
    ['the same', 'BASE', 0],
    ['close enough', 'NEAR', 0],
    ['different', 'DIFF', 1],
    ['unknown this year', 'NONE', 1],
  ])('%s', (_, now, expected) => {
    expect(rule503H.check(child('P', now), ctx)).toHaveLength(expected)
  })

  it('compares whatever the reason for new episode', () => {
    expect(rule503H.check(child('B', 'DIFF'), ctx)).toHaveLength(1)
  })

  it('reports a postcode it could not look up rather than guess', () => {
    const [h] = rule503H.check(child('P', 'LOST'), ctx)
    expect(h?.detail).toContain('ZZ9 9ZZ')
  })

  it("does nothing when last year's episode had ended, or without last year's return", () => {
    expect(rule503H.check(child('P', 'DIFF', 'BASE', '31/03/2025'), ctx)).toHaveLength(0)
    expect(
      rule503H.check(child('P', 'DIFF'), testContext('2025/26', { placement, hasPrevious: false })),
    ).toHaveLength(0)
  })
})
