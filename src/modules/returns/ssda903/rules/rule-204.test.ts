import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule204 } from './rule-204.js'

const ctx = testContext()

describe('204 ethnicity agrees with last year', () => {
  it.each([
    ['same', 'WBRI', 'WBRI', 0],
    ['same, other case and spaces', ' wbri', 'WBRI', 0],
    ['different', 'WIRI', 'WBRI', 1],
    ['blank this year', '', 'WBRI', 1],
  ])('%s', (_, now, before, expected) => {
    const child = testChild({ Header: [{ ETHNIC: now }] }, { Header: [{ ETHNIC: before }] })
    expect(rule204.check(child, ctx)).toHaveLength(expected)
  })

  it('does nothing when last year’s Header was not supplied', () => {
    const child = testChild({ Header: [{ ETHNIC: 'WIRI' }] }, { Header: [{ ETHNIC: 'WBRI' }] })
    const supplied = { current: new Set(['Header'] as const), previous: new Set<never>() }
    expect(rule204.check(child, testContext('2025/26', { supplied }))).toHaveLength(0)
  })
})
