import { describe, expect, it } from 'vitest'
import { testChild, testContext, testProviders } from '../test-child.js'
import { rule227 } from './rule-227.js'

const ctx = testContext('2025/26', {
  provider: testProviders({ SC111111: { closed: '2025-09-01' }, SC222222: {} }),
})

describe('227 episode starts before the provider closed', () => {
  it.each([
    ['the day before it closed', 'SC111111', '31/08/2025', 0],
    ['the day it closed', 'SC111111', '01/09/2025', 1],
    ['after', 'SC111111', '02/09/2025', 1],
    ['a provider still open', 'SC222222', '02/09/2025', 0],
    ['a URN not in the reference', 'SC999999', '02/09/2025', 0],
    ['invalid start', 'SC111111', '31/09/2025', 0],
  ])('%s', (_, urn, decom, expected) => {
    expect(rule227.check(testChild({ Episodes: [{ URN: urn, DECOM: decom }] }), ctx)).toHaveLength(expected)
  })
})
