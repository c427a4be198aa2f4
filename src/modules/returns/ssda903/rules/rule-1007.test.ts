import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule1007 } from './rule-1007.js'

const ctx = testContext()
const leaver = { IN_TOUCH: 'YES', ACTIV: 'F1', ACCOM: 'B1' }
const open = [{ DECOM: '01/01/2025', LS: 'C2' }]

describe('1007 no care leaver data for a 17- or 18-year-old still looked after', () => {
  it.each([
    ['17 on 31 March', '31/03/2009', 1],
    ['16 on 31 March (17 on 1 April)', '01/04/2009', 0],
    ['18 on 31 March', '01/10/2007', 1],
    ['19 on 31 March', '31/03/2007', 0],
    ['18 the day before turning 19 on 1 April', '01/04/2007', 1],
    ['a 29 February birthday, 17 on 28 February', '29/02/2008', 1],
    ['no date of birth', '', 0],
  ])('%s, current episode open', (_, dob, expected) => {
    expect(rule1007.check(testChild({ Episodes: open, OC3: [{ DOB: dob, ...leaver }] }), ctx)).toHaveLength(
      expected,
    )
  })

  it.each([
    ['open', [{ DECOM: '01/01/2025' }], 1],
    ['ended without a reason', [{ DECOM: '01/01/2025', DEC: '01/10/2025' }], 1],
    ['a reason without an end date', [{ DECOM: '01/01/2025', REC: 'E8' }], 1],
    ['ended', [{ DECOM: '01/01/2025', DEC: '01/10/2025', REC: 'E8' }], 0],
    [
      'an earlier episode open, the current one ended',
      [{ DECOM: '01/01/2025' }, { DECOM: '01/06/2025', DEC: '01/10/2025', REC: 'E8' }],
      0,
    ],
    ['no episodes', [], 0],
  ])('current episode %s', (_, episodes, expected) => {
    const child = testChild({ Episodes: episodes, OC3: [{ DOB: '01/10/2008', ...leaver }] })
    expect(rule1007.check(child, ctx)).toHaveLength(expected)
  })

  it('leaves an OC3 row with no care leaver data alone', () => {
    expect(rule1007.check(testChild({ Episodes: open, OC3: [{ DOB: '01/10/2008' }] }), ctx)).toHaveLength(0)
  })
})
