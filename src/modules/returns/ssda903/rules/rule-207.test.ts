import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule207 } from './rule-207.js'

const ctx = testContext()
const episode = { DECOM: '01/06/2025' }

describe('207 mother status agrees with last year', () => {
  it.each([
    ['a mother both years', '1', '1', 0],
    ['a mother last year, not this year', '0', '1', 1],
    ['a mother last year, blank this year', '', '1', 1],
    ['not a mother last year, one this year', '1', '0', 0],
    ['blank last year', '0', '', 0],
  ])('%s', (_, now, last, expected) => {
    const child = testChild(
      { Header: [{ MOTHER: now }], Episodes: [episode] },
      { Header: [{ MOTHER: last }] },
    )
    expect(rule207.check(child, ctx)).toHaveLength(expected)
  })

  it('ignores a child with no episode this year', () => {
    const child = testChild({ Header: [{ MOTHER: '0' }] }, { Header: [{ MOTHER: '1' }] })
    expect(rule207.check(child, ctx)).toHaveLength(0)
  })

  it('does nothing without last year’s return', () => {
    const child = testChild({ Header: [{ MOTHER: '0' }], Episodes: [episode] }, { Header: [{ MOTHER: '1' }] })
    expect(rule207.check(child, testContext('2025/26', { hasPrevious: false }))).toHaveLength(0)
  })
})
