import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule611 } from './rule-611.js'

const ctx = testContext()

describe('611 MC_DOB given for a mother', () => {
  it.each([
    ['a mother with MC_DOB', '1', '01/05/2025', 0],
    ['a mother with MC_DOB blank', '1', '', 1],
    ['a mother with MC_DOB spaces', '1', '  ', 1],
    ['a mother with an unreadable MC_DOB (rule 625 and others)', '1', 'May', 0],
    ['not a mother', '0', '', 0],
    ['MOTHER blank', '', '', 0],
  ])('%s', (_, mother, mcDob, expected) => {
    const child = testChild({ Header: [{ SEX: 'F', MOTHER: mother, MC_DOB: mcDob }] })
    expect(rule611.check(child, ctx)).toHaveLength(expected)
  })
})
