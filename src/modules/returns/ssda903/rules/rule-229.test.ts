import { describe, expect, it } from 'vitest'
import { testChild, testContext, testProviders } from '../test-child.js'
import { rule229 } from './rule-229.js'

const provider = testProviders({ SC111111: { la: 'E06000034' }, SC222222: { la: 'E08000025' }, SC333333: {} })
const ctx = testContext('2025/26', { laCode: 'E06000034', provider })

describe('229 own or other LA provision agrees with where the provider is', () => {
  it.each([
    ['own provision in the area', 'SC111111', 'PR1', 0],
    ['own provision elsewhere', 'SC222222', 'PR1', 1],
    ['own provision, area unknown', 'SC333333', 'PR1', 1],
    ['own provision, URN not in the reference', 'SC999999', 'PR1', 1],
    ['other LA provision in the area', 'SC111111', 'PR2', 1],
    ['other LA provision elsewhere', 'SC222222', 'PR2', 0],
    ['private provision in the area', 'SC111111', 'PR4', 0],
  ])('%s', (_, urn, code, expected) => {
    expect(rule229.check(testChild({ Episodes: [{ URN: urn, PLACE_PROVIDER: code }] }), ctx)).toHaveLength(
      expected,
    )
  })

  it('does nothing when the authority’s code is not known', () => {
    const noCode = testContext('2025/26', { laCode: null, provider })
    expect(
      rule229.check(testChild({ Episodes: [{ URN: 'SC222222', PLACE_PROVIDER: 'PR1' }] }), noCode),
    ).toHaveLength(0)
  })
})
