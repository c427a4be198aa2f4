import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule1006 } from './rule-1006.js'

const ctx = testContext()

describe('1006 missing type is valid', () => {
  it.each([
    ['M', 'M', 0],
    ['A', 'A', 0],
    ['lower case', 'a', 0],
    ['blank', '', 0],
    ['X', 'X', 1],
    ['MA', 'MA', 1],
  ])('%s', (_, value, expected) => {
    const child = testChild({ Missing: [{ MISSING: value }] })
    expect(rule1006.check(child, ctx)).toHaveLength(expected)
  })

  it('reports the row and field at fault', () => {
    const child = testChild({ Missing: [{ MISSING: 'M' }, { MISSING: '?!' }] })
    expect(rule1006.check(child, ctx)).toEqual([
      expect.objectContaining({ table: 'Missing', row: 1, fields: ['MISSING'] }),
    ])
  })
})
