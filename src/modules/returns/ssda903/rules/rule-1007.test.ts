import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule1007 } from './rule-1007.js'

const ctx = testContext()
const leaver = { IN_TOUCH: 'YES', ACTIV: 'F1', ACCOM: 'B1' }

// Born 01/10/2008: 17 on 01/10/2025. Born 01/10/2007: 18 on 01/10/2025.
describe('1007 no care leaver data for a 17- or 18-year-old looked after on their birthday', () => {
  it.each([
    ['17, episode ended the day after the birthday', '01/10/2008', '01/01/2025', '02/10/2025', 1],
    ['17, episode ended on the birthday', '01/10/2008', '01/01/2025', '01/10/2025', 0],
    ['17, episode began on the birthday, still open', '01/10/2008', '01/10/2025', '', 1],
    ['17, episode began the day after the birthday', '01/10/2008', '02/10/2025', '', 0],
    ['18, looked after on the 18th birthday', '01/10/2007', '01/01/2025', '', 1],
    ['19 on 31 March', '31/03/2007', '01/01/2025', '', 0],
    ['16 on 31 March (17 on 1 April)', '01/04/2009', '01/01/2025', '', 0],
    ['17 on 31 March exactly', '31/03/2009', '01/01/2025', '', 1],
    ['an end date that is not a date', '01/10/2008', '01/01/2025', '32/10/2025', 0],
  ])('%s', (_, dob, decom, dec, expected) => {
    const child = testChild({ Episodes: [{ DECOM: decom, DEC: dec }], OC3: [{ DOB: dob, ...leaver }] })
    expect(rule1007.check(child, ctx)).toHaveLength(expected)
  })

  it('leaves an OC3 row with no care leaver data alone', () => {
    const child = testChild({ Episodes: [{ DECOM: '01/01/2025' }], OC3: [{ DOB: '01/10/2008' }] })
    expect(rule1007.check(child, ctx)).toHaveLength(0)
  })

  it('takes a 29 February birthday as 28 February', () => {
    const child = testChild({
      Episodes: [{ DECOM: '28/02/2026' }],
      OC3: [{ DOB: '29/02/2008', ...leaver }],
    })
    expect(rule1007.check(child, ctx)).toHaveLength(1)
  })
})
