import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule225 } from './rule-225.js'

const ctx = testContext()

function pair(first: Record<string, string>, next: Record<string, string>) {
  return testChild({
    Episodes: [
      { DECOM: '01/06/2025', DEC: '01/09/2025', REC: 'X1', PLACE: 'U4', ...first },
      { DECOM: '01/09/2025', RNE: 'P', PLACE: 'U6', ...next },
    ],
  })
}

describe('225 reason for placement change recorded', () => {
  it.each([
    ['missing before a change of placement', {}, {}, 1],
    ['recorded', { REASON_PLACE_CHANGE: 'CARPL' }, {}, 0],
    ['next is B', {}, { RNE: 'B' }, 1],
    ['next is a change of legal status only', {}, { RNE: 'L' }, 0],
    ['ended other than X1', { REC: 'E4A' }, {}, 0],
    ['moving into a temporary placement', {}, { PLACE: 'T3' }, 0],
    ['moving from a temporary placement', { PLACE: 'T1' }, {}, 0],
  ])('%s', (_, first, next, expected) => {
    expect(rule225.check(pair(first, next), ctx)).toHaveLength(expected)
  })

  it('takes episodes in order of start, not file order', () => {
    const child = testChild({
      Episodes: [
        { DECOM: '01/09/2025', RNE: 'P', PLACE: 'U6' },
        { DECOM: '01/06/2025', DEC: '01/09/2025', REC: 'X1', PLACE: 'U4' },
      ],
    })
    expect(rule225.check(child, ctx)).toMatchObject([{ row: 1 }])
  })

  it('ignores the last episode', () => {
    expect(rule225.check(testChild({ Episodes: [{ DECOM: '01/06/2025', REC: 'X1' }] }), ctx)).toHaveLength(0)
  })
})
