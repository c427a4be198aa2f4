import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule626 } from './rule-626.js'

const ctx = testContext()

function run(mcDob: string, motherNow = '1', motherBefore = '0') {
  return rule626.check(
    testChild({ Header: [{ MOTHER: motherNow, MC_DOB: mcDob }] }, { Header: [{ MOTHER: motherBefore }] }),
    ctx,
  )
}

describe('626 a new mother had her first child this year', () => {
  it.each([
    ['the day before the year', '31/03/2025', 1],
    ['on 1 April', '01/04/2025', 0],
    ['the day after', '02/04/2025', 0],
  ])('first child born %s', (_, mcDob, expected) => {
    expect(run(mcDob)).toHaveLength(expected)
  })

  it('passes a mother last year too, and a child not a mother now', () => {
    expect(run('01/01/2024', '1', '1')).toHaveLength(0)
    expect(run('01/01/2024', '0', '0')).toHaveLength(0)
  })

  it('does nothing without last year', () => {
    const none = testContext('2025/26', { hasPrevious: false })
    const child = testChild(
      { Header: [{ MOTHER: '1', MC_DOB: '01/01/2024' }] },
      { Header: [{ MOTHER: '0' }] },
    )
    expect(rule626.check(child, none)).toHaveLength(0)
  })
})
