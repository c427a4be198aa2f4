import { describe, expect, it } from 'vitest'
import type { TestCells } from '../test-child.js'
import { testChild, testContext } from '../test-child.js'
import { rule630 } from './rule-630.js'

const ctx = testContext()

function run(
  prevPerm: TestCells<'PrevPerm'>[],
  episode: TestCells<'Episodes'> = { DECOM: '01/04/2025', RNE: 'S' },
) {
  return rule630.check(testChild({ Episodes: [episode], PrevPerm: prevPerm }), ctx)
}

describe('630 previous permanence returned for a child starting care', () => {
  it.each([
    ['Z1 alone', [{ PREV_PERM: 'Z1' }], 0],
    ['P1 with its date', [{ PREV_PERM: 'P1', DATE_PERM: '05/05/2020' }], 0],
    ['P1 with a partly known date', [{ PREV_PERM: 'P1', DATE_PERM: 'ZZ/ZZ/2020' }], 0],
    [
      'P1 with no LA_PERM (no longer collected)',
      [{ PREV_PERM: 'P1', DATE_PERM: '05/05/2020', LA_PERM: '' }],
      0,
    ],
    ['P1 with no date', [{ PREV_PERM: 'P1' }], 1],
    ['PREV_PERM blank', [{ PREV_PERM: '' }], 1],
    ['no PrevPerm row', [], 1],
  ])('%s', (_, prevPerm, expected) => {
    expect(run(prevPerm)).toHaveLength(expected)
  })

  it.each([
    ['the day before the year', '31/03/2025', 0],
    ['on 1 April', '01/04/2025', 1],
    ['the day after', '02/04/2025', 1],
  ])('care started %s, no PrevPerm row', (_, decom, expected) => {
    expect(run([], { DECOM: decom, RNE: 'S' })).toHaveLength(expected)
  })

  it('passes an episode that is not a start of care', () => {
    expect(run([], { DECOM: '01/05/2025', RNE: 'P' })).toHaveLength(0)
  })
})
