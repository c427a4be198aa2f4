import { describe, expect, it } from 'vitest'
import { testChild, testContext, testProviders } from '../test-child.js'
import { rule224 } from './rule-224.js'

const ctx = testContext('2025/26', {
  provider: testProviders({ SC111111: { providerCodes: ['PR4', 'PR5'] } }),
})

describe('224 URN fits the placement provider', () => {
  it.each([
    ['a code the provider fits', 'SC111111', 'PR4', 0],
    ['another code', 'SC111111', 'PR1', 1],
    ['blank code', 'SC111111', '', 1],
    ['a URN not in the reference', 'SC999999', 'PR4', 1],
    ['the placeholder', 'XXXXXXX', 'PR1', 0],
  ])('%s', (_, urn, code, expected) => {
    expect(rule224.check(testChild({ Episodes: [{ URN: urn, PLACE_PROVIDER: code }] }), ctx)).toHaveLength(
      expected,
    )
  })

  it('names the provider list, so the runner leaves it out when no list was loaded', () => {
    expect(rule224.affects.map((a) => a.table)).toContain('ProviderInfo')
  })
})
