import { describe, expect, it } from 'vitest'
import { testChild, testContext, type TestCells } from '../test-child.js'
import { rule559 } from './rule-559.js'

const run = (datePlaced: string, last: TestCells<'PlacedAdoption'>[], ctx = testContext()) =>
  rule559.check(testChild({ PlacedAdoption: [{ DATE_PLACED: datePlaced }] }, { PlacedAdoption: last }), ctx)

describe('559 decision before this year missing from last year', () => {
  it.each([
    ['31 March, none last year', '31/03/2025', [], 1],
    ['1 April, none last year', '01/04/2025', [], 0],
    ['31 March, last year has it', '31/03/2025', [{ DATE_PLACED: '31/03/2025' }], 0],
    ['31 March, last year blank', '31/03/2025', [{ DATE_PLACED: '' }], 1],
    ['no date this year', '', [], 0],
  ] as [string, string, TestCells<'PlacedAdoption'>[], number][])('%s', (_, datePlaced, last, expected) => {
    expect(run(datePlaced, last)).toHaveLength(expected)
  })
  it('does nothing without last year’s return', () => {
    expect(run('31/03/2025', [], testContext('2025/26', { hasPrevious: false }))).toHaveLength(0)
  })
})
