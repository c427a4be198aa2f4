import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule442 } from './rule-442.js'

const ctx = testContext()

describe('442 UPN not completed', () => {
  it.each([
    ['blank UPN, care order', '', ['C2'], 1],
    ['spaces only, care order', '  ', ['C2'], 1],
    ['blank UPN, blank legal status', '', [''], 1],
    ['blank UPN, short breaks only', '', ['V3', 'V4'], 0],
    ['blank UPN, short breaks then a care order', '', ['V3', 'C1'], 1],
    ['UN code given', 'UN2', ['C2'], 0],
    ['UPN given', 'A123456789012', ['C2'], 0],
    ['blank UPN, no episodes', '', [], 0],
  ])('%s', (_, upn, ls, expected) => {
    const child = testChild({ Header: [{ UPN: upn }], Episodes: ls.map((LS) => ({ LS })) })
    expect(rule442.check(child, ctx)).toHaveLength(expected)
  })
  it('reports the Header row', () => {
    const [h] = rule442.check(testChild({ Header: [{ UPN: '' }], Episodes: [{ LS: 'C2' }] }), ctx)
    expect(h).toMatchObject({ table: 'Header', row: 0, fields: ['UPN'] })
  })
})
