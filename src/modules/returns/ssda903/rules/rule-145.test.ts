import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule145 } from './rule-145.js'

const ctx = testContext()

describe('145 category of need is valid', () => {
  it.each([
    ['N1', 'N1', 0],
    ['N8', 'N8', 0],
    ['blank', '', 0],
    ['N9', 'N9', 1],
    ['N0, CIN census only', 'N0', 1],
  ])('%s', (_, value, expected) => {
    const child = testChild({ Episodes: [{ CIN: value }] })
    expect(rule145.check(child, ctx)).toHaveLength(expected)
  })

  it('reports the row and field at fault', () => {
    const child = testChild({ Episodes: [{ CIN: 'N4' }, { CIN: '?!' }] })
    expect(rule145.check(child, ctx)).toEqual([
      expect.objectContaining({ table: 'Episodes', row: 1, fields: ['CIN'] }),
    ])
  })
})
