import { describe, expect, it } from 'vitest'
import { testChild, testContext, testProviders } from '../test-child.js'
import { rule1008 } from './rule-1008.js'

const ctx = testContext('2025/26', {
  provider: testProviders({ SC111111: {}, '1234567': { closed: '2025-01-31' } }),
})

describe('1008 the URN is in the Ofsted provider list', () => {
  it.each([
    ['a listed URN', 'SC111111', 0],
    ['a listed URN in lower case, with spaces', ' sc111111 ', 0],
    ['a listed URN of a closed provider', '1234567', 0],
    ['a URN of the right form, not listed', 'SC111112', 1],
    ['one digit short of a listed URN', 'SC11111', 1],
    ['a listed number with a leading zero', '01234567', 1],
    ['the placeholder', 'XXXXXXX', 0],
    ['six Xs', 'XXXXXX', 1],
    ['no URN', '', 0],
    ['spaces', '   ', 0],
  ])('%s', (_, urn, expected) => {
    const hits = rule1008.check(testChild({ Episodes: [{ URN: urn }] }), ctx)
    expect(hits).toHaveLength(expected)
    if (expected) expect(hits[0]).toMatchObject({ table: 'Episodes', row: 0, fields: ['URN'] })
  })

  it('reports each episode whose URN is not listed', () => {
    const child = testChild({ Episodes: [{ URN: 'SC111111' }, { URN: 'SC000000' }, { URN: 'SC000000' }] })
    expect(rule1008.check(child, ctx).map((h) => h.row)).toEqual([1, 2])
  })

  it('names the provider list, so the runner leaves it out when no list was loaded', () => {
    expect(rule1008.affects.map((a) => a.table)).toContain('ProviderInfo')
  })
})
