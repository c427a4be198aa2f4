import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule348 } from './rule-348.js'

const ctx = testContext()

describe('348 died last year', () => {
  it.each([
    ['died last year, in touch this year', 'YES', 'DIED', 1],
    ['died both years', 'DIED', 'DIED', 0],
    ['in touch last year', 'NO', 'YES', 0],
  ])('%s', (_, now, last, expected) => {
    const child = testChild({ OC3: [{ IN_TOUCH: now }] }, { OC3: [{ IN_TOUCH: last }] })
    expect(rule348.check(child, ctx)).toHaveLength(expected)
  })

  it('does nothing without last year’s return', () => {
    const child = testChild({ OC3: [{ IN_TOUCH: 'YES' }] }, { OC3: [{ IN_TOUCH: 'DIED' }] })
    expect(rule348.check(child, testContext('2025/26', { hasPrevious: false }))).toHaveLength(0)
  })
})
