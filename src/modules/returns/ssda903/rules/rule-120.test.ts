import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule120 } from './rule-120.js'

const ctx = testContext()

describe('120 reason placed for adoption ceased is valid', () => {
  it.each([
    ['RD1', 'RD1', 0],
    ['RD4', 'RD4', 0],
    ['blank', '', 0],
    ['RD5', 'RD5', 1],
    ['RD0', 'RD0', 1],
  ])('%s', (_, value, expected) => {
    const child = testChild({ PlacedAdoption: [{ REASON_PLACED_CEASED: value }] })
    expect(rule120.check(child, ctx)).toHaveLength(expected)
  })

  it('reports the row and field at fault', () => {
    const child = testChild({
      PlacedAdoption: [{ REASON_PLACED_CEASED: 'RD2' }, { REASON_PLACED_CEASED: '?!' }],
    })
    expect(rule120.check(child, ctx)).toEqual([
      expect.objectContaining({ table: 'PlacedAdoption', row: 1, fields: ['REASON_PLACED_CEASED'] }),
    ])
  })
})
