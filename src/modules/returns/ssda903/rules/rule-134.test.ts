import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule134 } from './rule-134.js'

const ctx = testContext()

describe('134 no adoption data for the OC3 cohort', () => {
  it.each([
    ['care leaver with adoption data', [{ IN_TOUCH: 'YES' }], [{ NB_ADOPTR: '1' }], 1],
    ['care leaver, empty AD1 row', [{ ACCOM: 'B1' }], [{}], 0],
    ['empty OC3 row, adoption data', [{}], [{ DATE_INT: '01/05/2025' }], 0],
    ['no OC3 row, adoption data', [], [{ DATE_INT: '01/05/2025' }], 0],
  ])('%s', (_, oc3, ad1, expected) => {
    expect(rule134.check(testChild({ OC3: oc3, AD1: ad1 }), ctx)).toHaveLength(expected)
  })

  it('reports the AD1 row', () => {
    const hits = rule134.check(testChild({ OC3: [{ ACTIV: 'F1' }], AD1: [{ LS_ADOPTR: 'L0' }] }), ctx)
    expect(hits).toEqual([expect.objectContaining({ table: 'AD1', row: 0 })])
  })
})
