import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule205A } from './rule-205A.js'

const ctx = testContext()

describe('205A UASC last year, not this year', () => {
  it.each([
    ['ceased on the first day of last year', '01/04/2024', 0],
    ['ceased on the last day of last year', '31/03/2025', 0],
    ['ceased the day before last year began', '31/03/2024', 1],
    ['ceased the day after last year ended', '01/04/2025', 1],
    ['no date ceased last year', '', 1],
    ['an invalid date ceased last year', '31/13/2024', 1],
  ])('%s', (_, duc, expected) => {
    const child = testChild({ Header: [{}] }, { Header: [{}], UASC: [{ DUC: duc }] })
    expect(rule205A.check(child, ctx)).toHaveLength(expected)
  })

  it('does nothing for a child still UASC this year', () => {
    const child = testChild({ Header: [{}], UASC: [{ DUC: '' }] }, { Header: [{}], UASC: [{ DUC: '' }] })
    expect(rule205A.check(child, ctx)).toHaveLength(0)
  })

  it('does nothing without last year’s return', () => {
    const child = testChild({ Header: [{}] }, { Header: [{}], UASC: [{ DUC: '' }] })
    expect(rule205A.check(child, testContext('2025/26', { hasPrevious: false }))).toHaveLength(0)
  })
})
