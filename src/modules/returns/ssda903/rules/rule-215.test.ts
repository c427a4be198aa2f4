import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule215 } from './rule-215.js'

const ctx = testContext()

describe('215 care leaver with 12-month items', () => {
  it('reports both rows', () => {
    const child = testChild({ OC3: [{ IN_TOUCH: 'YES' }], OC2: [{ CONVICTED: '0' }] })
    expect(rule215.check(child, ctx).map((h) => h.table)).toEqual(['OC3', 'OC2'])
  })

  it.each([
    ['OC2 with only SDQ items', { SDQ_SCORE: '10' }, 0],
    ['OC2 all blank', {}, 0],
    ['OC2 with a health check', { HEALTH_CHECK: '1' }, 2],
  ])('%s', (_, oc2, expected) => {
    const child = testChild({ OC3: [{ ACCOM: 'B1' }], OC2: [oc2] })
    expect(rule215.check(child, ctx)).toHaveLength(expected)
  })

  it('ignores an OC3 row with nothing in it', () => {
    expect(rule215.check(testChild({ OC3: [{}], OC2: [{ CONVICTED: '1' }] }), ctx)).toHaveLength(0)
  })
})
