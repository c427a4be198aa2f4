import { describe, expect, it } from 'vitest'
import { testChild, testContext, type TestCells } from '../test-child.js'
import { rule553 } from './rule-553.js'

const reversed = { DATE_PLACED: '01/01/2025', DATE_PLACED_CEASED: '01/03/2025', REASON_PLACED_CEASED: 'RD1' }
const run = (episodes: TestCells<'Episodes'>[], placed: TestCells<'PlacedAdoption'>[], ctx = testContext()) =>
  rule553.check(testChild({ Episodes: episodes, PlacedAdoption: placed }), ctx)

describe('553 placement order with no decision to place', () => {
  it.each([
    ['E1, no decision', [{ LS: 'E1', DEC: '01/06/2025' }], [], 1],
    ['E1, a row with no decision date', [{ LS: 'E1', DEC: '01/06/2025' }], [{ DATE_PLACED: '' }], 1],
    ['E1 with a decision', [{ LS: 'E1', DEC: '01/06/2025' }], [{ DATE_PLACED: '01/01/2025' }], 0],
    ['C2, no decision', [{ LS: 'C2' }], [], 0],
    ['open E1, decision reversed', [{ LS: 'E1' }], [reversed], 1],
    [
      'open E1, decision reason only',
      [{ LS: 'E1' }],
      [{ DATE_PLACED: '01/01/2025', REASON_PLACED_CEASED: 'RD4' }],
      1,
    ],
    ['ended E1, decision reversed', [{ LS: 'E1', DEC: '01/06/2025' }], [reversed], 0],
    ['open E1, reversed then a new decision', [{ LS: 'E1' }], [reversed, { DATE_PLACED: '01/04/2025' }], 0],
  ] as [string, TestCells<'Episodes'>[], TestCells<'PlacedAdoption'>[], number][])(
    '%s',
    (_, eps, placed, expected) => {
      expect(run(eps, placed)).toHaveLength(expected)
    },
  )
  it('reports every E1 episode, or the reversed decision', () => {
    expect(run([{ LS: 'E1', DEC: '01/06/2025' }, { LS: 'E1' }], []).map((h) => [h.table, h.row])).toEqual([
      ['Episodes', 0],
      ['Episodes', 1],
    ])
    expect(run([{ LS: 'E1' }], [reversed])[0]).toMatchObject({ table: 'PlacedAdoption', row: 0 })
  })
  it('does nothing when the PlacedAdoption file was not supplied', () => {
    const ctx = testContext('2025/26', { supplied: { current: new Set(['Episodes']), previous: new Set() } })
    expect(run([{ LS: 'E1' }], [], ctx)).toHaveLength(0)
  })
})
