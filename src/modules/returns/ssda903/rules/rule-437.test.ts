import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule437 } from './rule-437.js'

const ctx = testContext()

describe('437 further episodes after death or age 18+', () => {
  it.each([
    ['E2 then another episode', 'E2', '01/07/2025', 1],
    ['E15 then another episode', 'E15', '01/07/2025', 1],
    ['E2, then an episode with no start date', 'E2', '', 0],
    ['E13 then another episode', 'E13', '01/07/2025', 0],
  ])('%s', (_, rec, next, expected) => {
    const child = testChild({
      Episodes: [
        { DECOM: '01/05/2025', DEC: '10/05/2025', REC: rec },
        { DECOM: next, RNE: 'S' },
      ],
    })
    expect(rule437.check(child, ctx)).toHaveLength(expected)
  })
  it('E2 as the last episode is fine', () => {
    const child = testChild({
      Episodes: [
        { DECOM: '01/07/2025', DEC: '10/07/2025', REC: 'E2' },
        { DECOM: '01/05/2025', DEC: '10/05/2025', REC: 'E13' },
      ],
    })
    expect(rule437.check(child, ctx)).toHaveLength(0)
  })
})
