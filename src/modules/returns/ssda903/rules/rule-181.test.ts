import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule181 } from './rule-181.js'

const ctx = testContext()

describe('181 OC2 items are 0 or 1', () => {
  it.each([
    ['all 0 and 1', { CONVICTED: '0', HEALTH_CHECK: '1', INTERVENTION_OFFERED: '0' }, 0],
    ['all blank', {}, 0],
    ['a 2', { TEETH_CHECK: '2' }, 1],
    ['Y', { IMMUNISATIONS: 'Y' }, 1],
  ])('%s', (_, cells, expected) => {
    expect(rule181.check(testChild({ OC2: [cells] }), ctx)).toHaveLength(expected)
  })

  it('names the items at fault', () => {
    const hits = rule181.check(
      testChild({ OC2: [{ CONVICTED: '1', TEETH_CHECK: '2', HEALTH_CHECK: 'no' }] }),
      ctx,
    )
    expect(hits[0]?.fields).toEqual(['HEALTH_CHECK', 'TEETH_CHECK'])
  })
})
