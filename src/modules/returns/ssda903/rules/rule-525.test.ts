import { describe, expect, it } from 'vitest'
import { testChild, testContext, type TestCells } from '../test-child.js'
import { rule525 } from './rule-525.js'

const reversed = { DATE_PLACED: '01/01/2025', DATE_PLACED_CEASED: '01/06/2025', REASON_PLACED_CEASED: 'RD3' }
const run = (placed: TestCells<'PlacedAdoption'>[], ad1: TestCells<'AD1'>[]) =>
  rule525.check(testChild({ PlacedAdoption: placed, AD1: ad1 }), testContext())

describe('525 adopted after the decision was reversed', () => {
  it.each([
    ['reversed, with a matching date', [reversed], [{ DATE_MATCH: '01/08/2025' }], 2],
    ['reversed, only the number of adopters', [reversed], [{ NB_ADOPTR: '1' }], 2],
    ['reversed, an empty AD1 row', [reversed], [{}], 0],
    ['reversed, no AD1', [reversed], [], 0],
    ['not reversed', [{ DATE_PLACED: '01/01/2025' }], [{ DATE_MATCH: '01/08/2025' }], 0],
    [
      'reversed then a new decision in force',
      [reversed, { DATE_PLACED: '01/07/2025' }],
      [{ DATE_MATCH: '01/08/2025' }],
      0,
    ],
    [
      'a date ceased that is unreadable still counts',
      [{ DATE_PLACED_CEASED: 'June' }],
      [{ DATE_INT: '01/01/2025' }],
      2,
    ],
  ] as [string, TestCells<'PlacedAdoption'>[], TestCells<'AD1'>[], number][])(
    '%s',
    (_, placed, ad1, expected) => {
      expect(run(placed, ad1)).toHaveLength(expected)
    },
  )
})
