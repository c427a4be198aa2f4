import { describe, expect, it } from 'vitest'
import type { TestCells } from '../test-child.js'
import { testChild, testContext } from '../test-child.js'
import { rule628 } from './rule-628.js'

const ctx = testContext()

function run(mother: string, oc3: TestCells<'OC3'>[], episodes: TestCells<'Episodes'>[] = []) {
  return rule628.check(
    testChild({ Header: [{ SEX: 'F', MOTHER: mother }], OC3: oc3, Episodes: episodes }),
    ctx,
  )
}

describe('628 no motherhood details for a care leaver not looked after', () => {
  it.each([
    ['MOTHER 0', '0', 1],
    ['MOTHER 1', '1', 1],
    ['MOTHER blank', '', 0],
  ])('a care leaver with %s', (_, mother, expected) => {
    expect(run(mother, [{ IN_TOUCH: 'YES', ACTIV: 'F2', ACCOM: 'U1' }])).toHaveLength(expected)
  })

  it('passes a care leaver who was looked after this year', () => {
    expect(run('1', [{ IN_TOUCH: 'YES' }], [{ DECOM: '01/05/2025' }])).toHaveLength(0)
  })

  it('passes a child whose OC3 row is empty', () => {
    expect(run('1', [{ DOB: '01/05/2007' }])).toHaveLength(0)
  })
})
