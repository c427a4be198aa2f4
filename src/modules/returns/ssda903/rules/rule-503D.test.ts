import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule503D } from './rule-503D.js'

const ctx = testContext()
const child = (now: string, before: string, lastDec = '') =>
  testChild(
    {
      Episodes: [
        { DECOM: '01/06/2025', PLACE: 'K2' },
        { DECOM: '10/02/2025', PLACE: now },
      ],
    },
    {
      Episodes: [
        { DECOM: '01/01/2024', DEC: '10/02/2025', PLACE: 'K2' },
        { DECOM: '10/02/2025', DEC: lastDec, PLACE: before },
      ],
    },
  )

describe('503D placement type (PLACE) carried on from last year', () => {
  it.each([
    ['the same', 'U4', 'U4', 0],
    ['the same, other case', 'u4', 'U4', 0],
    ['different', 'K2', 'U4', 1],
    ['blank this year', '', 'U4', 1],
    ['blank last year', 'U4', '', 1],
    ['blank both years', '', '', 0],
  ])('%s', (_, now, before, expected) => {
    expect(rule503D.check(child(now, before), ctx)).toHaveLength(expected)
  })

  it.each([
    ['H5 carried on as K3', 'H5', 'K3', 0],
    ['Z1 carried on as Z12', 'Z1', 'Z12', 0],
    ['K3 back to H5', 'K3', 'H5', 1],
    ['Z1 carried on as K2', 'Z1', 'K2', 1],
  ])('%s', (_, before, now, expected) => {
    expect(rule503D.check(child(now, before), ctx)).toHaveLength(expected)
  })

  it("reports this year's first episode", () => {
    expect(rule503D.check(child('K2', 'U4'), ctx)[0]).toMatchObject({
      table: 'Episodes',
      row: 1,
      fields: ['PLACE'],
    })
  })

  it("does nothing when last year's last episode had ended, or its end is unreadable", () => {
    expect(rule503D.check(child('K2', 'U4', '31/03/2025'), ctx)).toHaveLength(0)
    expect(rule503D.check(child('K2', 'U4', '31/3/25'), ctx)).toHaveLength(0)
  })

  it("does nothing without last year's return", () => {
    expect(rule503D.check(child('K2', 'U4'), testContext('2025/26', { hasPrevious: false }))).toHaveLength(0)
  })
})
