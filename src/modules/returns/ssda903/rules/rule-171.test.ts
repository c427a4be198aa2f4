import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule171 } from './rule-171.js'

const ctx = testContext()

describe('171 MC_DOB is a real date when given', () => {
  it.each([
    ['a real date', '28/02/2025', 0],
    ['a leap day', '29/02/2024', 0],
    ['one-digit day and month', '1/4/2025', 0],
    ['not a leap year', '29/02/2025', 1],
    ['month 13', '01/13/2025', 1],
    ['ISO form', '2025-04-01', 1],
    ['not a date', 'unknown', 1],
    ['blank', '', 0],
  ])('%s', (_, value, expected) => {
    const child = testChild({ Header: [{ MC_DOB: value }] })
    expect(rule171.check(child, ctx)).toHaveLength(expected)
  })

  it('reports the row and field at fault', () => {
    const child = testChild({ Header: [{ MC_DOB: '01/05/2025' }, { MC_DOB: '?!' }] })
    expect(rule171.check(child, ctx)).toEqual([
      expect.objectContaining({ table: 'Header', row: 1, fields: ['MC_DOB'] }),
    ])
  })
})
