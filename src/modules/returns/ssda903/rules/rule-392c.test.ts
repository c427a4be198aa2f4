import { describe, expect, it } from 'vitest'
import { UNKNOWN_PLACEMENT, testChild, testContext } from '../test-child.js'
import { rule392c } from './rule-392c.js'

const child = testChild({ Episodes: [{ HOME_POST: 'AB1 2CD', PL_POST: 'ZZ9 9ZZ' }] })

describe('392c postcodes not found', () => {
  it('reports the postcode the reference does not hold', () => {
    const ctx = testContext('2025/26', {
      placement: () => ({ ...UNKNOWN_PLACEMENT, unknownPostcodes: ['ZZ99ZZ'] }),
    })
    expect(rule392c.check(child, ctx)).toMatchObject([{ fields: ['PL_POST'], detail: 'not found: ZZ99ZZ' }])
  })

  it('reports nothing when every postcode is found', () => {
    expect(rule392c.check(child, testContext())).toHaveLength(0)
  })
})
