import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule504 } from './rule-504.js'

const ctx = testContext()
const child = (cin: string, rec = 'X1', decom = '10/05/2025') =>
  testChild({
    Episodes: [
      { DECOM: '01/05/2025', DEC: '10/05/2025', REC: rec, CIN: 'N1' },
      { DECOM: decom, RNE: 'P', CIN: cin },
    ],
  })

describe('504 category of need changes within a period of care', () => {
  it.each([
    ['same CIN', 'N1', 'X1', '10/05/2025', 0],
    ['same CIN, other case', 'n1', 'X1', '10/05/2025', 0],
    ['different CIN', 'N2', 'X1', '10/05/2025', 1],
    ['blank CIN', '', 'X1', '10/05/2025', 1],
    ['different CIN after leaving care', 'N2', 'E13', '10/05/2025', 0],
    ['different CIN, not the same day', 'N2', 'X1', '11/05/2025', 0],
  ])('%s', (_, cin, rec, decom, expected) => {
    expect(rule504.check(child(cin, rec, decom), ctx)).toHaveLength(expected)
  })
})
