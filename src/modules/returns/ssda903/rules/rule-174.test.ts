import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule174 } from './rule-174.js'

const ctx = testContext()

describe("174 a male child has no mother's child date of birth", () => {
  it.each([
    ['male with MC_DOB', 'M', '01/01/2025', 1],
    ['male with a bad MC_DOB', 'M', 'unknown', 1],
    ['male without', 'M', '', 0],
    ['female with MC_DOB', 'F', '01/01/2025', 0],
    ['unknown sex with MC_DOB', 'U', '01/01/2025', 0],
    ['the old male code 1 is not M', '1', '01/01/2025', 0],
  ])('%s', (_, sex, mcDob, expected) => {
    expect(rule174.check(testChild({ Header: [{ SEX: sex, MC_DOB: mcDob }] }), ctx)).toHaveLength(expected)
  })
})
