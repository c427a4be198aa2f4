import { describe, expect, it } from 'vitest'
import { testChild, testContext, type TestCells } from '../test-child.js'
import { rule584 } from './rule-584.js'

const reversed = { DATE_PLACED: '10/06/2024', DATE_PLACED_CEASED: '01/01/2025', REASON_PLACED_CEASED: 'RD1' }
const run = (datePlaced: string, last: TestCells<'PlacedAdoption'>[], ctx = testContext()) =>
  rule584.check(testChild({ PlacedAdoption: [{ DATE_PLACED: datePlaced }] }, { PlacedAdoption: last }), ctx)

describe('584 decision this year not after one reversed last year', () => {
  it.each([
    ['the day before last year’s', '09/06/2024', [reversed], 1],
    ['the same day', '10/06/2024', [reversed], 1],
    ['the day after', '11/06/2024', [reversed], 0],
    ['no date this year', '', [reversed], 1],
    ['last year in force', '09/06/2024', [{ DATE_PLACED: '10/06/2024' }], 0],
    [
      'last year reversed, reason only',
      '09/06/2024',
      [{ DATE_PLACED: '10/06/2024', REASON_PLACED_CEASED: 'RD4' }],
      1,
    ],
  ] as [string, string, TestCells<'PlacedAdoption'>[], number][])('%s', (_, datePlaced, last, expected) => {
    expect(run(datePlaced, last)).toHaveLength(expected)
  })
  it('does nothing without last year’s return', () => {
    expect(run('09/06/2024', [reversed], testContext('2025/26', { hasPrevious: false }))).toHaveLength(0)
  })
})
