import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule191 } from './rule-191.js'

const ctx = testContext()
const continuous = [
  { DECOM: '01/06/2024', RNE: 'P', LS: 'C2' },
  { DECOM: '01/01/2024', RNE: 'S', LS: 'C2', DEC: '01/06/2024', REC: 'X1' },
]
const core = { IMMUNISATIONS: '1', TEETH_CHECK: '1', HEALTH_ASSESSMENT: '1', SUBSTANCE_MISUSE: '0' }

describe('191 core OC2 items for a child looked after 12 months', () => {
  it.each([
    ['all four given', core, 0],
    ['teeth check blank', { ...core, TEETH_CHECK: '' }, 1],
    ['all blank', {}, 1],
  ])('%s', (_, cells, expected) => {
    expect(rule191.check(testChild({ Episodes: continuous, OC2: [cells] }), ctx)).toHaveLength(expected)
  })

  it('leaves a child who came into care this year alone', () => {
    const child = testChild({ Episodes: [{ DECOM: '02/04/2025', RNE: 'S', LS: 'C2' }], OC2: [{}] })
    expect(rule191.check(child, ctx)).toHaveLength(0)
  })

  it('reports the earliest episode of a child with no OC2 row', () => {
    expect(rule191.check(testChild({ Episodes: continuous }), ctx)).toEqual([
      expect.objectContaining({ table: 'Episodes', row: 1 }),
    ])
  })

  it('does not ask for an OC2 row when no OC2 table was supplied', () => {
    const noOc2 = testContext('2025/26', {
      supplied: { current: new Set(['Episodes']), previous: new Set() },
    })
    expect(rule191.check(testChild({ Episodes: continuous }), noOc2)).toHaveLength(0)
  })
})
