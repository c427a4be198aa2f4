import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule1014 } from './rule-1014.js'

const ctx = testContext()
const leaver = [{ IN_TOUCH: 'YES', ACTIV: 'F1', ACCOM: 'B1' }]

describe('1014 no UASC row for a care leaver not looked after this year', () => {
  it.each([
    ['no episodes', [], leaver, 2],
    [
      'episode ended the day before the year',
      [{ DECOM: '01/01/2024', DEC: '31/03/2025', REC: 'E8' }],
      leaver,
      2,
    ],
    ['episode ended on 1 April', [{ DECOM: '01/01/2024', DEC: '01/04/2025', REC: 'E8' }], leaver, 0],
    ['episode open', [{ DECOM: '01/01/2024' }], leaver, 0],
    ['no care leaver data', [], [{}], 0],
  ])('%s', (_, episodes, oc3, expected) => {
    const child = testChild({ Episodes: episodes, OC3: oc3, UASC: [{ DUC: '01/01/2025' }] })
    expect(rule1014.check(child, ctx)).toHaveLength(expected)
  })

  it('leaves a care leaver with no UASC row alone', () => {
    expect(rule1014.check(testChild({ OC3: leaver }), ctx)).toHaveLength(0)
  })
})
