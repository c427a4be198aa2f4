import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule144 } from './rule-144.js'

const ctx = testContext()

describe('144 legal status is valid', () => {
  it.each([
    ['C1', 'C1', 0],
    ['J3', 'J3', 0],
    ['V4', 'V4', 0],
    ['blank', '', 0],
    ['V1', 'V1', 1],
    ['L4', 'L4', 1],
  ])('%s', (_, value, expected) => {
    const child = testChild({ Episodes: [{ LS: value }] })
    expect(rule144.check(child, ctx)).toHaveLength(expected)
  })

  it('reports the row and field at fault', () => {
    const child = testChild({ Episodes: [{ LS: 'C2' }, { LS: '?!' }] })
    expect(rule144.check(child, ctx)).toEqual([
      expect.objectContaining({ table: 'Episodes', row: 1, fields: ['LS'] }),
    ])
  })
})
