import { describe, expect, it } from 'vitest'
import { testChild, testContext, type TestCells } from '../test-child.js'
import { rule542 } from './rule-542.js'

const ctx = testContext()
const child = (
  dob: string,
  value: string,
  episodes: TestCells<'Episodes'>[] = [{ DECOM: '01/01/2020', LS: 'C2' }],
) => testChild({ Header: [{ DOB: dob }], Episodes: episodes, OC2: [{ DOB: dob, CONVICTED: value }] })

describe('542 CONVICTED by age at 31 March', () => {
  it.each([
    ['10th birthday on 1 April (aged 9 at 31 March)', '01/04/2016', 1],
    ['10th birthday on 31 March', '31/03/2016', 0],
    ['10th birthday on 30 March', '30/03/2016', 0],
  ])('%s', (_, dob, expected) => {
    expect(rule542.check(child(dob, '1'), ctx)).toHaveLength(expected)
  })

  it('CONVICTED left blank is fine', () => {
    expect(rule542.check(child('01/04/2016', ''), ctx)).toHaveLength(0)
  })

  it('does nothing without a readable date of birth', () => {
    expect(rule542.check(child('', '1'), ctx)).toHaveLength(0)
  })
})
