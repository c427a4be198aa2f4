import { describe, expect, it } from 'vitest'
import { testChild, testContext, type TestCells } from '../test-child.js'
import { rule551 } from './rule-551.js'

const run = (place: string, placed: TestCells<'PlacedAdoption'>[], ctx = testContext()) =>
  rule551.check(testChild({ Episodes: [{ DECOM: '01/06/2025', PLACE: place }], PlacedAdoption: placed }), ctx)

describe('551 placed for adoption with no decision date', () => {
  it.each([
    ['A3, no decision row', 'A3', [], 1],
    ['A6, a row with no decision date', 'A6', [{ DATE_PLACED: '' }], 1],
    ['A4 with a decision date', 'A4', [{ DATE_PLACED: '01/03/2025' }], 0],
    ['A5, one of two rows has a date', 'A5', [{ DATE_PLACED: '' }, { DATE_PLACED: '01/03/2025' }], 0],
    ['U4, no decision', 'U4', [], 0],
  ] as [string, string, TestCells<'PlacedAdoption'>[], number][])('%s', (_, place, placed, expected) => {
    expect(run(place, placed)).toHaveLength(expected)
  })
  it('does nothing when the PlacedAdoption file was not supplied', () => {
    const ctx = testContext('2025/26', { supplied: { current: new Set(['Episodes']), previous: new Set() } })
    expect(run('A3', [], ctx)).toHaveLength(0)
  })
})
