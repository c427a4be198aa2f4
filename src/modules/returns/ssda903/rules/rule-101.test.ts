import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule101 } from './rule-101.js'

const ctx = testContext()

describe('101 sex is M, F or U', () => {
  it.each([
    ['M', 'M', 0],
    ['F', 'F', 0],
    ['U', 'U', 0],
    ['lower case, read upper-cased', 'f', 0],
    ['the code used to 2023/24', '1', 1],
    ['another letter', 'X', 1],
    ['blank', '', 1],
  ])('%s', (_, value, expected) => {
    const child = testChild({ Header: [{ SEX: value }] })
    expect(rule101.check(child, ctx)).toHaveLength(expected)
  })

  it('reports the row and field at fault', () => {
    const child = testChild({ Header: [{ SEX: 'F' }, { SEX: '?!' }] })
    expect(rule101.check(child, ctx)).toEqual([
      expect.objectContaining({ table: 'Header', row: 1, fields: ['SEX'] }),
    ])
  })
})
