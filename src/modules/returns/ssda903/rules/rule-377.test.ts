import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule377 } from './rule-377.js'

describe('377 at most two carers’ holiday placements', () => {
  it.each([
    ['two', ['T3', 'T3', 'U4'], 0],
    ['three', ['T3', 'T3', 'T3', 'U4'], 3],
    ['three temporary, two of them T3', ['T3', 'T3', 'T1'], 0],
  ])('%s', (_, places, expected) => {
    const child = testChild({ Episodes: places.map((PLACE) => ({ PLACE })) })
    expect(rule377.check(child, testContext())).toHaveLength(expected)
  })
})
