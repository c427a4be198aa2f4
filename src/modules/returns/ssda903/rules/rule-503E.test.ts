import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule503E } from './rule-503E.js'

const ctx = testContext()
const child = (now: string, before: string, lastDec = '') =>
  testChild(
    {
      Episodes: [
        { DECOM: '01/06/2025', PLACE_PROVIDER: 'PR4' },
        { DECOM: '10/02/2025', PLACE_PROVIDER: now },
      ],
    },
    {
      Episodes: [
        { DECOM: '01/01/2024', DEC: '10/02/2025', PLACE_PROVIDER: 'PR4' },
        { DECOM: '10/02/2025', DEC: lastDec, PLACE_PROVIDER: before },
      ],
    },
  )

describe('503E placement provider (PLACE_PROVIDER) carried on from last year', () => {
  it.each([
    ['the same', 'PR1', 'PR1', 0],
    ['the same, other case', 'pr1', 'PR1', 0],
    ['different', 'PR4', 'PR1', 1],
    ['blank this year', '', 'PR1', 1],
    ['blank last year', 'PR1', '', 1],
    ['blank both years', '', '', 0],
  ])('%s', (_, now, before, expected) => {
    expect(rule503E.check(child(now, before), ctx)).toHaveLength(expected)
  })

  it("reports this year's first episode", () => {
    expect(rule503E.check(child('PR4', 'PR1'), ctx)[0]).toMatchObject({
      table: 'Episodes',
      row: 1,
      fields: ['PLACE_PROVIDER'],
    })
  })

  it("does nothing when last year's last episode had ended, or its end is unreadable", () => {
    expect(rule503E.check(child('PR4', 'PR1', '31/03/2025'), ctx)).toHaveLength(0)
    expect(rule503E.check(child('PR4', 'PR1', '31/3/25'), ctx)).toHaveLength(0)
  })

  it("does nothing without last year's return", () => {
    expect(rule503E.check(child('PR4', 'PR1'), testContext('2025/26', { hasPrevious: false }))).toHaveLength(
      0,
    )
  })
})
