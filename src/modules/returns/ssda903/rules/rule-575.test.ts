import { describe, expect, it } from 'vitest'
import { testChild, testContext, type TestCells } from '../test-child.js'
import { rule575 } from './rule-575.js'

const ctx = testContext()
const run = (episodes: TestCells<'Episodes'>[], start: string, end = '') =>
  rule575.check(
    testChild({ Episodes: episodes, Missing: [{ MISSING: 'M', MIS_START: start, MIS_END: end }] }),
    ctx,
  )

describe('575 open missing period from a placement that ended', () => {
  const ended = [{ DECOM: '01/05/2025', DEC: '10/05/2025', REC: 'E13' }]
  it.each([
    ['started the day before the placement began', '30/04/2025', 0],
    ['started the day it began', '01/05/2025', 1],
    ['started on its last day', '10/05/2025', 1],
    ['started the day after it ended', '11/05/2025', 0],
  ])('%s', (_, start, expected) => {
    expect(run(ended, start)).toHaveLength(expected)
  })

  it('is fine when the missing period has an end date', () => {
    expect(run(ended, '05/05/2025', '06/05/2025')).toHaveLength(0)
  })

  it('is fine when the placement is still open', () => {
    expect(run([{ DECOM: '01/05/2025' }], '05/05/2025')).toHaveLength(0)
  })

  it('follows a change of legal status only: the placement goes on', () => {
    const episodes = [
      { DECOM: '01/05/2025', DEC: '10/05/2025', REC: 'X1' },
      { DECOM: '10/05/2025', RNE: 'L' },
    ]
    expect(run(episodes, '05/05/2025')).toHaveLength(0)
  })

  it('a change of placement ends it', () => {
    const episodes = [
      { DECOM: '01/05/2025', DEC: '10/05/2025', REC: 'X1' },
      { DECOM: '10/05/2025', RNE: 'P' },
    ]
    expect(run(episodes, '05/05/2025')).toHaveLength(1)
  })

  it('a period starting the day of the change is from the new placement', () => {
    const episodes = [
      { DECOM: '01/05/2025', DEC: '10/05/2025', REC: 'X1' },
      { DECOM: '10/05/2025', RNE: 'P' },
    ]
    expect(run(episodes, '10/05/2025')).toHaveLength(0)
  })

  it('ignores an unreadable end date and a blank start', () => {
    expect(run(ended, '05/05/2025', '99/99/2025')).toHaveLength(0)
    expect(run(ended, '')).toHaveLength(0)
  })
})
