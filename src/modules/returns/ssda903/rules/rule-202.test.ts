import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule202 } from './rule-202.js'

const ctx = testContext()

describe('202 sex agrees with last year', () => {
  it.each([
    ['same', 'F', 'F', 0],
    ['different', 'M', 'F', 1],
    ['old coding, same sex', 'F', '2', 0],
    ['old coding, other sex', 'M', '2', 1],
    ['lower case this year', 'f', 'F', 0],
    ['blank this year', '', 'F', 1],
    ['blank both years', '', '', 0],
  ])('%s', (_, now, before, expected) => {
    const child = testChild({ Header: [{ SEX: now }] }, { Header: [{ SEX: before }] })
    expect(rule202.check(child, ctx)).toHaveLength(expected)
  })

  it('does nothing for a child new this year', () => {
    expect(rule202.check(testChild({ Header: [{ SEX: 'M' }] }), ctx)).toHaveLength(0)
  })

  it('does nothing without last year’s return', () => {
    const child = testChild({ Header: [{ SEX: 'M' }] }, { Header: [{ SEX: 'F' }] })
    expect(rule202.check(child, testContext('2025/26', { hasPrevious: false }))).toHaveLength(0)
  })
})
