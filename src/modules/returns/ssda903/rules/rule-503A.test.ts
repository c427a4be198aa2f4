import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule503A } from './rule-503A.js'

const ctx = testContext()
const child = (now: string, before: string, lastDec = '') =>
  testChild(
    {
      Episodes: [
        { DECOM: '01/06/2025', RNE: 'P' },
        { DECOM: '10/02/2025', RNE: now },
      ],
    },
    {
      Episodes: [
        { DECOM: '01/01/2024', DEC: '10/02/2025', RNE: 'P' },
        { DECOM: '10/02/2025', DEC: lastDec, RNE: before },
      ],
    },
  )

describe('503A reason for new episode (RNE) carried on from last year', () => {
  it.each([
    ['the same', 'S', 'S', 0],
    ['the same, other case', 's', 'S', 0],
    ['different', 'P', 'S', 1],
    ['blank this year', '', 'S', 1],
    ['blank last year', 'S', '', 1],
    ['blank both years', '', '', 0],
  ])('%s', (_, now, before, expected) => {
    expect(rule503A.check(child(now, before), ctx)).toHaveLength(expected)
  })

  it("reports this year's first episode", () => {
    expect(rule503A.check(child('P', 'S'), ctx)[0]).toMatchObject({
      table: 'Episodes',
      row: 1,
      fields: ['RNE'],
    })
  })

  it("does nothing when last year's last episode had ended, or its end is unreadable", () => {
    expect(rule503A.check(child('P', 'S', '31/03/2025'), ctx)).toHaveLength(0)
    expect(rule503A.check(child('P', 'S', '31/3/25'), ctx)).toHaveLength(0)
  })

  it("does nothing without last year's return", () => {
    expect(rule503A.check(child('P', 'S'), testContext('2025/26', { hasPrevious: false }))).toHaveLength(0)
  })
})
