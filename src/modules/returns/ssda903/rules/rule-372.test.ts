import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule372 } from './rule-372.js'

const ctx = testContext()
const DOB = '15/06/2015' // 10 on 15/06/2025

describe('372 R5 placement at 10 or over', () => {
  it.each([
    ['starts the day before the birthday', '14/06/2025', 'R5', 1],
    ['starts on the birthday', '15/06/2025', 'R5', 0],
    ['starts the day after', '16/06/2025', 'R5', 0],
    ['under age in another placement', '14/06/2025', 'U4', 0],
    ['open, under age', '01/01/2025', 'R5', 1],
    ['invalid start', '31/06/2025', 'R5', 0],
  ])('%s', (_, decom, place, expected) => {
    const child = testChild({ Header: [{ DOB }], Episodes: [{ DECOM: decom, PLACE: place }] })
    expect(rule372.check(child, ctx)).toHaveLength(expected)
  })

  it('does nothing without a valid DOB', () => {
    const child = testChild({ Header: [{ DOB: '' }], Episodes: [{ DECOM: '14/06/2025', PLACE: 'R5' }] })
    expect(rule372.check(child, ctx)).toHaveLength(0)
  })
})
