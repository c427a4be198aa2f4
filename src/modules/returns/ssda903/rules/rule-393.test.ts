import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule393 } from './rule-393.js'

describe('393 mother not completed', () => {
  it.each([
    ['female, blank, care order', 'F', '', ['C2'], 1],
    ['female, 0, care order', 'F', '0', ['C2'], 0],
    ['female, blank, short breaks only', 'F', '', ['V3', 'V4'], 0],
    ['female, blank, a short break and a care order', 'F', '', ['V3', 'C2'], 1],
    ['female, blank, blank legal status', 'F', '', [''], 1],
    ['male, blank', 'M', '', ['C2'], 0],
    ['female, blank, no episodes', 'F', '', [], 0],
  ])('%s', (_, sex, mother, statuses, expected) => {
    const child = testChild({
      Header: [{ SEX: sex, MOTHER: mother }],
      Episodes: statuses.map((LS) => ({ LS })),
    })
    expect(rule393.check(child, testContext())).toHaveLength(expected)
  })
})
