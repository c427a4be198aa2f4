import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { ruleSW17STG2 } from './rule-SW17STG2.js'

const ctx = testContext()

function run(...episodes: [string, string][]) {
  return ruleSW17STG2.check(
    testChild({ SWEpisodes: episodes.map(([s, e]) => ({ SW_DECOM: s, SW_DEC: e, SW_ID: 'SW1' })) }),
    ctx,
  )
}

describe('SW17STG2 a social worker episode open at 31 March', () => {
  it('passes when the latest episode is open', () => {
    expect(run(['01/05/2025', '01/08/2025'], ['01/08/2025', ''])).toHaveLength(0)
  })

  it('flags the latest episode when it has ended', () => {
    expect(run(['01/08/2025', '31/03/2026'], ['01/05/2025', '01/08/2025'])).toEqual([
      expect.objectContaining({ row: 0, fields: ['SW_DEC', 'SW_DECOM'] }),
    ])
  })

  it('orders by start date: an open episode that started earlier does not count', () => {
    expect(run(['01/05/2025', ''], ['01/08/2025', '01/09/2025'])).toHaveLength(1)
  })

  it('passes a child with no dated episodes', () => {
    expect(run(['', '01/09/2025'])).toHaveLength(0)
  })
})
