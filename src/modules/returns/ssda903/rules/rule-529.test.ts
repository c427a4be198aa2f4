import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule529 } from './rule-529.js'

describe("529 other public provision (PR3) cannot provide a placement with parents, an adoptive, secure or children's home placement, or foster care", () => {
  it.each([
    ['P1 with PR3', { PLACE: 'P1', PLACE_PROVIDER: 'PR3' }, 1],
    ['u6 with pr3', { PLACE: 'u6', PLACE_PROVIDER: 'pr3' }, 1],
    ['R1 with PR3', { PLACE: 'R1', PLACE_PROVIDER: 'PR3' }, 0],
    ['P1 with no provider', { PLACE: 'P1', PLACE_PROVIDER: '' }, 0],
    ['no placement, PR3', { PLACE: '', PLACE_PROVIDER: 'PR3' }, 0],
  ] as const)('%s', (_, cells, expected) => {
    expect(rule529.check(testChild({ Episodes: [cells] }), testContext())).toHaveLength(expected)
  })
})
