import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule705 } from './rule-705.js'

const ctx = testContext('2026/27')

function rows(...dolos: [string, string][]) {
  return rule705.check(testChild({ DoLo: dolos.map(([s, e]) => ({ DOLO_START: s, DOLO_END: e })) }), ctx)
}

describe('705 no DoLO starts while another is open', () => {
  it.each([
    ['starts the day before the last ended', '09/06/2026', 1],
    ['starts the day the last ended', '10/06/2026', 0],
    ['starts the day after', '11/06/2026', 0],
  ])('%s', (_, start, expected) => {
    expect(rows(['01/05/2026', '10/06/2026'], [start, ''])).toHaveLength(expected)
  })

  it('flags a DoLO that starts while an earlier one has no end', () => {
    const hits = rows(['01/05/2026', ''], ['01/09/2026', '01/10/2026'])
    expect(hits).toEqual([expect.objectContaining({ row: 1 })])
  })

  it('reports the DoLO that started, whatever the file order', () => {
    const hits = rows(['01/09/2026', ''], ['01/05/2026', '01/10/2026'])
    expect(hits).toEqual([expect.objectContaining({ row: 0 })])
  })

  it('compares with every earlier DoLO, not only the one just before', () => {
    const hits = rows(['01/04/2026', '01/12/2026'], ['01/05/2026', '01/06/2026'], ['01/07/2026', ''])
    expect(hits.map((h) => h.row)).toEqual([1, 2])
  })

  it('passes a single DoLO and ignores one with no readable start', () => {
    expect(rows(['01/05/2026', ''])).toHaveLength(0)
    expect(rows(['01/05/2026', ''], ['', ''])).toHaveLength(0)
  })

  it('does not take an unreadable end as open', () => {
    expect(rows(['01/05/2026', 'soon'], ['01/09/2026', ''])).toHaveLength(0)
  })
})
