import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { ruleINT32 } from './rule-INT32.js'

const ctx = testContext()
const row = { DOB: '01/05/2012' }

describe('INT32 one Header row a child', () => {
  it.each([
    ['none', 0, 0],
    ['one', 1, 0],
    ['two', 2, 2],
    ['three', 3, 3],
  ])('%s', (_, n, expected) => {
    const child = testChild({ Header: Array.from({ length: n }, () => row) })
    expect(ruleINT32.check(child, ctx)).toHaveLength(expected)
  })

  it('names each row', () => {
    const hits = ruleINT32.check(testChild({ Header: [row, row] }), ctx)
    expect(hits.map((h) => h.row)).toEqual([0, 1])
  })
})
