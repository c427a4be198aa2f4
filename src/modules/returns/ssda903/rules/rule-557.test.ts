import { describe, expect, it } from 'vitest'
import { testChild, testContext, type TestCells } from '../test-child.js'
import { rule557 } from './rule-557.js'

const complete = { DATE_PLACED: '01/01/2025', DATE_PLACED_CEASED: '01/06/2025', REASON_PLACED_CEASED: 'RD1' }
const run = (episode: TestCells<'Episodes'>, placed: TestCells<'PlacedAdoption'>[]) =>
  rule557.check(
    testChild({ Episodes: [{ DECOM: '01/02/2025', DEC: '01/07/2025', ...episode }], PlacedAdoption: placed }),
    testContext(),
  )

describe('557 left care from adoption, not adopted, reversal not recorded', () => {
  it.each([
    ['A4, returned home, reversal complete', { PLACE: 'A4', REC: 'E4A' }, [complete], 0],
    ['A4, returned home, no decision row', { PLACE: 'A4', REC: 'E4A' }, [], 1],
    [
      'A4, returned home, no reason',
      { PLACE: 'A4', REC: 'E4A' },
      [{ ...complete, REASON_PLACED_CEASED: '' }],
      2,
    ],
    ['E1, SGO, no date ceased', { LS: 'E1', REC: 'E45' }, [{ ...complete, DATE_PLACED_CEASED: '' }], 2],
    ['A4, adopted', { PLACE: 'A4', REC: 'E11' }, [], 0],
    ['A4, X1 (carries on)', { PLACE: 'A4', REC: 'X1' }, [], 0],
    ['A4, still in care', { PLACE: 'A4', REC: '', DEC: '' }, [], 0],
    ['U4 under C2, returned home', { PLACE: 'U4', LS: 'C2', REC: 'E4A' }, [], 0],
  ] as [string, TestCells<'Episodes'>, TestCells<'PlacedAdoption'>[], number][])(
    '%s',
    (_, episode, placed, expected) => {
      expect(run(episode, placed)).toHaveLength(expected)
    },
  )
})
