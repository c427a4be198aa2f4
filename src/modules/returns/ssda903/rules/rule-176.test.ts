import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule176 } from './rule-176.js'

const ctx = testContext()

describe('176 sex of adopters is valid', () => {
  it.each([
    ['M1', 'M1', 0],
    ['MF', 'MF', 0],
    ['blank', '', 0],
    ['FM', 'FM', 1],
    ['M2', 'M2', 1],
  ])('%s', (_, value, expected) => {
    const child = testChild({ AD1: [{ SEX_ADOPTR: value }] })
    expect(rule176.check(child, ctx)).toHaveLength(expected)
  })

  it('reports the row and field at fault', () => {
    const child = testChild({ AD1: [{ SEX_ADOPTR: 'FF' }, { SEX_ADOPTR: '?!' }] })
    expect(rule176.check(child, ctx)).toEqual([
      expect.objectContaining({ table: 'AD1', row: 1, fields: ['SEX_ADOPTR'] }),
    ])
  })
})
