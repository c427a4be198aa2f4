import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule1011 } from './rule-1011.js'

const ctx = testContext()
const leaver = [{ IN_TOUCH: 'YES', ACTIV: 'F1', ACCOM: 'B1' }]

describe('1011 no care leaver data when the final episode moved to another LA', () => {
  it.each([
    ['final episode E3', [{ DECOM: '01/06/2025', DEC: '01/09/2025', REC: 'E3' }], leaver, 1],
    [
      'an earlier episode E3',
      [
        { DECOM: '01/06/2025', DEC: '01/09/2025', REC: 'E3' },
        { DECOM: '01/10/2025', DEC: '01/12/2025', REC: 'E4A' },
      ],
      leaver,
      0,
    ],
    ['final episode E4A', [{ DECOM: '01/06/2025', DEC: '01/09/2025', REC: 'E4A' }], leaver, 0],
    ['final episode E3, blank OC3 row', [{ DECOM: '01/06/2025', DEC: '01/09/2025', REC: 'E3' }], [{}], 0],
  ])('%s', (_, episodes, oc3, expected) => {
    expect(rule1011.check(testChild({ Episodes: episodes, OC3: oc3 }), ctx)).toHaveLength(expected)
  })
})
