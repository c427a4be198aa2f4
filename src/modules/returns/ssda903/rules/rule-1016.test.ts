import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule1016 } from './rule-1016.js'

const ctx = testContext()
const leaver = { IN_TOUCH: 'YES', ACTIV: 'F1', ACCOM: 'B1' }

// Born 01/10/2008: 17 on 01/10/2025. Born 01/10/2007: 18 on 01/10/2025.
describe('1016 no care leaver data for a 17- or 18-year-old who left care after the birthday', () => {
  it.each([
    ['17, left the day before the birthday', '01/10/2008', '30/09/2025', 0],
    ['17, left on the birthday', '01/10/2008', '01/10/2025', 1],
    ['18, left on the 18th birthday', '01/10/2007', '01/10/2025', 1],
    ['18, left after the 17th, before the 18th', '01/10/2007', '01/12/2024', 0],
    ['19 on 31 March', '31/03/2007', '01/10/2025', 0],
    ['16 on 31 March', '01/04/2009', '01/10/2025', 0],
    ['still in care', '01/10/2008', '', 0],
  ])('%s', (_, dob, dec, expected) => {
    const child = testChild({
      Episodes: [{ DECOM: '01/01/2024', DEC: dec, REC: dec ? 'E8' : '' }],
      OC3: [{ DOB: dob, ...leaver }],
    })
    expect(rule1016.check(child, ctx)).toHaveLength(expected)
  })
})
