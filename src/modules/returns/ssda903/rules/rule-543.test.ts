import { describe, expect, it } from 'vitest'
import { testChild, testContext, type TestCells } from '../test-child.js'
import { rule543 } from './rule-543.js'

const ctx = testContext()
const child = (
  dob: string,
  value: string,
  episodes: TestCells<'Episodes'>[] = [{ DECOM: '01/01/2020', LS: 'C2' }],
) => testChild({ Header: [{ DOB: dob }], Episodes: episodes, OC2: [{ DOB: dob, CONVICTED: value }] })

describe('543 CONVICTED by age at 31 March', () => {
  it.each([
    ['10th birthday on 1 April (aged 9)', '01/04/2016', 0],
    ['10th birthday on 31 March', '31/03/2016', 1],
    ['10th birthday on 30 March', '30/03/2016', 1],
  ])('%s', (_, dob, expected) => {
    expect(rule543.check(child(dob, ''), ctx)).toHaveLength(expected)
  })

  it('CONVICTED of 0 counts as completed', () => {
    expect(rule543.check(child('31/03/2016', '0'), ctx)).toHaveLength(0)
  })

  it('does nothing without a readable date of birth', () => {
    expect(rule543.check(child('', ''), ctx)).toHaveLength(0)
  })

  it('only for a child looked after all year', () => {
    const dob = '31/03/2016'
    expect(rule543.check(child(dob, '', [{ DECOM: '01/01/2020' }]), ctx)).toHaveLength(1)
    expect(rule543.check(child(dob, '', [{ DECOM: '01/05/2025', RNE: 'S' }]), ctx)).toHaveLength(0)
    expect(
      rule543.check(child(dob, '', [{ DECOM: '01/01/2020', DEC: '01/12/2025', REC: 'E13' }]), ctx),
    ).toHaveLength(0)
    expect(rule543.check(child(dob, '', [{ DECOM: '01/01/2020', LS: 'V4' }]), ctx)).toHaveLength(0)
    expect(rule543.check(child(dob, '', []), ctx)).toHaveLength(0)
  })
})
