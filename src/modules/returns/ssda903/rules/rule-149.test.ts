import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule149 } from './rule-149.js'

const ctx = testContext()

describe('149 reason episode ceased is valid', () => {
  it.each([
    ['X1', 'X1', 0],
    ['E4A', 'E4A', 0],
    ['E17', 'E17', 0],
    ['blank', '', 0],
    ['E4', 'E4', 1],
    ['E1', 'E1', 1],
  ])('%s', (_, value, expected) => {
    const child = testChild({ Episodes: [{ REC: value }] })
    expect(rule149.check(child, ctx)).toHaveLength(expected)
  })

  it('reports the row and field at fault', () => {
    const child = testChild({ Episodes: [{ REC: 'E11' }, { REC: '?!' }] })
    expect(rule149.check(child, ctx)).toEqual([
      expect.objectContaining({ table: 'Episodes', row: 1, fields: ['REC'] }),
    ])
  })
})
