import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule503F } from './rule-503F.js'

const ctx = testContext()
const child = (now: string, before: string, lastDec = '') =>
  testChild(
    {
      Episodes: [
        { DECOM: '01/06/2025', URN: 'SC654321' },
        { DECOM: '10/02/2025', URN: now },
      ],
    },
    {
      Episodes: [
        { DECOM: '01/01/2024', DEC: '10/02/2025', URN: 'SC654321' },
        { DECOM: '10/02/2025', DEC: lastDec, URN: before },
      ],
    },
  )

describe('503F Ofsted URN carried on from last year', () => {
  it.each([
    ['the same', 'SC123456', 'SC123456', 0],
    ['the same, other case', 'sc123456', 'SC123456', 0],
    ['different', 'SC654321', 'SC123456', 1],
    ['blank this year', '', 'SC123456', 1],
    ['blank last year', 'SC123456', '', 1],
    ['blank both years', '', '', 0],
  ])('%s', (_, now, before, expected) => {
    expect(rule503F.check(child(now, before), ctx)).toHaveLength(expected)
  })

  it("reports this year's first episode", () => {
    expect(rule503F.check(child('SC654321', 'SC123456'), ctx)[0]).toMatchObject({
      table: 'Episodes',
      row: 1,
      fields: ['URN'],
    })
  })

  it("does nothing when last year's last episode had ended, or its end is unreadable", () => {
    expect(rule503F.check(child('SC654321', 'SC123456', '31/03/2025'), ctx)).toHaveLength(0)
    expect(rule503F.check(child('SC654321', 'SC123456', '31/3/25'), ctx)).toHaveLength(0)
  })

  it("does nothing without last year's return", () => {
    expect(
      rule503F.check(child('SC654321', 'SC123456'), testContext('2025/26', { hasPrevious: false })),
    ).toHaveLength(0)
  })
})
