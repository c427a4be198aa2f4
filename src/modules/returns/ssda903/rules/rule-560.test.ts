import { describe, expect, it } from 'vitest'
import { testChild, testContext, type TestCells } from '../test-child.js'
import { rule560 } from './rule-560.js'

const run = (now: TestCells<'PlacedAdoption'>[], last: TestCells<'PlacedAdoption'>[], ctx = testContext()) =>
  rule560.check(testChild({ PlacedAdoption: now }, { PlacedAdoption: last }), ctx)
const inForce = [{ DATE_PLACED: '10/06/2024' }]

describe('560 decision in force last year recorded with another date', () => {
  it.each([
    ['the same date', [{ DATE_PLACED: '10/06/2024' }], inForce, 0],
    ['a day later', [{ DATE_PLACED: '11/06/2024' }], inForce, 1],
    ['a day earlier', [{ DATE_PLACED: '09/06/2024' }], inForce, 1],
    ['blank this year', [{ DATE_PLACED: '' }], inForce, 1],
    [
      'carried on, and a new decision',
      [{ DATE_PLACED: '10/06/2024' }, { DATE_PLACED: '01/12/2025' }],
      inForce,
      0,
    ],
    [
      'last year reversed',
      [{ DATE_PLACED: '11/06/2024' }],
      [{ DATE_PLACED: '10/06/2024', DATE_PLACED_CEASED: '01/01/2025' }],
      0,
    ],
    ['no rows this year', [], inForce, 0],
  ] as [string, TestCells<'PlacedAdoption'>[], TestCells<'PlacedAdoption'>[], number][])(
    '%s',
    (_, now, last, expected) => {
      expect(run(now, last)).toHaveLength(expected)
    },
  )
  it('does nothing without last year’s return', () => {
    expect(
      run([{ DATE_PLACED: '11/06/2024' }], inForce, testContext('2025/26', { hasPrevious: false })),
    ).toHaveLength(0)
  })
})
