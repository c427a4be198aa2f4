import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule531 } from './rule-531.js'

describe('531 voluntary provision (PR5) cannot be a placement with parents (P1)', () => {
  it.each([
    ['P1 with PR5', { PLACE: 'P1', PLACE_PROVIDER: 'PR5' }, 1],
    ['p1 with pr5', { PLACE: 'p1', PLACE_PROVIDER: 'pr5' }, 1],
    ['R1 with PR5', { PLACE: 'R1', PLACE_PROVIDER: 'PR5' }, 0],
    ['P1 with no provider', { PLACE: 'P1', PLACE_PROVIDER: '' }, 0],
    ['no placement, PR5', { PLACE: '', PLACE_PROVIDER: 'PR5' }, 0],
  ] as const)('%s', (_, cells, expected) => {
    expect(rule531.check(testChild({ Episodes: [cells] }), testContext())).toHaveLength(expected)
  })
})
