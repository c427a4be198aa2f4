import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { ruleINT34 } from './rule-INT34.js'

const ctx = testContext()
const row = { DOB: '01/05/2012' }

describe('INT34 one OC3 row a child', () => {
  it.each([
    ['none', 0, 0],
    ['one', 1, 0],
    ['two', 2, 2],
    ['three', 3, 3],
  ])('%s', (_, n, expected) => {
    const child = testChild({ OC3: Array.from({ length: n }, () => row) })
    expect(ruleINT34.check(child, ctx)).toHaveLength(expected)
  })

  it('names each row', () => {
    const hits = ruleINT34.check(testChild({ OC3: [row, row] }), ctx)
    expect(hits.map((h) => h.row)).toEqual([0, 1])
  })
})
