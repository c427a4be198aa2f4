import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule576 } from './rule-576.js'

const ctx = testContext()
const child = (starts: string[], lastStart: string, lastEnd = '') =>
  testChild(
    { Missing: starts.map((MIS_START) => ({ MISSING: 'M', MIS_START })) },
    { Missing: [{ MISSING: 'M', MIS_START: lastStart, MIS_END: lastEnd }] },
  )

describe('576 open missing period last year not carried on', () => {
  it.each([
    ['carried on with the same start', ['20/03/2025'], '20/03/2025', '', 0],
    ['a day later', ['21/03/2025'], '20/03/2025', '', 1],
    ['a day earlier', ['19/03/2025'], '20/03/2025', '', 1],
    ['the earliest of several matches', ['01/06/2025', '20/03/2025'], '20/03/2025', '', 0],
    ['only a later one matches', ['10/03/2025', '20/03/2025'], '20/03/2025', '', 1],
    ['last year it had ended', ['01/06/2025'], '20/03/2025', '25/03/2025', 0],
    ['last year no start date', ['01/06/2025'], '', '', 0],
  ])('%s', (_, starts, lastStart, lastEnd, expected) => {
    expect(rule576.check(child(starts, lastStart, lastEnd), ctx)).toHaveLength(expected)
  })

  it('reports the earliest period this year', () => {
    const hits = rule576.check(child(['01/06/2025', '', '10/03/2025'], '20/03/2025'), ctx)
    expect(hits.map((h) => h.row)).toEqual([2])
  })

  it('does nothing with no missing periods this year', () =>
    expect(rule576.check(child([], '20/03/2025'), ctx)).toHaveLength(0))

  it('does nothing without last year’s return', () => {
    const noPrevious = testContext('2025/26', { hasPrevious: false })
    expect(rule576.check(child(['01/06/2025'], '20/03/2025'), noPrevious)).toHaveLength(0)
  })
})
