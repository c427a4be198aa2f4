import { describe, expect, it } from 'vitest'
import { medianRun, spread } from './frontdoor.js'

describe('the front door benchmark’s method', () => {
  it('reports the run with the median p95 of three, and the spread', () => {
    const runs = [
      { p95: 169.5, run: 1 },
      { p95: 15.1, run: 2 },
      { p95: 17.2, run: 3 },
    ]
    expect(medianRun(runs)).toEqual({ p95: 17.2, run: 3 })
    expect(spread(runs.map((r) => r.p95))).toBe('15.1–169.5')
    expect(medianRun([{ p95: 4 }])).toEqual({ p95: 4 })
    expect(() => medianRun([])).toThrow()
  })
})
