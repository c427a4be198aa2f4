import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule187 } from './rule-187.js'

const ctx = testContext()
const continuous = [{ DECOM: '01/01/2024', RNE: 'S', LS: 'C2' }]
const leftThisYear = [{ DECOM: '01/01/2024', RNE: 'S', LS: 'C2', DEC: '01/02/2026', REC: 'E11' }]

describe('187 no adoption or care leaver data for the OC2 cohort', () => {
  it('reports both AD1 and OC3 rows of a child looked after 12 months', () => {
    const child = testChild({ Episodes: continuous, AD1: [{ NB_ADOPTR: '1' }], OC3: [{ IN_TOUCH: 'YES' }] })
    expect(rule187.check(child, ctx).map((h) => h.table)).toEqual(['AD1', 'OC3'])
  })

  it.each([
    ['adopted this year', leftThisYear, [{ NB_ADOPTR: '1' }], 0],
    ['adopted on 31 March', [{ ...leftThisYear[0], DEC: '31/03/2026' }], [{ NB_ADOPTR: '1' }], 0],
    [
      'still looked after on 31 March (X1)',
      [{ ...leftThisYear[0], DEC: '31/03/2026', REC: 'X1' }],
      [{ NB_ADOPTR: '1' }],
      1,
    ],
    ['looked after 12 months, blank AD1 row', continuous, [{}], 0],
    ['looked after 12 months, AD1 data', continuous, [{ DATE_MATCH: '01/01/2026' }], 1],
  ])('%s', (_, episodes, ad1, expected) => {
    expect(rule187.check(testChild({ Episodes: episodes, AD1: ad1 }), ctx)).toHaveLength(expected)
  })
})
