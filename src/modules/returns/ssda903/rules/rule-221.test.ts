import { describe, expect, it } from 'vitest'
import { testChild, testContext, testProviders } from '../test-child.js'
import { rule221 } from './rule-221.js'

const ctx = testContext('2025/26', {
  provider: testProviders({ SC111111: { postcode: 'AB12CD' }, SC222222: {} }),
})

function episode(cells: Record<string, string>) {
  return testChild({ Episodes: [{ URN: 'SC111111', PLACE: 'K2', LS: 'C2', PL_POST: 'AB1 2CD', ...cells }] })
}

describe('221 placement postcode is the provider’s', () => {
  it.each([
    ['the provider’s postcode', {}, 0],
    ['written without the space, lower case', { PL_POST: 'ab12cd' }, 0],
    ['another postcode', { PL_POST: 'AB1 2CE' }, 1],
    ['another postcode, fostered', { PL_POST: 'AB1 2CE', PLACE: 'U4' }, 0],
    ['another postcode, short break', { PL_POST: 'AB1 2CE', LS: 'V3' }, 0],
    ['no placement postcode', { PL_POST: '' }, 0],
    ['URN not in the reference', { URN: 'SC999999' }, 1],
    ['reference without a postcode', { URN: 'SC222222' }, 1],
    ['the placeholder', { URN: 'XXXXXXX', PL_POST: 'AB1 2CE' }, 0],
  ])('%s', (_, cells, expected) => {
    expect(rule221.check(episode(cells), ctx)).toHaveLength(expected)
  })

  it('names the provider list, so the runner leaves it out when no list was loaded', () => {
    expect(rule221.affects.map((a) => a.table)).toContain('ProviderInfo')
  })
})
