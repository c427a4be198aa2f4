import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule175 } from './rule-175.js'

const ctx = testContext()

describe('175 number of adopters is valid', () => {
  it.each([
    ['1', '1', 0],
    ['2', '2', 0],
    ['blank', '', 0],
    ['0', '0', 1],
    ['3', '3', 1],
  ])('%s', (_, value, expected) => {
    const child = testChild({ AD1: [{ NB_ADOPTR: value }] })
    expect(rule175.check(child, ctx)).toHaveLength(expected)
  })

  it('reports the row and field at fault', () => {
    const child = testChild({ AD1: [{ NB_ADOPTR: '2' }, { NB_ADOPTR: '?!' }] })
    expect(rule175.check(child, ctx)).toEqual([
      expect.objectContaining({ table: 'AD1', row: 1, fields: ['NB_ADOPTR'] }),
    ])
  })
})
