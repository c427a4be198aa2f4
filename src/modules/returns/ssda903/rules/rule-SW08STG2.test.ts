import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { ruleSW08STG2 } from './rule-SW08STG2.js'

const ctx = testContext()

function run(...episodes: [string, string][]) {
  return ruleSW08STG2.check(
    testChild({ SWEpisodes: episodes.map(([s, e]) => ({ SW_DECOM: s, SW_DEC: e, SW_ID: 'SW1' })) }),
    ctx,
  )
}

describe('SW08STG2 earlier social worker episodes have ended', () => {
  it('passes a single open episode', () => {
    expect(run(['01/05/2025', ''])).toHaveLength(0)
  })

  it('flags an open episode followed by another', () => {
    expect(run(['01/05/2025', ''], ['01/08/2025', ''])).toEqual([expect.objectContaining({ row: 0 })])
  })

  it('orders by start date, not file order', () => {
    expect(run(['01/08/2025', ''], ['01/05/2025', '01/08/2025'])).toHaveLength(0)
    expect(run(['01/08/2025', '01/09/2025'], ['01/05/2025', ''])).toEqual([
      expect.objectContaining({ row: 1 }),
    ])
  })

  it('leaves episodes with no readable start, and unreadable ends, to other rules', () => {
    expect(run(['01/05/2025', ''], ['', ''])).toHaveLength(0)
    expect(run(['01/05/2025', 'soon'], ['01/08/2025', ''])).toHaveLength(0)
  })
})
