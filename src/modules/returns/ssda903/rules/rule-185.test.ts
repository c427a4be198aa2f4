import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule185 } from './rule-185.js'

const ctx = testContext()

describe('185 an SDQ score only for a child looked after continuously for 12 months', () => {
  it.each([
    ['looked after since before the year', [{ DECOM: '01/01/2024', RNE: 'S', LS: 'C2' }], 0],
    ['came into care on 1 April', [{ DECOM: '01/04/2025', RNE: 'S', LS: 'C2' }], 0],
    ['came into care on 2 April', [{ DECOM: '02/04/2025', RNE: 'S', LS: 'C2' }], 1],
    ['left care on 30 March', [{ DECOM: '01/01/2024', LS: 'C2', DEC: '30/03/2026', REC: 'E8' }], 1],
    ['no episodes this year', [], 1],
  ])('%s', (_, episodes, expected) => {
    const child = testChild({ Episodes: episodes, OC2: [{ SDQ_SCORE: '12' }] })
    expect(rule185.check(child, ctx)).toHaveLength(expected)
  })

  it('leaves a blank row alone', () => {
    expect(rule185.check(testChild({ OC2: [{}] }), ctx)).toHaveLength(0)
  })

  it('does not run without an Episodes table', () => {
    const noEpisodes = testContext('2025/26', {
      supplied: { current: new Set(['OC2']), previous: new Set() },
    })
    expect(rule185.check(testChild({ OC2: [{ SDQ_SCORE: '12' }] }), noEpisodes)).toHaveLength(0)
  })
})
