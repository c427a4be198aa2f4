import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { ruleSW11bSTG2 } from './rule-SW11bSTG2.js'

const ctx = testContext()

function run(dec: string, next?: string) {
  const rows = [{ SW_ID: 'SW1', SW_DECOM: '01/05/2025', SW_DEC: dec }]
  if (next !== undefined) rows.push({ SW_ID: 'SW2', SW_DECOM: next, SW_DEC: '' })
  return ruleSW11bSTG2.check(testChild({ SWEpisodes: rows }), ctx)
}

describe('SW11bSTG2 an episode ending just before 31 March is followed by another', () => {
  it.each([
    ['six days before 31 March', '25/03/2026', 0],
    ['five days before', '26/03/2026', 1],
    ['the day before', '30/03/2026', 1],
    ['on 31 March', '31/03/2026', 1],
    ['the day after (SW07STG2)', '01/04/2026', 0],
    ['open', '', 0],
  ])('ended %s, nothing after', (_, dec, expected) => {
    expect(run(dec)).toHaveLength(expected)
  })

  it('passes when another episode follows', () => {
    expect(run('28/03/2026', '28/03/2026')).toHaveLength(0)
  })

  it('flags the episode that ended', () => {
    expect(run('28/03/2026')).toEqual([expect.objectContaining({ row: 0, fields: ['SW_DEC'] })])
  })
})
