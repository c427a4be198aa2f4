import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { ruleSW01aSTG1 } from './rule-SW01aSTG1.js'

const ctx = testContext()

function run(decom: string, id: string, reason = '') {
  return ruleSW01aSTG1.check(
    testChild({ SWEpisodes: [{ SW_DECOM: decom, SW_ID: id, SW_REASON: reason }] }),
    ctx,
  )
}

describe('SW01aSTG1 social worker episodes before April 2023 are complete', () => {
  it.each([
    ['began the day before 1 April 2023 with no ID', '31/03/2023', '', 1],
    ['began on 1 April 2023 with no ID (SW01bSTG1)', '01/04/2023', '', 0],
    ['began the day before with an ID and no reason', '31/03/2023', 'SW1', 0],
    ['no start date', '', 'SW1', 1],
    ['an unreadable start date', '31/02/2023', 'SW1', 1],
  ])('%s', (_, decom, id, expected) => {
    expect(run(decom, id)).toHaveLength(expected)
  })

  it('names the missing field', () => {
    expect(run('31/03/2023', '')[0]?.fields).toEqual(['SW_ID'])
    expect(run('', 'SW1')[0]?.fields).toEqual(['SW_DECOM'])
  })
})
