import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule355 } from './rule-355.js'

describe('355 episode under 24 hours', () => {
  it.each([
    ['ends the day it starts', '01/06/2025', '01/06/2025', 1],
    ['same day written differently', '1/6/2025', '01/06/2025', 1],
    ['ends the next day', '01/06/2025', '02/06/2025', 0],
    ['open, blank start', '', '', 0],
    ['both invalid', '31/06/2025', '31/06/2025', 0],
  ])('%s', (_, decom, dec, expected) => {
    expect(rule355.check(testChild({ Episodes: [{ DECOM: decom, DEC: dec }] }), testContext())).toHaveLength(
      expected,
    )
  })
})
