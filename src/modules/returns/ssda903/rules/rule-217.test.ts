import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule217 } from './rule-217.js'

const ctx = testContext()

describe('217 adoption with current foster carers starts with S, T or U', () => {
  it.each([
    ['A3, RNE P', 'A3', '01/06/2025', 'P', 1],
    ['A5, RNE B', 'A5', '01/06/2025', 'B', 1],
    ['A5, RNE blank', 'A5', '01/06/2025', '', 1],
    ['A3, RNE T', 'A3', '01/06/2025', 'T', 0],
    ['A3, RNE u', 'A3', '01/06/2025', 'u', 0],
    ['A4, RNE P', 'A4', '01/06/2025', 'P', 0],
    ['A3 on 1 April 2015', 'A3', '01/04/2015', 'P', 1],
    ['A3 on 31 March 2015', 'A3', '31/03/2015', 'P', 0],
    ['A3 with an invalid start', 'A3', '31/04/2025', 'P', 0],
  ])('%s', (_, place, decom, rne, expected) => {
    const child = testChild({ Episodes: [{ PLACE: place, DECOM: decom, RNE: rne }] })
    expect(rule217.check(child, ctx)).toHaveLength(expected)
  })
})
