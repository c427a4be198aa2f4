import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule528 } from './rule-528.js'

describe("528 another LA's provision (PR2) cannot be a placement with parents (P1), a health placement (R2) or a young offender institution (R5)", () => {
  it.each([
    ['P1 with PR2', { PLACE: 'P1', PLACE_PROVIDER: 'PR2' }, 1],
    ['r5 with pr2', { PLACE: 'r5', PLACE_PROVIDER: 'pr2' }, 1],
    ['R1 with PR2', { PLACE: 'R1', PLACE_PROVIDER: 'PR2' }, 0],
    ['P1 with no provider', { PLACE: 'P1', PLACE_PROVIDER: '' }, 0],
    ['no placement, PR2', { PLACE: '', PLACE_PROVIDER: 'PR2' }, 0],
  ] as const)('%s', (_, cells, expected) => {
    expect(rule528.check(testChild({ Episodes: [cells] }), testContext())).toHaveLength(expected)
  })
})
