import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule356 } from './rule-356.js'

describe('356 ends before it starts', () => {
  it.each([
    ['a day before', '01/06/2025', '31/05/2025', 1],
    ['same day', '01/06/2025', '01/06/2025', 0],
    ['a day after', '01/06/2025', '02/06/2025', 0],
    ['open', '01/06/2025', '', 0],
    ['invalid start', 'x', '31/05/2025', 0],
  ])('%s', (_, decom, dec, expected) => {
    expect(rule356.check(testChild({ Episodes: [{ DECOM: decom, DEC: dec }] }), testContext())).toHaveLength(
      expected,
    )
  })
})
