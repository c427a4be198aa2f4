import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule117 } from './rule-117.js'

const ctx = testContext()
const open = [{ DECOM: '01/01/2025', RNE: 'S', LS: 'E1' }]
const ended = [{ DECOM: '01/01/2025', RNE: 'S', LS: 'E1', DEC: '01/12/2025', REC: 'E11' }]

describe('117 adoption decisions not after the year or after care ended', () => {
  it.each([
    ['placed on 31 March, open episode', open, { DATE_PLACED: '31/03/2026' }, 0],
    ['placed on 1 April after the year', open, { DATE_PLACED: '01/04/2026' }, 2],
    ['ceased on 1 April after the year', open, { DATE_PLACED_CEASED: '01/04/2026' }, 2],
    ['placed the day care ended', ended, { DATE_PLACED: '01/12/2025' }, 0],
    ['placed the day after care ended', ended, { DATE_PLACED: '02/12/2025' }, 2],
    ['ceased the day after care ended', ended, { DATE_PLACED_CEASED: '02/12/2025' }, 2],
    ['no episodes', [], { DATE_PLACED: '01/04/2026' }, 0],
    ['dates that are not dates', open, { DATE_PLACED: '99/99/2026' }, 0],
  ])('%s', (_, episodes, placed, expected) => {
    expect(rule117.check(testChild({ Episodes: episodes, PlacedAdoption: [placed] }), ctx)).toHaveLength(
      expected,
    )
  })

  it('compares with the latest episode that did not end in X1', () => {
    const episodes = [
      { DECOM: '01/01/2025', LS: 'C2', DEC: '01/06/2025', REC: 'X1' },
      { DECOM: '01/06/2025', LS: 'E1', DEC: '01/08/2025', REC: 'E11' },
      { DECOM: '01/03/2025', LS: 'C2', DEC: '01/01/2025', REC: 'X1' },
    ]
    const hits = rule117.check(
      testChild({ Episodes: episodes, PlacedAdoption: [{ DATE_PLACED: '02/08/2025' }] }),
      ctx,
    )
    expect(hits.map((h) => [h.table, h.row])).toEqual([
      ['PlacedAdoption', 0],
      ['Episodes', 1],
    ])
  })
})
