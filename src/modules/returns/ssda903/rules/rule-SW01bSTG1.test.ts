import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { ruleSW01bSTG1 } from './rule-SW01bSTG1.js'

const ctx = testContext()

function run(decom: string, id: string, reason: string) {
  return ruleSW01bSTG1.check(
    testChild({ SWEpisodes: [{ SW_DECOM: decom, SW_ID: id, SW_REASON: reason }] }),
    ctx,
  )
}

describe('SW01bSTG1 social worker episodes from April 2023 are complete', () => {
  it.each([
    ['began the day before 1 April 2023 with no reason', '31/03/2023', 'SW1', '', 0],
    ['began on 1 April 2023 with no reason', '01/04/2023', 'SW1', '', 1],
    ['began the day after with no ID', '02/04/2023', '', 'MANAGE', 1],
    ['complete', '01/06/2025', 'SW1', 'MANAGE', 0],
    ['no start date', '', 'SW1', 'MANAGE', 1],
  ])('%s', (_, decom, id, reason, expected) => {
    expect(run(decom, id, reason)).toHaveLength(expected)
  })

  it('names the missing fields', () => {
    expect(run('01/06/2025', '', '')[0]?.fields).toEqual(['SW_ID', 'SW_REASON'])
  })
})
