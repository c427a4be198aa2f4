import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule143 } from './rule-143.js'

const ctx = testContext()

describe('143 reason for new episode is valid', () => {
  it.each([
    ['S', 'S', 0],
    ['B', 'B', 0],
    ['blank', '', 0],
    ['X', 'X', 1],
    ['SS', 'SS', 1],
  ])('%s', (_, value, expected) => {
    const child = testChild({ Episodes: [{ RNE: value }] })
    expect(rule143.check(child, ctx)).toHaveLength(expected)
  })

  it('reports the row and field at fault', () => {
    const child = testChild({ Episodes: [{ RNE: 'P' }, { RNE: '?!' }] })
    expect(rule143.check(child, ctx)).toEqual([
      expect.objectContaining({ table: 'Episodes', row: 1, fields: ['RNE'] }),
    ])
  })
})
