import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule177 } from './rule-177.js'

const ctx = testContext()

describe('177 legal status of adopters is valid', () => {
  it.each([
    ['L0', 'L0', 0],
    ['L12', 'L12', 0],
    ['L4', 'L4', 0],
    ['blank', '', 0],
    ['L1', 'L1', 1],
    ['L5', 'L5', 1],
  ])('%s', (_, value, expected) => {
    const child = testChild({ AD1: [{ LS_ADOPTR: value }] })
    expect(rule177.check(child, ctx)).toHaveLength(expected)
  })

  it('reports the row and field at fault', () => {
    const child = testChild({ AD1: [{ LS_ADOPTR: 'L2' }, { LS_ADOPTR: '?!' }] })
    expect(rule177.check(child, ctx)).toEqual([
      expect.objectContaining({ table: 'AD1', row: 1, fields: ['LS_ADOPTR'] }),
    ])
  })
})
