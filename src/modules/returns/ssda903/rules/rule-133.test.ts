import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule133 } from './rule-133.js'

const ctx = testContext()

describe('133 accommodation code is valid', () => {
  it.each([
    ['B1', 'B1', 0],
    ['S2', 'S2', 0],
    ['X2', 'X2', 0],
    ['0', '0', 0],
    ['S1: homeless cannot be suitable', 'S1', 1],
    ['X1: custody cannot be suitable', 'X1', 1],
    ['F1', 'F1', 1],
    ['blank', '', 1],
  ])('%s', (_, value, expected) => {
    const child = testChild({ OC3: [{ ACCOM: value }] })
    expect(rule133.check(child, ctx)).toHaveLength(expected)
  })

  it('reports the row and field at fault', () => {
    const child = testChild({ OC3: [{ ACCOM: 'Z1' }, { ACCOM: '?!' }] })
    expect(rule133.check(child, ctx)).toEqual([
      expect.objectContaining({ table: 'OC3', row: 1, fields: ['ACCOM'] }),
    ])
  })
})
