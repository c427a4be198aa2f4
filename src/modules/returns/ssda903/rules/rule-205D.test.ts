import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule205D } from './rule-205D.js'

const ctx = testContext()

describe('205D UASC this year, not last year', () => {
  it('reports a child UASC only this year', () => {
    const child = testChild({ Header: [{}], UASC: [{ DUC: '' }] }, { Header: [{}] })
    expect(rule205D.check(child, ctx)).toMatchObject([{ table: 'Header', row: 0 }])
  })

  it('accepts a child UASC both years', () => {
    const child = testChild({ Header: [{}], UASC: [{}] }, { Header: [{}], UASC: [{}] })
    expect(rule205D.check(child, ctx)).toHaveLength(0)
  })

  it('ignores a child not in last year’s return', () => {
    expect(rule205D.check(testChild({ Header: [{}], UASC: [{}] }), ctx)).toHaveLength(0)
  })

  it('does nothing when last year’s UASC table was not supplied', () => {
    const child = testChild({ Header: [{}], UASC: [{}] }, { Header: [{}] })
    const supplied = {
      current: new Set(['Header', 'UASC'] as const),
      previous: new Set(['Header'] as const),
    }
    expect(rule205D.check(child, testContext('2025/26', { supplied }))).toHaveLength(0)
  })
})
