import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule208 } from './rule-208.js'

const ctx = testContext()
const UPN = 'A123456789012'

describe('208 UPN agrees with last year', () => {
  it.each([
    ['same', UPN, UPN, 0],
    ['same, other case', UPN.toLowerCase(), UPN, 0],
    ['a different UPN', 'B123456789012', UPN, 1],
    ['blank after a UPN', '', UPN, 1],
    ['unknown after a UPN', 'UN2', UPN, 1],
    ['a UPN after unknown', UPN, 'UN3', 0],
    ['a UPN after blank', UPN, '', 0],
    ['UN2 after UN1', 'UN2', 'UN1', 0],
    ['UN5 after blank', 'UN5', '', 0],
    ['UN3 after UN2', 'UN3', 'UN2', 1],
    ['UN1 after UN2', 'UN1', 'UN2', 1],
    ['blank both years', '', '', 0],
  ])('%s', (_, now, last, expected) => {
    const child = testChild({ Header: [{ UPN: now }] }, { Header: [{ UPN: last }] })
    expect(rule208.check(child, ctx)).toHaveLength(expected)
  })

  it('does nothing without last year’s return', () => {
    const child = testChild({ Header: [{ UPN: 'UN3' }] }, { Header: [{ UPN: 'UN2' }] })
    expect(rule208.check(child, testContext('2025/26', { hasPrevious: false }))).toHaveLength(0)
  })
})
