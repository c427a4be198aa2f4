import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule165 } from './rule-165.js'

const ctx = testContext()
const inYear = [{ DECOM: '01/06/2025', LS: 'C2' }]
const beforeYear = [{ DECOM: '01/06/2024', LS: 'C2', DEC: '31/03/2025', REC: 'E8' }]
const shortBreaks = [{ DECOM: '01/06/2025', LS: 'V3' }]
const leaver = [{ IN_TOUCH: 'YES', ACTIV: 'F1', ACCOM: 'B1' }]

describe('165 mother status is valid and fits the child', () => {
  it.each([
    ['female in care, 0', 'F', '0', inYear, [], 0],
    ['female in care, 1', 'F', '1', inYear, [], 0],
    ['female in care, blank', 'F', '', inYear, [], 1],
    ['female in care, 2', 'F', '2', inYear, [], 1],
    ['male, 0', 'M', '0', inYear, [], 1],
    ['male, blank', 'M', '', inYear, [], 0],
    ['unknown sex, blank', 'U', '', inYear, [], 0],
    ['female, short breaks only, blank', 'F', '', shortBreaks, [], 0],
    ['female, no episodes, blank', 'F', '', [], [], 0],
    ['a bad code without episodes', 'F', 'Y', [], [], 1],
    ['female care leaver left before the year, 1', 'F', '1', beforeYear, leaver, 1],
    ['female care leaver left before the year, blank', 'F', '', beforeYear, leaver, 0],
    ['female care leaver looked after this year, 1', 'F', '1', inYear, leaver, 0],
  ])('%s', (_, sex, mother, episodes, oc3, expected) => {
    const child = testChild({ Header: [{ SEX: sex, MOTHER: mother }], Episodes: episodes, OC3: oc3 })
    expect(rule165.check(child, ctx).filter((h) => h.table === 'Header')).toHaveLength(expected)
  })

  it('reports the care leaver’s OC3 row too', () => {
    const child = testChild({ Header: [{ SEX: 'F', MOTHER: '0' }], Episodes: beforeYear, OC3: leaver })
    expect(rule165.check(child, ctx).map((h) => h.table)).toEqual(['Header', 'OC3'])
  })
})
