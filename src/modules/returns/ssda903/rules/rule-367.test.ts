import { describe, expect, it } from 'vitest'
import { addDays } from '../episodes.js'
import { formatDfeDate } from '../model.js'
import { testChild, testContext } from '../test-child.js'
import { rule367 } from './rule-367.js'

const ctx = testContext()
const on = (iso: string, days: number) => formatDfeDate(addDays(iso, days))

describe('367 at most 75 days of short breaks in the year', () => {
  it.each([
    ['74 days', 74, 0],
    ['75 days', 75, 0],
    ['76 days', 76, 5],
  ])('%s over five breaks', (_, total, expected) => {
    const lengths = [15, 15, 15, 15, total - 60]
    const episodes = lengths.map((days, i) => {
      const start = addDays('2025-05-01', i * 30)
      return { DECOM: formatDfeDate(start), DEC: on(start, days), LS: 'V3' }
    })
    expect(rule367.check(testChild({ Episodes: episodes }), ctx)).toHaveLength(expected)
  })

  it('counts only the days within the year', () => {
    const child = testChild({ Episodes: [{ DECOM: '01/01/2025', DEC: on('2025-04-01', 75), LS: 'V3' }] })
    expect(rule367.check(child, ctx)).toHaveLength(0)
    const longer = testChild({ Episodes: [{ DECOM: '01/01/2025', DEC: on('2025-04-01', 76), LS: 'V3' }] })
    expect(rule367.check(longer, ctx)).toHaveLength(1)
  })

  it('counts an open break to 31 March and skips unreadable dates', () => {
    const open = testChild({ Episodes: [{ DECOM: on('2026-03-31', -76), LS: 'V3' }] })
    expect(rule367.check(open, ctx)).toHaveLength(1)
    const messy = testChild({
      Episodes: [
        { DECOM: '01/05/2025', DEC: 'x', LS: 'V3' },
        { DECOM: '', LS: 'V3' },
      ],
    })
    expect(rule367.check(messy, ctx)).toHaveLength(0)
  })
})
