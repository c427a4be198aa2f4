import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule146 } from './rule-146.js'

const ctx = testContext()

describe('146 placement type is valid (2025/26)', () => {
  it.each([
    ['U1', 'U1', 0],
    ['K3', 'K3', 0],
    ['k3 in lower case', 'k3', 0],
    ['Z11', 'Z11', 0],
    ['Z14', 'Z14', 0],
    ['blank', '', 0],
    ['Z1, gone in 2025/26', 'Z1', 1],
    ['H5, gone in 2025/26', 'H5', 1],
    ['P2, gone in 2025/26', 'P2', 1],
    ['Z15', 'Z15', 1],
  ])('%s', (_, value, expected) => {
    const child = testChild({ Episodes: [{ PLACE: value }] })
    expect(rule146.check(child, ctx)).toHaveLength(expected)
  })

  it('reports the row and field at fault', () => {
    const child = testChild({ Episodes: [{ PLACE: 'R1' }, { PLACE: '?!' }] })
    expect(rule146.check(child, ctx)).toEqual([
      expect.objectContaining({ table: 'Episodes', row: 1, fields: ['PLACE'] }),
    ])
  })
})
