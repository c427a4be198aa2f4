import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule205B } from './rule-205B.js'

const ctx = testContext()
const DOB = '10/10/2007' // 18 on 10/10/2025

describe('205B UASC both years, dates ceased agree', () => {
  it.each([
    ['last year the 18th birthday, this year in the year', '10/10/2025', '10/10/2025', 0],
    ['this year on the first day of the year', '01/04/2025', '10/10/2025', 0],
    ['this year on the last day of the year', '31/03/2026', '10/10/2025', 0],
    ['this year the day after the year, equal to last year', '01/04/2026', '01/04/2026', 1],
    ['this year before the year, not last year’s', '31/03/2025', '10/10/2025', 1],
    ['last year a day before the 18th birthday', '10/10/2025', '09/10/2025', 1],
    ['last year blank', '10/10/2025', '', 1],
    ['this year blank', '', '10/10/2025', 1],
  ])('%s', (_, now, last, expected) => {
    const child = testChild(
      { Header: [{}], UASC: [{ DOB, DUC: now }] },
      { Header: [{}], UASC: [{ DOB, DUC: last }] },
    )
    expect(rule205B.check(child, ctx).filter((h) => h.table === 'UASC')).toHaveLength(expected)
  })

  it('accepts this year’s date when it repeats last year’s 18th birthday outside the year', () => {
    const dob = '10/10/2006' // 18 on 10/10/2024, last year
    const child = testChild(
      { Header: [{}], UASC: [{ DOB: dob, DUC: '10/10/2024' }] },
      { Header: [{}], UASC: [{ DOB: dob, DUC: '10/10/2024' }] },
    )
    expect(rule205B.check(child, ctx)).toHaveLength(0)
  })

  it('reports the Header row too', () => {
    const child = testChild({ Header: [{}], UASC: [{ DOB, DUC: '' }] }, { UASC: [{ DOB, DUC: '' }] })
    expect(rule205B.check(child, ctx).map((h) => h.table)).toEqual(['UASC', 'Header'])
  })

  it('does nothing without last year’s return', () => {
    const child = testChild({ UASC: [{ DOB, DUC: '' }] }, { UASC: [{ DOB, DUC: '' }] })
    expect(rule205B.check(child, testContext('2025/26', { hasPrevious: false }))).toHaveLength(0)
  })
})
