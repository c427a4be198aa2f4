import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule527 } from './rule-527.js'

describe("527 the LA's own provision (PR1) cannot be a placement with parents (P1), a health placement (R2) or a young offender institution (R5)", () => {
  it.each([
    ['P1 with PR1', { PLACE: 'P1', PLACE_PROVIDER: 'PR1' }, 1],
    ['r5 with pr1', { PLACE: 'r5', PLACE_PROVIDER: 'pr1' }, 1],
    ['R1 with PR1', { PLACE: 'R1', PLACE_PROVIDER: 'PR1' }, 0],
    ['P1 with no provider', { PLACE: 'P1', PLACE_PROVIDER: '' }, 0],
    ['no placement, PR1', { PLACE: '', PLACE_PROVIDER: 'PR1' }, 0],
  ] as const)('%s', (_, cells, expected) => {
    expect(rule527.check(testChild({ Episodes: [cells] }), testContext())).toHaveLength(expected)
  })
})
