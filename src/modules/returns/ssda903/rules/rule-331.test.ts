import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule331 } from './rule-331.js'

const ctx = testContext()

function child(match: string, rec = 'E11') {
  return testChild({
    Episodes: [{ DECOM: '01/06/2025', DEC: '01/12/2025', PLACE: 'A4', REC: rec }],
    AD1: [{ DATE_MATCH: match }],
  })
}

describe('331 matched on or before the adoption placement', () => {
  it.each([
    ['matched the day before', '31/05/2025', 'E11', 0],
    ['matched on the day', '01/06/2025', 'E12', 0],
    ['matched the day after', '02/06/2025', 'E11', 2],
    ['matched after, not adopted', '02/06/2025', 'E4A', 0],
    ['no valid match date', '2/13/2025', 'E11', 0],
  ])('%s', (_, match, rec, expected) => {
    expect(rule331.check(child(match, rec), ctx)).toHaveLength(expected)
  })
})
