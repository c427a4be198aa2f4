import { describe, expect, it } from 'vitest'
import { testChild, testContext, testProviders } from '../test-child.js'
import { rule219 } from './rule-219.js'

const ctx = testContext('2025/26', { provider: testProviders({ SC111111: { placeCodes: ['K2', 'R1'] } }) })

describe('219 URN fits the placement type', () => {
  it.each([
    ['a type the provider fits', 'SC111111', 'K2', 0],
    ['another type', 'SC111111', 'U4', 1],
    ['blank type', 'SC111111', '', 1],
    ['a URN not in the reference', 'SC999999', 'K2', 1],
    ['the placeholder', 'XXXXXXX', 'U4', 0],
    ['no URN', '', 'U4', 0],
  ])('%s', (_, urn, place, expected) => {
    expect(rule219.check(testChild({ Episodes: [{ URN: urn, PLACE: place }] }), ctx)).toHaveLength(expected)
  })

  it('names the provider list, so the runner leaves it out when no list was loaded', () => {
    expect(rule219.affects.map((a) => a.table)).toContain('ProviderInfo')
  })
})
