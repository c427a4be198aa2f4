import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule199 } from './rule-199.js'

const ctx = testContext()

describe('199 no episodes after an adoption', () => {
  it('reports this year’s episode after an adoption last year', () => {
    const child = testChild(
      { Episodes: [{ DECOM: '01/06/2025', RNE: 'S' }] },
      { Episodes: [{ DECOM: '01/01/2024', RNE: 'S', DEC: '01/02/2025', REC: 'E12' }] },
    )
    expect(rule199.check(child, ctx)).toEqual([expect.objectContaining({ table: 'Episodes', row: 0 })])
  })

  it.each([
    ['adopted, nothing after', [{ DECOM: '01/01/2025', DEC: '01/02/2026', REC: 'E11' }], 0],
    [
      'an episode after adoption',
      [
        { DECOM: '01/01/2025', DEC: '01/06/2025', REC: 'E11' },
        { DECOM: '01/09/2025', RNE: 'S' },
      ],
      1,
    ],
    [
      'a second adoption',
      [
        { DECOM: '01/01/2025', DEC: '01/06/2025', REC: 'E11' },
        { DECOM: '01/09/2025', DEC: '01/12/2025', REC: 'E12' },
      ],
      1,
    ],
    [
      'episodes before the adoption',
      [
        { DECOM: '01/05/2025', DEC: '01/06/2025', REC: 'E11' },
        { DECOM: '01/01/2025', DEC: '01/05/2025', REC: 'X1' },
      ],
      0,
    ],
    ['no adoption', [{ DECOM: '01/01/2025', DEC: '01/06/2025', REC: 'E4A' }, { DECOM: '01/09/2025' }], 0],
  ])('%s', (_, episodes, expected) => {
    expect(rule199.check(testChild({ Episodes: episodes }), ctx)).toHaveLength(expected)
  })

  it('does not report last year’s episodes', () => {
    const child = testChild(
      {},
      {
        Episodes: [
          { DECOM: '01/01/2024', DEC: '01/02/2024', REC: 'E11' },
          { DECOM: '01/03/2024', DEC: '01/02/2025', REC: 'E8' },
        ],
      },
    )
    expect(rule199.check(child, ctx)).toHaveLength(0)
  })
})
