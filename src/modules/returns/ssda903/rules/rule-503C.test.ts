import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule503C } from './rule-503C.js'

const ctx = testContext()
const child = (now: string, before: string, lastDec = '') =>
  testChild(
    {
      Episodes: [
        { DECOM: '01/06/2025', CIN: 'N4' },
        { DECOM: '10/02/2025', CIN: now },
      ],
    },
    {
      Episodes: [
        { DECOM: '01/01/2024', DEC: '10/02/2025', CIN: 'N4' },
        { DECOM: '10/02/2025', DEC: lastDec, CIN: before },
      ],
    },
  )

describe('503C category of need (CIN) carried on from last year', () => {
  it.each([
    ['the same', 'N1', 'N1', 0],
    ['the same, other case', 'n1', 'N1', 0],
    ['different', 'N4', 'N1', 1],
    ['blank this year', '', 'N1', 1],
    ['blank last year', 'N1', '', 1],
    ['blank both years', '', '', 0],
  ])('%s', (_, now, before, expected) => {
    expect(rule503C.check(child(now, before), ctx)).toHaveLength(expected)
  })

  it("reports this year's first episode", () => {
    expect(rule503C.check(child('N4', 'N1'), ctx)[0]).toMatchObject({
      table: 'Episodes',
      row: 1,
      fields: ['CIN'],
    })
  })

  it("does nothing when last year's last episode had ended, or its end is unreadable", () => {
    expect(rule503C.check(child('N4', 'N1', '31/03/2025'), ctx)).toHaveLength(0)
    expect(rule503C.check(child('N4', 'N1', '31/3/25'), ctx)).toHaveLength(0)
  })

  it("does nothing without last year's return", () => {
    expect(rule503C.check(child('N4', 'N1'), testContext('2025/26', { hasPrevious: false }))).toHaveLength(0)
  })
})
