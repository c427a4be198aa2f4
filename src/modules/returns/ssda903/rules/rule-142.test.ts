import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule142 } from './rule-142.js'

const ctx = testContext()

describe('142 every episode but the latest has ended', () => {
  it('accepts ended episodes and an open latest one, in any file order', () => {
    const child = testChild({
      Episodes: [
        { DECOM: '01/09/2025' },
        { DECOM: '01/05/2025', DEC: '01/07/2025', REC: 'X1' },
        { DECOM: '01/07/2025', DEC: '01/09/2025', REC: 'X1' },
      ],
    })
    expect(rule142.check(child, ctx)).toHaveLength(0)
  })

  it.each([
    ['no date ceased', { DEC: '', REC: 'X1' }, 1],
    ['no reason', { DEC: '01/07/2025', REC: '' }, 1],
    ['a date ceased that is not a date', { DEC: '31/06/2025', REC: 'X1' }, 1],
    ['both', { DEC: '01/07/2025', REC: 'X1' }, 0],
  ])('an earlier episode with %s', (_, cells, expected) => {
    const child = testChild({ Episodes: [{ DECOM: '01/05/2025', ...cells }, { DECOM: '01/07/2025' }] })
    expect(rule142.check(child, ctx)).toHaveLength(expected)
  })

  it('ignores an episode with an unreadable start, and does not take it as the latest', () => {
    const child = testChild({
      Episodes: [
        { DECOM: '01/05/2025', DEC: '01/07/2025', REC: 'X1' },
        { DECOM: '01/07/2025' },
        { DECOM: 'soon' },
      ],
    })
    expect(rule142.check(child, ctx)).toHaveLength(0)
  })

  it('of two starting the same day, the later in the file is the latest', () => {
    const child = testChild({ Episodes: [{ DECOM: '01/07/2025' }, { DECOM: '01/07/2025' }] })
    expect(rule142.check(child, ctx)).toEqual([expect.objectContaining({ row: 0 })])
  })
})
