import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule612 } from './rule-612.js'

const ctx = testContext()

describe('612 MC_DOB only for a mother', () => {
  it.each([
    ['MOTHER 0 with MC_DOB', 'F', '0', '01/05/2025', 1],
    ['MOTHER blank with MC_DOB', 'F', '', '01/05/2025', 1],
    ['MOTHER blank with an unreadable MC_DOB', 'F', '', 'dd/mm/yyyy', 1],
    ['MOTHER 1 with MC_DOB', 'F', '1', '01/05/2025', 0],
    ['MOTHER 0 without MC_DOB', 'F', '0', '', 0],
    ['a boy', 'M', '0', '01/05/2025', 0],
  ])('%s', (_, sex, mother, mcDob, expected) => {
    const child = testChild({ Header: [{ SEX: sex, MOTHER: mother, MC_DOB: mcDob }] })
    expect(rule612.check(child, ctx)).toHaveLength(expected)
  })
})
