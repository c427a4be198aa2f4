import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { ruleINT36 } from './rule-INT36.js'

const ctx = testContext()
const row = { DOB: '01/05/2012' }

describe('INT36 one UASC row a child', () => {
  it.each([
    ['none', 0, 0],
    ['one', 1, 0],
    ['two', 2, 2],
    ['three', 3, 3],
  ])('%s', (_, n, expected) => {
    const child = testChild({ UASC: Array.from({ length: n }, () => row) })
    expect(ruleINT36.check(child, ctx)).toHaveLength(expected)
  })

  it('names each row', () => {
    const hits = ruleINT36.check(testChild({ UASC: [row, row] }), ctx)
    expect(hits.map((h) => h.row)).toEqual([0, 1])
  })
})
