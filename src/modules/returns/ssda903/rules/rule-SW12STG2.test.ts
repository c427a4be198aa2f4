import { describe, expect, it } from 'vitest'
import type { TestCells } from '../test-child.js'
import { testChild, testContext } from '../test-child.js'
import { ruleSW12STG2 } from './rule-SW12STG2.js'

const ctx = testContext()

function run(episodes: TestCells<'Episodes'>[], swStarts: string[]) {
  const child = testChild({
    Episodes: episodes,
    SWEpisodes: swStarts.map((s) => ({ SW_ID: 'SW1', SW_DECOM: s })),
  })
  return ruleSW12STG2.check(child, ctx)
}

const allYear = [{ DECOM: '01/01/2024', RNE: 'S', LS: 'C2' }]

describe('SW12STG2 social worker episodes for the whole year of a child looked after', () => {
  it.each([
    ['the day before 1 April', '31/03/2025', 0],
    ['on 1 April', '01/04/2025', 0],
    ['the day after', '02/04/2025', 1],
  ])('looked after all year, first social worker episode %s', (_, start, expected) => {
    expect(run(allYear, [start])).toHaveLength(expected)
  })

  it.each([
    ['the day before care began', '31/07/2025', 0],
    ['the day care began', '01/08/2025', 0],
    ['the day after', '02/08/2025', 1],
  ])('new to care in August, first social worker episode %s', (_, start, expected) => {
    expect(run([{ DECOM: '01/08/2025', RNE: 'S', LS: 'C1' }], [start])).toHaveLength(expected)
  })

  it('flags the open episode of care when there is no social worker episode', () => {
    expect(run(allYear, [])).toEqual([
      expect.objectContaining({ table: 'Episodes', row: 0, detail: 'no social worker episodes' }),
    ])
  })

  it('names the earliest social worker episode', () => {
    expect(run(allYear, ['01/09/2025', '01/06/2025'])).toEqual([
      expect.objectContaining({ table: 'SWEpisodes', row: 1, fields: ['SW_DECOM'] }),
    ])
  })

  it('passes a child not looked after on 31 March, or on short breaks', () => {
    expect(run([{ DECOM: '01/01/2024', DEC: '01/06/2025', REC: 'E4A', LS: 'C2' }], [])).toHaveLength(0)
    expect(run([{ DECOM: '01/01/2024', RNE: 'S', LS: 'V4' }], [])).toHaveLength(0)
  })

  it('passes a child whose episodes have no readable start', () => {
    expect(run([{ DECOM: 'x', LS: 'C2' }], [])).toHaveLength(0)
  })
})
