import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule131 } from './rule-131.js'

const ctx = testContext()

describe('131 in touch code is valid', () => {
  it.each([
    ['YES', 'YES', 0],
    ['RHOM', 'RHOM', 0],
    ['lower case', 'died', 0],
    ['Y', 'Y', 1],
    ['blank', '', 1],
  ])('%s', (_, value, expected) => {
    const child = testChild({ OC3: [{ IN_TOUCH: value }] })
    expect(rule131.check(child, ctx)).toHaveLength(expected)
  })

  it('reports the row and field at fault', () => {
    const child = testChild({ OC3: [{ IN_TOUCH: 'NO' }, { IN_TOUCH: '?!' }] })
    expect(rule131.check(child, ctx)).toEqual([
      expect.objectContaining({ table: 'OC3', row: 1, fields: ['IN_TOUCH'] }),
    ])
  })
})
