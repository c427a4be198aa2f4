import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule580 } from './rule-580.js'

const ctx = testContext()
const child = (misEnd: string, dec: string, rec: string, dob = '10/06/2007') =>
  testChild({
    Header: [{ DOB: dob }],
    Episodes: [{ DECOM: '01/01/2024', DEC: dec, REC: rec }],
    Missing: [{ DOB: dob, MISSING: 'M', MIS_START: '01/06/2025', MIS_END: misEnd }],
  })

describe('580 missing when leaving care at 18, reason not E8', () => {
  it.each([
    ['both end on the 18th birthday, E17', '10/06/2025', '10/06/2025', 'E17', 1],
    ['both end on the 18th birthday, no reason', '10/06/2025', '10/06/2025', '', 1],
    ['both end on the 18th birthday, E8', '10/06/2025', '10/06/2025', 'E8', 0],
    ['both end the day before the birthday', '09/06/2025', '09/06/2025', 'E17', 0],
    ['both end the day after', '11/06/2025', '11/06/2025', 'E17', 0],
    ['missing ended earlier', '05/06/2025', '10/06/2025', 'E17', 0],
    ['episode open', '10/06/2025', '', '', 0],
  ])('%s', (_, misEnd, dec, rec, expected) => {
    expect(rule580.check(child(misEnd, dec, rec), ctx)).toHaveLength(expected)
  })

  it('a child born on 29 February turns 18 on 1 March', () => {
    expect(rule580.check(child('01/03/2026', '01/03/2026', 'E17', '29/02/2008'), ctx)).toHaveLength(1)
    expect(rule580.check(child('28/02/2026', '28/02/2026', 'E17', '29/02/2008'), ctx)).toHaveLength(0)
  })

  it('reports the episode', () => {
    expect(rule580.check(child('10/06/2025', '10/06/2025', 'E17'), ctx)[0]).toMatchObject({
      table: 'Episodes',
      row: 0,
    })
  })
})
