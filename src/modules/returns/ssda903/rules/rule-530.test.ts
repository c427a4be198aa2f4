import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule530 } from './rule-530.js'

describe('530 private provision (PR4) cannot be a placement with parents (P1)', () => {
  it.each([
    ['P1 with PR4', { PLACE: 'P1', PLACE_PROVIDER: 'PR4' }, 1],
    ['p1 with pr4', { PLACE: 'p1', PLACE_PROVIDER: 'pr4' }, 1],
    ['R1 with PR4', { PLACE: 'R1', PLACE_PROVIDER: 'PR4' }, 0],
    ['P1 with no provider', { PLACE: 'P1', PLACE_PROVIDER: '' }, 0],
    ['no placement, PR4', { PLACE: '', PLACE_PROVIDER: 'PR4' }, 0],
  ] as const)('%s', (_, cells, expected) => {
    expect(rule530.check(testChild({ Episodes: [cells] }), testContext())).toHaveLength(expected)
  })
})
