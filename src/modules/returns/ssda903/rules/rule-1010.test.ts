import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule1010 } from './rule-1010.js'

const ctx = testContext()
const leaver = [{ IN_TOUCH: 'YES', ACTIV: 'F1', ACCOM: 'B1' }]

describe('1010 no OC3 row for a child whose care carried on from last year', () => {
  it.each([
    ['last year’s final episode open, none this year', [], [{ DECOM: '01/06/2024' }], 1],
    ['last year’s final episode ended', [], [{ DECOM: '01/06/2024', DEC: '01/01/2025', REC: 'E4A' }], 0],
    ['an episode this year', [{ DECOM: '01/06/2024' }], [{ DECOM: '01/06/2024' }], 0],
    [
      'an open episode that is not the final one',
      [],
      [{ DECOM: '01/06/2024' }, { DECOM: '01/09/2024', DEC: '01/01/2025', REC: 'E8' }],
      0,
    ],
    ['no episodes last year', [], [], 0],
  ])('%s', (_, current, previous, expected) => {
    expect(
      rule1010.check(testChild({ Episodes: current, OC3: leaver }, { Episodes: previous }), ctx),
    ).toHaveLength(expected)
  })

  it('does not run without last year’s return', () => {
    const child = testChild({ OC3: leaver }, { Episodes: [{ DECOM: '01/06/2024' }] })
    expect(rule1010.check(child, testContext('2025/26', { hasPrevious: false }))).toHaveLength(0)
  })
})
