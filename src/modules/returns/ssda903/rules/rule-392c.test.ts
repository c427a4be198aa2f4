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

describe('392c partial postcodes', () => {
  const partial = testChild({ Episodes: [{ HOME_POST: 'AB1 2', PL_POST: 'ZZ9 9ZZ' }] })

  it('says a partial postcode is not a full postcode, and a whole one was not found', () => {
    const ctx = testContext('2025/26', {
      placement: () => ({ ...UNKNOWN_PLACEMENT, unknownPostcodes: ['AB1 2', 'ZZ9 9ZZ'] }),
    })
    expect(rule392c.check(partial, ctx)).toMatchObject([
      { fields: ['HOME_POST', 'PL_POST'], detail: 'not found: ZZ9 9ZZ; not a full postcode: AB1 2' },
    ])
  })

  it('names only the partial one when the other was found', () => {
    const ctx = testContext('2025/26', {
      placement: () => ({ ...UNKNOWN_PLACEMENT, unknownPostcodes: ['AB1 2'] }),
    })
    expect(rule392c.check(partial, ctx)).toMatchObject([
      { fields: ['HOME_POST'], detail: 'not a full postcode: AB1 2' },
    ])
  })
})
