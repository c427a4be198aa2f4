import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule1009 } from './rule-1009.js'

const ctx = testContext()

describe('1009 reason for placement change is valid', () => {
  it.each([
    ['CARPL', 'CARPL', 0],
    ['CUSTOD', 'CUSTOD', 0],
    ['blank', '', 0],
    ['CUSTODY', 'CUSTODY', 1],
    ['OTHERS', 'OTHERS', 1],
  ])('%s', (_, value, expected) => {
    const child = testChild({ Episodes: [{ REASON_PLACE_CHANGE: value }] })
    expect(rule1009.check(child, ctx)).toHaveLength(expected)
  })

  it('reports the row and field at fault', () => {
    const child = testChild({ Episodes: [{ REASON_PLACE_CHANGE: 'OTHER' }, { REASON_PLACE_CHANGE: '?!' }] })
    expect(rule1009.check(child, ctx)).toEqual([
      expect.objectContaining({ table: 'Episodes', row: 1, fields: ['REASON_PLACE_CHANGE'] }),
    ])
  })
})
