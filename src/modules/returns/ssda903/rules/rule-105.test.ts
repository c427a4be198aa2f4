import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule105 } from './rule-105.js'

const ctx = testContext()

describe('105 the Header’s UASC flag is 0 or 1', () => {
  it.each([
    ['0', '0', 0],
    ['1', '1', 0],
    ['1 with spaces', ' 1 ', 0],
    ['blank', '', 1],
    ['spaces', '  ', 1],
    ['2', '2', 1],
    ['Y', 'Y', 1],
    ['01', '01', 1],
    ['1.0', '1.0', 1],
  ])('%s', (_, flag, expected) => {
    const hits = rule105.check(testChild({ Header: [{ UASC: flag }] }), ctx)
    expect(hits).toHaveLength(expected)
    if (expected) expect(hits[0]).toMatchObject({ table: 'Header', row: 0, fields: ['UASC'] })
  })

  it('leaves a Header read from CSV alone: that form has no flag (a UASC row says so)', () => {
    expect(rule105.check(testChild({ Header: [{}] }), ctx)).toHaveLength(0)
    expect(rule105.check(testChild({ Header: [{}], UASC: [{ DUC: '' }] }), ctx)).toHaveLength(0)
  })

  it('reports each Header row at fault', () => {
    const child = testChild({ Header: [{ UASC: '1' }, { UASC: '' }, { UASC: 'x' }] })
    expect(rule105.check(child, ctx).map((h) => h.row)).toEqual([1, 2])
  })
})
