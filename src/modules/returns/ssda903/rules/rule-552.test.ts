import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule552 } from './rule-552.js'

const run = (decom: string, datePlaced: string, place = 'A4') =>
  rule552.check(
    testChild({
      Episodes: [
        { DECOM: '01/09/2025', PLACE: 'A4' },
        { DECOM: decom, PLACE: place },
      ],
      PlacedAdoption: [{ DATE_PLACED: datePlaced }],
    }),
    testContext(),
  )

describe('552 decision to place after the child was placed for adoption', () => {
  it.each([
    ['placed the day before the decision', '09/06/2025', '10/06/2025', 2],
    ['placed the day of the decision', '10/06/2025', '10/06/2025', 0],
    ['placed the day after', '11/06/2025', '10/06/2025', 0],
    ['no decision date', '09/06/2025', '', 0],
  ])('%s', (_, decom, datePlaced, expected) => {
    expect(run(decom, datePlaced)).toHaveLength(expected)
  })
  it('an earlier placement that is not for adoption does not count', () => {
    expect(run('09/06/2025', '10/06/2025', 'U4')).toHaveLength(0)
  })
})
