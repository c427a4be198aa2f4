import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { ruleINT35 } from './rule-INT35.js'

const ctx = testContext()
const row = { DOB: '01/05/2012' }

describe('INT35 one PrevPerm row a child', () => {
  it.each([
    ['none', 0, 0],
    ['one', 1, 0],
    ['two', 2, 2],
    ['three', 3, 3],
  ])('%s', (_, n, expected) => {
    const child = testChild({ PrevPerm: Array.from({ length: n }, () => row) })
    expect(ruleINT35.check(child, ctx)).toHaveLength(expected)
  })

  it('names each row', () => {
    const hits = ruleINT35.check(testChild({ PrevPerm: [row, row] }), ctx)
    expect(hits.map((h) => h.row)).toEqual([0, 1])
  })
})
