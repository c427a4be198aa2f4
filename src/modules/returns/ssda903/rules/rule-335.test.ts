import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule335 } from './rule-335.js'

const ctx = testContext()

describe('335 adopted by foster carers agrees with the placement', () => {
  it.each([
    ['A3, not by foster carers', 'A3', 'E11', '0', 2],
    ['A5, by foster carers', 'A5', 'E12', '1', 0],
    ['A4, by foster carers', 'A4', 'E11', '1', 2],
    ['A6, not by foster carers', 'A6', 'E11', '0', 0],
    ['A3, not adopted', 'A3', 'E4A', '0', 0],
    ['A3, flag blank', 'A3', 'E11', '', 0],
  ])('%s', (_, place, rec, foster, expected) => {
    const child = testChild({ Episodes: [{ PLACE: place, REC: rec }], AD1: [{ FOSTER_CARE: foster }] })
    expect(rule335.check(child, ctx)).toHaveLength(expected)
  })
})
