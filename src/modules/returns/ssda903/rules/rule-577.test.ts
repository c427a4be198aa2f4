import { describe, expect, it } from 'vitest'
import { testChild, testContext, type TestCells } from '../test-child.js'
import { rule577 } from './rule-577.js'

const ctx = testContext()
const run = (episodes: TestCells<'Episodes'>[], start: string, end = '') =>
  rule577.check(
    testChild({ Episodes: episodes, Missing: [{ MISSING: 'A', MIS_START: start, MIS_END: end }] }),
    ctx,
  )

describe('577 ceased to be looked after with a missing period still open', () => {
  const care = [
    { DECOM: '01/05/2025', DEC: '10/05/2025', REC: 'X1' },
    { DECOM: '10/05/2025', DEC: '20/05/2025', REC: 'E4A' },
  ]
  it.each([
    ['started on the first day of care', '01/05/2025', 1],
    ['started on the last day of care', '20/05/2025', 1],
    ['started after care ended', '21/05/2025', 0],
    ['started before care', '30/04/2025', 0],
  ])('%s', (_, start, expected) => {
    expect(run(care, start)).toHaveLength(expected)
  })

  it('is fine once the missing period has ended', () =>
    expect(run(care, '05/05/2025', '06/05/2025')).toHaveLength(0))

  it('is fine while care goes on', () => {
    expect(
      run([{ DECOM: '01/05/2025', DEC: '10/05/2025', REC: 'X1' }, { DECOM: '10/05/2025' }], '05/05/2025'),
    ).toHaveLength(0)
  })

  it('looks at the period of care the missing period started in', () => {
    const twoPeriods = [{ DECOM: '01/05/2025', DEC: '10/05/2025', REC: 'E13' }, { DECOM: '01/07/2025' }]
    expect(run(twoPeriods, '05/05/2025')).toHaveLength(1)
    expect(run(twoPeriods, '05/07/2025')).toHaveLength(0)
  })

  it('does nothing with no episodes or unreadable dates', () => {
    expect(run([], '05/05/2025')).toHaveLength(0)
    expect(run(care, '5 May')).toHaveLength(0)
  })
})
