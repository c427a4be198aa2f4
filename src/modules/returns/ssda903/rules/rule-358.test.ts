import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule358 } from './rule-358.js'

const ctx = testContext()

describe('358 youth justice legal status under 10', () => {
  it.each([
    ['the day before the 10th birthday', '31/08/2025', 'J1', 2],
    ['on the 10th birthday', '01/09/2025', 'J2', 0],
    ['the day after', '02/09/2025', 'J3', 0],
    ['under 10, care order', '31/08/2025', 'C2', 0],
  ])('%s', (_, decom, ls, expected) => {
    const child = testChild({ Header: [{ DOB: '01/09/2015' }], Episodes: [{ DECOM: decom, LS: ls }] })
    expect(rule358.check(child, ctx)).toHaveLength(expected)
  })
})
