import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule621 } from './rule-621.js'

const ctx = testContext()

describe('621 a mother is older than her child', () => {
  it.each([
    ['first child born the day before her', '30/04/2008', 1],
    ['first child born the same day', '01/05/2008', 1],
    ['first child born the day after', '02/05/2008', 0],
    ['no MC_DOB', '', 0],
    ['unreadable MC_DOB', 'unknown', 0],
  ])('%s', (_, mcDob, expected) => {
    const child = testChild({ Header: [{ DOB: '01/05/2008', MOTHER: '1', MC_DOB: mcDob }] })
    expect(rule621.check(child, ctx)).toHaveLength(expected)
  })

  it('leaves an unreadable DOB to rule 102', () => {
    const child = testChild({ Header: [{ DOB: '', MOTHER: '1', MC_DOB: '01/05/2025' }] })
    expect(rule621.check(child, ctx)).toHaveLength(0)
  })
})
