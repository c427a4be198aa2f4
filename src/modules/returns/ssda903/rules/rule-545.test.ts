import { describe, expect, it } from 'vitest'
import { testChild, testContext, type TestCells } from '../test-child.js'
import { rule545 } from './rule-545.js'

const ctx = testContext()
const child = (
  dob: string,
  value: string,
  episodes: TestCells<'Episodes'>[] = [{ DECOM: '01/01/2020', LS: 'C2' }],
) => testChild({ Header: [{ DOB: dob }], Episodes: episodes, OC2: [{ DOB: dob, HEALTH_CHECK: value }] })

describe('545 HEALTH_CHECK by age at 31 March', () => {
  it.each([
    ['5th birthday on 1 April (aged 4)', '01/04/2021', 1],
    ['5th birthday on 31 March', '31/03/2021', 0],
    ['5th birthday on 30 March', '30/03/2021', 0],
  ])('%s', (_, dob, expected) => {
    expect(rule545.check(child(dob, ''), ctx)).toHaveLength(expected)
  })

  it('HEALTH_CHECK of 0 counts as completed', () => {
    expect(rule545.check(child('01/04/2021', '0'), ctx)).toHaveLength(0)
  })

  it('does nothing without a readable date of birth', () => {
    expect(rule545.check(child('', ''), ctx)).toHaveLength(0)
  })

  it('only for a child looked after all year', () => {
    const dob = '01/04/2021'
    expect(rule545.check(child(dob, '', [{ DECOM: '01/01/2020' }]), ctx)).toHaveLength(1)
    expect(rule545.check(child(dob, '', [{ DECOM: '01/05/2025', RNE: 'S' }]), ctx)).toHaveLength(0)
    expect(
      rule545.check(child(dob, '', [{ DECOM: '01/01/2020', DEC: '01/12/2025', REC: 'E13' }]), ctx),
    ).toHaveLength(0)
    expect(rule545.check(child(dob, '', [{ DECOM: '01/01/2020', LS: 'V4' }]), ctx)).toHaveLength(0)
    expect(rule545.check(child(dob, '', []), ctx)).toHaveLength(0)
  })
})
