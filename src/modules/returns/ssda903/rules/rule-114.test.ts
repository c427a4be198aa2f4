import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule114 } from './rule-114.js'

const ctx = testContext()

describe('114 former carer status is 0 or 1', () => {
  it.each([
    ['0', '0', 0],
    ['1', '1', 0],
    ['blank', '', 0],
    ['2', '2', 1],
    ['yes', 'Y', 1],
  ])('%s', (_, value, expected) => {
    const child = testChild({ AD1: [{ FOSTER_CARE: value }] })
    expect(rule114.check(child, ctx)).toHaveLength(expected)
  })

  it('reports the row and field at fault', () => {
    const child = testChild({ AD1: [{ FOSTER_CARE: '1' }, { FOSTER_CARE: '?!' }] })
    expect(rule114.check(child, ctx)).toEqual([
      expect.objectContaining({ table: 'AD1', row: 1, fields: ['FOSTER_CARE'] }),
    ])
  })
})
