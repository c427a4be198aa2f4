import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule554 } from './rule-554.js'

const run = (datePlaced: string, ls = 'E1') =>
  rule554.check(
    testChild({
      Episodes: [
        { DECOM: '01/09/2025', LS: 'E1' },
        { DECOM: '10/06/2025', LS: ls },
      ],
      PlacedAdoption: [{ DATE_PLACED: datePlaced }],
    }),
    testContext(),
  )

describe('554 decision to place after the placement order', () => {
  it.each([
    ['decided the day before the order', '09/06/2025', 0],
    ['decided the day of the order', '10/06/2025', 0],
    ['decided the day after', '11/06/2025', 2],
    ['no decision date', '', 0],
  ])('%s', (_, datePlaced, expected) => {
    expect(run(datePlaced)).toHaveLength(expected)
  })
  it('takes the earliest E1 episode', () => {
    expect(run('11/06/2025', 'C2')).toHaveLength(0)
    expect(run('02/09/2025', 'C2')).toHaveLength(2)
  })
})
