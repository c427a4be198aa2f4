import { describe, expect, it } from 'vitest'
import { addDays } from '../episodes.js'
import { formatDfeDate } from '../model.js'
import { testChild, testContext } from '../test-child.js'
import { rule361 } from './rule-361.js'

const ctx = testContext()
const start = '2025-06-01'
const after = (days: number) => formatDfeDate(addDays(start, days))

describe('361 L1 lasts at most 3 days', () => {
  it.each([
    ['one day under', 3 - 1, 0],
    ['exactly the limit', 3, 0],
    ['one day over', 3 + 1, 1],
  ])('%s', (_, days, expected) => {
    const child = testChild({ Episodes: [{ DECOM: '01/06/2025', DEC: after(days), LS: 'L1' }] })
    expect(rule361.check(child, ctx)).toHaveLength(expected)
  })

  it('adds up episodes that follow on', () => {
    const child = testChild({
      Episodes: [
        { DECOM: '01/06/2025', DEC: after(1), LS: 'L1' },
        { DECOM: after(1), DEC: after(3 + 1), LS: 'L1' },
      ],
    })
    expect(rule361.check(child, ctx)).toHaveLength(2)
  })

  it('does not join episodes with a gap between them', () => {
    const child = testChild({
      Episodes: [
        { DECOM: '01/06/2025', DEC: after(1), LS: 'L1' },
        { DECOM: after(3), DEC: after(3 + 1), LS: 'L1' },
      ],
    })
    expect(rule361.check(child, ctx)).toHaveLength(0)
  })

  it('runs an open episode to 31 March', () => {
    const child = testChild({ Episodes: [{ DECOM: formatDfeDate(addDays('2026-03-31', -3 - 1)), LS: 'L1' }] })
    expect(rule361.check(child, ctx)).toHaveLength(1)
  })

  it('ignores other legal statuses and unreadable dates', () => {
    const other = testChild({ Episodes: [{ DECOM: '01/06/2025', DEC: after(200), LS: 'C2' }] })
    const messy = testChild({
      Episodes: [
        { DECOM: '01/06/2025', DEC: 'later', LS: 'L1' },
        { DECOM: '', LS: 'L1' },
      ],
    })
    expect(rule361.check(other, ctx)).toHaveLength(0)
    expect(rule361.check(messy, ctx)).toHaveLength(0)
  })
})
