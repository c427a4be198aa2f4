import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule388 } from './rule-388.js'

const ctx = testContext()

function pair(rec: string, nextStart: string) {
  return testChild({
    Episodes: [
      { DECOM: nextStart, RNE: 'P' },
      { DECOM: '01/06/2025', DEC: '01/09/2025', REC: rec },
    ],
  })
}

describe('388 X1 exactly when a new episode starts the same day', () => {
  it.each([
    ['X1, next starts that day', 'X1', '01/09/2025', 0],
    ['X1, next starts the day after', 'X1', '02/09/2025', 1],
    ['X1, next starts the day before', 'X1', '31/08/2025', 1],
    ['ended E4A, next starts that day', 'E4A', '01/09/2025', 1],
    ['ended E4A, next starts later', 'E4A', '01/12/2025', 0],
  ])('%s', (_, rec, nextStart, expected) => {
    expect(rule388.check(pair(rec, nextStart), ctx)).toHaveLength(expected)
  })

  it('reports a last episode ending X1', () => {
    const child = testChild({ Episodes: [{ DECOM: '01/06/2025', DEC: '01/09/2025', REC: 'X1' }] })
    expect(rule388.check(child, ctx)).toHaveLength(1)
  })

  it('orders by date, not by the text of the date', () => {
    const child = testChild({
      Episodes: [
        { DECOM: '02/01/2026', DEC: '10/02/2026', REC: 'X1' },
        { DECOM: '10/02/2026' },
        { DECOM: '15/06/2025', DEC: '02/01/2026', REC: 'X1' },
      ],
    })
    expect(rule388.check(child, ctx)).toHaveLength(0)
  })

  it('does not check episodes it cannot place in order', () => {
    const child = testChild({ Episodes: [{ DECOM: '', DEC: '01/09/2025', REC: 'X1' }] })
    expect(rule388.check(child, ctx)).toHaveLength(0)
  })
})
