import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule521 } from './rule-521.js'

const run = (place: string, decom: string, dateInt: string) =>
  rule521.check(
    testChild({ Episodes: [{ DECOM: decom, PLACE: place }], AD1: [{ DATE_INT: dateInt }] }),
    testContext(),
  )

describe('521 best-interests decision after placement for adoption', () => {
  it.each([
    ['decided the day before placement', 'A3', '10/06/2025', '09/06/2025', 0],
    ['decided the day of placement', 'A4', '10/06/2025', '10/06/2025', 0],
    ['decided the day after placement', 'A5', '10/06/2025', '11/06/2025', 2],
    ['not an adoption placement', 'U4', '10/06/2025', '11/06/2025', 0],
    ['no decision date', 'A6', '10/06/2025', '', 0],
    ['unreadable placement date', 'A6', '10/6/2025x', '11/06/2025', 0],
  ])('%s', (_, place, decom, dateInt, expected) => {
    expect(run(place, decom, dateInt)).toHaveLength(expected)
  })
  it('reports the episode and the AD1 row', () => {
    expect(run('A5', '10/06/2025', '11/06/2025').map((h) => h.table)).toEqual(['Episodes', 'AD1'])
  })
})
