import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule132 } from './rule-132.js'

const ctx = testContext()

describe('132 activity code is valid', () => {
  it.each([
    ['F1', 'F1', 0],
    ['G6', 'G6', 0],
    ['0', '0', 0],
    ['F3', 'F3', 1],
    ['G1', 'G1', 1],
    ['blank', '', 1],
  ])('%s', (_, value, expected) => {
    const child = testChild({ OC3: [{ ACTIV: value }] })
    expect(rule132.check(child, ctx)).toHaveLength(expected)
  })

  it('reports the row and field at fault', () => {
    const child = testChild({ OC3: [{ ACTIV: 'P5' }, { ACTIV: '?!' }] })
    expect(rule132.check(child, ctx)).toEqual([
      expect.objectContaining({ table: 'OC3', row: 1, fields: ['ACTIV'] }),
    ])
  })
})
