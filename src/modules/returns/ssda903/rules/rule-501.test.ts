import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule501 } from './rule-501.js'

const ctx = testContext()
const child = (decom: string, previousDec = '10/05/2025') =>
  testChild({
    Episodes: [
      { DECOM: decom, RNE: 'P' },
      { DECOM: '01/05/2025', DEC: previousDec, REC: 'X1' },
    ],
  })

describe('501 episode starts before the previous one ended', () => {
  it.each([
    ['the day before it ended', '09/05/2025', 1],
    ['the day it ended', '10/05/2025', 0],
    ['the day after', '11/05/2025', 0],
    ['unreadable start', '09/05/25', 0],
  ])('%s', (_, decom, expected) => {
    expect(rule501.check(child(decom), ctx)).toHaveLength(expected)
  })
  it('reports the later episode', () => {
    expect(rule501.check(child('09/05/2025'), ctx).map((h) => h.row)).toEqual([0])
  })
  it('leaves an open previous episode alone', () => {
    expect(rule501.check(child('09/05/2025', ''), ctx)).toHaveLength(0)
  })
})
