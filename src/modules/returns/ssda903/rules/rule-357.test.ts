import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule357 } from './rule-357.js'

const ctx = testContext()

describe('357 first episode starts with S', () => {
  it.each([
    ['starts on 1 April with P', '01/04/2025', 'P', 1],
    ['starts on 1 April with S', '01/04/2025', 'S', 0],
    ['starts on 31 March with P (carried over)', '31/03/2025', 'P', 0],
    ['blank RNE', '01/06/2025', '', 1],
  ])('%s', (_, decom, rne, expected) => {
    expect(rule357.check(testChild({ Episodes: [{ DECOM: decom, RNE: rne }] }), ctx)).toHaveLength(expected)
  })

  it('looks only at the earliest episode', () => {
    const child = testChild({
      Episodes: [
        { DECOM: '01/09/2025', RNE: 'P' },
        { DECOM: '01/06/2025', RNE: 'S' },
      ],
    })
    expect(rule357.check(child, ctx)).toHaveLength(0)
  })
})
