import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule550 } from './rule-550.js'

describe("550 the parents' provider code (PR0) goes only with a placement with parents (P1)", () => {
  it.each([
    ['P1 with PR0', { PLACE: 'P1', PLACE_PROVIDER: 'PR0' }, 0],
    ['U4 with PR0', { PLACE: 'U4', PLACE_PROVIDER: 'pr0' }, 1],
    ['no placement with PR0', { PLACE: '', PLACE_PROVIDER: 'PR0' }, 1],
    ['U4 with PR1', { PLACE: 'U4', PLACE_PROVIDER: 'PR1' }, 0],
  ] as const)('%s', (_, cells, expected) => {
    expect(rule550.check(testChild({ Episodes: [cells] }), testContext())).toHaveLength(expected)
  })
})
