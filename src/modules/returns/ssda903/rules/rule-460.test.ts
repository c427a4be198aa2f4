import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule460 } from './rule-460.js'

const ctx = testContext()
const child = (rec: string, dec: string, dob = '10/06/2007') =>
  testChild({ Header: [{ DOB: dob }], Episodes: [{ DECOM: '01/01/2024', DEC: dec, REC: rec }] })

describe('460 stayed put at 18 but under 18', () => {
  it.each([
    ['the day before the 18th birthday', 'E17', '09/06/2025', 1],
    ['on the 18th birthday', 'E17', '10/06/2025', 0],
    ['the day after', 'e17', '11/06/2025', 0],
    ['another reason under 18', 'E13', '09/06/2025', 0],
    ['no end date', 'E17', '', 0],
  ])('%s', (_, rec, dec, expected) => {
    expect(rule460.check(child(rec, dec), ctx)).toHaveLength(expected)
  })
  it('does nothing without a readable date of birth', () => {
    expect(rule460.check(child('E17', '09/06/2025', '10-06-2007'), ctx)).toHaveLength(0)
  })
})
