import { describe, expect, it } from 'vitest'
import { testChild, testContext, type TestCells } from '../test-child.js'
import { rule561 } from './rule-561.js'

const run = (datePlaced: string, last: TestCells<'PlacedAdoption'>, ctx = testContext()) =>
  rule561.check(testChild({ PlacedAdoption: [{ DATE_PLACED: datePlaced }] }, { PlacedAdoption: [last] }), ctx)

describe('561 decision carried on although reversed last year', () => {
  it.each([
    [
      'same date, reversed with a date',
      '10/06/2024',
      { DATE_PLACED: '10/06/2024', DATE_PLACED_CEASED: '01/01/2025' },
      1,
    ],
    [
      'same date, reversed with a reason',
      '10/06/2024',
      { DATE_PLACED: '10/06/2024', REASON_PLACED_CEASED: 'RD2' },
      1,
    ],
    ['same date, in force', '10/06/2024', { DATE_PLACED: '10/06/2024' }, 0],
    [
      'a new date, after a reversal',
      '01/05/2025',
      { DATE_PLACED: '10/06/2024', DATE_PLACED_CEASED: '01/01/2025' },
      0,
    ],
    ['both blank', '', { DATE_PLACED: '', DATE_PLACED_CEASED: '01/01/2025' }, 0],
  ] as [string, string, TestCells<'PlacedAdoption'>, number][])('%s', (_, datePlaced, last, expected) => {
    expect(run(datePlaced, last)).toHaveLength(expected)
  })
  it('does nothing without last year’s return', () => {
    const last = { DATE_PLACED: '10/06/2024', DATE_PLACED_CEASED: '01/01/2025' }
    expect(run('10/06/2024', last, testContext('2025/26', { hasPrevious: false }))).toHaveLength(0)
  })
})
