import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule209 } from './rule-209.js'

const ctx = testContext() // 2025/26: 4 or older on 31 August 2024

describe('209 school-age child with UPN UN1', () => {
  it.each([
    ['4 on the day before the cut-off', '30/08/2020', 'UN1', 1],
    ['4 on the cut-off', '31/08/2020', 'UN1', 1],
    ['4 the day after the cut-off', '01/09/2020', 'UN1', 0],
    ['school age, another code', '31/08/2020', 'UN2', 0],
    ['school age, lower case', '31/08/2020', 'un1', 1],
    ['blank DOB', '', 'UN1', 0],
    ['invalid DOB', '31/02/2019', 'UN1', 0],
  ])('%s', (_, dob, upn, expected) => {
    expect(rule209.check(testChild({ Header: [{ DOB: dob, UPN: upn }] }), ctx)).toHaveLength(expected)
  })
})
