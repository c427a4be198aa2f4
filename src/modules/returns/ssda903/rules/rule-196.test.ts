import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule196 } from './rule-196.js'

const ctx = testContext()

describe('196 SDQ reason is valid', () => {
  it.each([
    ['SDQ1', 'SDQ1', 0],
    ['SDQ5', 'SDQ5', 0],
    ['blank', '', 0],
    ['SDQ0', 'SDQ0', 1],
    ['SDQ6', 'SDQ6', 1],
  ])('%s', (_, value, expected) => {
    const child = testChild({ OC2: [{ SDQ_REASON: value }] })
    expect(rule196.check(child, ctx)).toHaveLength(expected)
  })

  it('reports the row and field at fault', () => {
    const child = testChild({ OC2: [{ SDQ_REASON: 'SDQ2' }, { SDQ_REASON: '?!' }] })
    expect(rule196.check(child, ctx)).toEqual([
      expect.objectContaining({ table: 'OC2', row: 1, fields: ['SDQ_REASON'] }),
    ])
  })
})
