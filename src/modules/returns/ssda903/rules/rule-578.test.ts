import { describe, expect, it } from 'vitest'
import { testChild, testContext, type TestCells } from '../test-child.js'
import { rule578 } from './rule-578.js'
import { rule581 } from './rule-581.js'

const ctx = testContext()
const child = (episodes: TestCells<'Episodes'>[], start: string) =>
  testChild({ Episodes: episodes, Missing: [{ MISSING: 'M', MIS_START: start }] })

const care = [
  { DECOM: '01/05/2025', DEC: '10/05/2025', REC: 'E13' },
  { DECOM: '01/07/2025', DEC: '10/07/2025', REC: 'X1' },
  { DECOM: '10/07/2025', DEC: '20/07/2025', REC: 'E4A' },
]

describe('578 missing after care ended, 581 missing before care began', () => {
  it.each([
    ['the day before care began', '30/04/2025', 0, 1],
    ['the first day of care', '01/05/2025', 0, 0],
    ['the last day of the first period', '10/05/2025', 0, 0],
    ['the day after the first period ended', '11/05/2025', 1, 0],
    ['the last day of the second period', '20/07/2025', 0, 0],
    ['the day after care ended', '21/07/2025', 1, 0],
    ['no start date', '', 0, 0],
    ['unreadable start date', '21/7/25', 0, 0],
  ])('%s', (_, start, after, before) => {
    expect(rule578.check(child(care, start), ctx)).toHaveLength(after)
    expect(rule581.check(child(care, start), ctx)).toHaveLength(before)
  })

  it('an open period of care covers every later date', () => {
    expect(rule578.check(child([{ DECOM: '01/05/2025' }], '01/03/2026'), ctx)).toHaveLength(0)
  })

  it('581 reports a child with no episodes when Episodes was supplied', () => {
    expect(rule581.check(child([], '01/05/2025'), ctx)).toHaveLength(1)
    const noEpisodesFile = testContext('2025/26', {
      supplied: { current: new Set(['Missing']), previous: new Set() },
    })
    expect(rule581.check(child([], '01/05/2025'), noEpisodesFile)).toHaveLength(0)
    expect(rule578.check(child([], '01/05/2025'), ctx)).toHaveLength(0)
  })
})
