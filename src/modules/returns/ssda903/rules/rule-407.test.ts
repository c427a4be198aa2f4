import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule407 } from './rule-407.js'

const ctx = testContext()
const child = (rec: string, dec: string, dob = '10/06/2007') =>
  testChild({ Header: [{ DOB: dob }], Episodes: [{ DECOM: '01/01/2024', DEC: dec, REC: rec }] })

describe('407 special guardianship order at 18 or over', () => {
  it.each([
    ['the day before the 18th birthday', 'E45', '09/06/2025', 0],
    ['on the 18th birthday', 'E48', '10/06/2025', 2],
    ['the day after', 'E46', '11/06/2025', 2],
    ['another reason after 18', 'E17', '11/06/2025', 0],
    ['no end date', 'E47', '', 0],
    ['unreadable end date', 'E47', '11/6/25', 0],
  ])('%s', (_, rec, dec, expected) => {
    expect(rule407.check(child(rec, dec), ctx)).toHaveLength(expected)
  })

  it('reports the episode and the Header', () => {
    expect(rule407.check(child('E45', '10/06/2025'), ctx).map((h) => h.table)).toEqual(['Episodes', 'Header'])
  })

  it('born on 29 February, 18 on 1 March', () => {
    expect(rule407.check(child('E45', '28/02/2026', '29/02/2008'), ctx)).toHaveLength(0)
    expect(rule407.check(child('E45', '01/03/2026', '29/02/2008'), ctx)).toHaveLength(2)
  })

  it('does nothing without a date of birth', () => {
    expect(rule407.check(child('E45', '10/06/2025', ''), ctx)).toHaveLength(0)
  })
})
