import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule582 } from './rule-582.js'

describe('582 adopted on the day of matching', () => {
  it.each([
    ['adopted the day after matching', 'E11', '11/01/2026', 0],
    ['adopted on the day of matching', 'E12', '10/01/2026', 1],
    ['left on that day for another reason', 'E13', '10/01/2026', 0],
    ['no end date', 'E11', '', 0],
  ])('%s', (_, rec, dec, expected) => {
    const child = testChild({
      Episodes: [{ DECOM: '01/09/2025', PLACE: 'A4', DEC: dec, REC: rec }],
      AD1: [{ DATE_INT: '01/06/2025', DATE_MATCH: '10/01/2026' }],
    })
    expect(rule582.check(child, testContext())).toHaveLength(expected)
  })
  it('does nothing without a matching date', () => {
    const child = testChild({ Episodes: [{ DEC: '10/01/2026', REC: 'E11' }], AD1: [{ DATE_MATCH: '' }] })
    expect(rule582.check(child, testContext())).toHaveLength(0)
  })
})
