import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule302 } from './rule-302.js'

const ctx = testContext()

describe('302 first episode before birth', () => {
  it.each([
    ['starts the day before birth', '09/05/2025', 2],
    ['starts on the day of birth', '10/05/2025', 0],
    ['starts after', '11/05/2025', 0],
  ])('%s', (_, decom, expected) => {
    const child = testChild({ Header: [{ DOB: '10/05/2025' }], Episodes: [{ DECOM: decom }] })
    expect(rule302.check(child, ctx)).toHaveLength(expected)
  })

  it('looks at the earliest episode, whatever the file order', () => {
    const child = testChild({
      Header: [{ DOB: '10/05/2025' }],
      Episodes: [{ DECOM: '01/06/2025' }, { DECOM: '01/05/2025' }, { DECOM: '' }],
    })
    expect(rule302.check(child, ctx)).toMatchObject([{ table: 'Episodes', row: 1 }, { table: 'Header' }])
  })

  it('does nothing without dates', () => {
    expect(rule302.check(testChild({ Header: [{ DOB: '' }], Episodes: [{ DECOM: 'x' }] }), ctx)).toHaveLength(
      0,
    )
  })
})
