import { describe, expect, it } from 'vitest'
import { addDays } from '../episodes.js'
import { formatDfeDate } from '../model.js'
import { testChild, testContext } from '../test-child.js'
import { rule362 } from './rule-362.js'

const ctx = testContext()
const start = '2025-06-01'
const after = (days: number) => formatDfeDate(addDays(start, days))

describe('362 L2 lasts at most 21 days', () => {
  it.each([
    ['one day under', 21 - 1, 0],
    ['exactly the limit', 21, 0],
    ['one day over', 21 + 1, 1],
  ])('%s', (_, days, expected) => {
    const child = testChild({ Episodes: [{ DECOM: '01/06/2025', DEC: after(days), LS: 'L2' }] })
    expect(rule362.check(child, ctx)).toHaveLength(expected)
  })

  it('adds up episodes that follow on', () => {
    const child = testChild({
      Episodes: [
        { DECOM: '01/06/2025', DEC: after(1), LS: 'L2' },
        { DECOM: after(1), DEC: after(21 + 1), LS: 'L2' },
      ],
    })
    expect(rule362.check(child, ctx)).toHaveLength(2)
  })

  it('does not join episodes with a gap between them', () => {
    const child = testChild({
      Episodes: [
        { DECOM: '01/06/2025', DEC: after(1), LS: 'L2' },
        { DECOM: after(3), DEC: after(21 + 1), LS: 'L2' },
      ],
    })
    expect(rule362.check(child, ctx)).toHaveLength(0)
  })

  it('runs an open episode to 31 March', () => {
    const child = testChild({
      Episodes: [{ DECOM: formatDfeDate(addDays('2026-03-31', -21 - 1)), LS: 'L2' }],
    })
    expect(rule362.check(child, ctx)).toHaveLength(1)
  })

  it('ignores other legal statuses and unreadable dates', () => {
    const other = testChild({ Episodes: [{ DECOM: '01/06/2025', DEC: after(200), LS: 'C2' }] })
    const messy = testChild({
      Episodes: [
        { DECOM: '01/06/2025', DEC: 'later', LS: 'L2' },
        { DECOM: '', LS: 'L2' },
      ],
    })
    expect(rule362.check(other, ctx)).toHaveLength(0)
    expect(rule362.check(messy, ctx)).toHaveLength(0)
  })
})
