import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule503B } from './rule-503B.js'

const ctx = testContext()
const child = (now: string, before: string, lastDec = '') =>
  testChild(
    {
      Episodes: [
        { DECOM: '01/06/2025', LS: 'E1' },
        { DECOM: '10/02/2025', LS: now },
      ],
    },
    {
      Episodes: [
        { DECOM: '01/01/2024', DEC: '10/02/2025', LS: 'E1' },
        { DECOM: '10/02/2025', DEC: lastDec, LS: before },
      ],
    },
  )

describe('503B legal status (LS) carried on from last year', () => {
  it.each([
    ['the same', 'C2', 'C2', 0],
    ['the same, other case', 'c2', 'C2', 0],
    ['different', 'E1', 'C2', 1],
    ['blank this year', '', 'C2', 1],
    ['blank last year', 'C2', '', 1],
    ['blank both years', '', '', 0],
  ])('%s', (_, now, before, expected) => {
    expect(rule503B.check(child(now, before), ctx)).toHaveLength(expected)
  })

  it("reports this year's first episode", () => {
    expect(rule503B.check(child('E1', 'C2'), ctx)[0]).toMatchObject({
      table: 'Episodes',
      row: 1,
      fields: ['LS'],
    })
  })

  it("does nothing when last year's last episode had ended, or its end is unreadable", () => {
    expect(rule503B.check(child('E1', 'C2', '31/03/2025'), ctx)).toHaveLength(0)
    expect(rule503B.check(child('E1', 'C2', '31/3/25'), ctx)).toHaveLength(0)
  })

  it("does nothing without last year's return", () => {
    expect(rule503B.check(child('E1', 'C2'), testContext('2025/26', { hasPrevious: false }))).toHaveLength(0)
  })
})
