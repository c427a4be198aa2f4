import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule184 } from './rule-184.js'

const ctx = testContext()

describe('184 decision to place for adoption is not before birth', () => {
  it.each([
    ['the day before birth', '01/05/2020', '30/04/2020', 1],
    ['the day of birth', '01/05/2020', '01/05/2020', 0],
    ['the day after', '01/05/2020', '02/05/2020', 0],
    ['no decision date', '01/05/2020', '', 0],
    ['decision date not a date', '01/05/2020', '31/04/2020', 0],
    ['no date of birth', '', '30/04/2020', 0],
  ])('%s', (_, dob, placed, expected) => {
    const child = testChild({ Header: [{ DOB: dob }], PlacedAdoption: [{ DATE_PLACED: placed }] })
    expect(rule184.check(child, ctx)).toHaveLength(expected)
  })
})
