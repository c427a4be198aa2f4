import { describe, expect, it } from 'vitest'
import { testChild, testContext, type TestCells } from '../test-child.js'
import { rule558 } from './rule-558.js'

const first = { DATE_PLACED: '01/01/2024', DATE_PLACED_CEASED: '01/06/2024', REASON_PLACED_CEASED: 'RD3' }
const run = (rec: string, placed: TestCells<'PlacedAdoption'>[]) =>
  rule558.check(
    testChild({ Episodes: [{ DECOM: '01/09/2025', DEC: '01/02/2026', REC: rec }], PlacedAdoption: placed }),
    testContext(),
  )

describe('558 adopted but the latest decision was reversed', () => {
  it.each([
    ['adopted, latest decision in force', 'E11', [first, { DATE_PLACED: '01/07/2025' }], 0],
    [
      'adopted, latest decision reversed',
      'E12',
      [first, { DATE_PLACED: '01/07/2025', DATE_PLACED_CEASED: '01/01/2026' }],
      1,
    ],
    [
      'adopted, only the earlier one in force',
      'E11',
      [{ DATE_PLACED: '01/01/2024' }, { DATE_PLACED: '01/07/2025', DATE_PLACED_CEASED: '01/01/2026' }],
      1,
    ],
    [
      'not adopted, latest reversed',
      'E13',
      [first, { DATE_PLACED: '01/07/2025', DATE_PLACED_CEASED: '01/01/2026' }],
      0,
    ],
    ['adopted, one decision, reversed (rule 525)', 'E11', [first], 0],
  ] as [string, string, TestCells<'PlacedAdoption'>[], number][])('%s', (_, rec, placed, expected) => {
    expect(run(rec, placed)).toHaveLength(expected)
  })
})
