import { describe, expect, it } from 'vitest'
import { testChild, testContext, testProviders } from '../test-child.js'
import { rule228 } from './rule-228.js'

const providers = testProviders({
  SC111111: { closed: '2025-09-01' },
  SC333333: { closed: '2026-03-31' },
})
const ctx = testContext('2025/26', { provider: providers })

describe('228 episode ends by the day the provider closed', () => {
  it.each([
    ['ends the day it closed', 'SC111111', '01/09/2025', 0],
    ['ends the day after', 'SC111111', '02/09/2025', 1],
    ['ends the day before', 'SC111111', '31/08/2025', 0],
    ['open, provider closed in the year', 'SC111111', '', 1],
    ['open, provider closed on 31 March', 'SC333333', '', 0],
    ['invalid end', 'SC111111', '31/09/2025', 0],
    ['a URN not in the reference', 'SC999999', '', 0],
  ])('%s', (_, urn, dec, expected) => {
    const child = testChild({ Episodes: [{ URN: urn, DECOM: '01/06/2025', DEC: dec }] })
    expect(rule228.check(child, ctx)).toHaveLength(expected)
  })
})
