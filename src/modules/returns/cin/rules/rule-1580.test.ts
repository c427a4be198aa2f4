import { describe, expect, it } from 'vitest'
import { cinChild, cinContext } from '../test-child.js'
import { rule1580 } from './rule-1580.js'

const ctx = cinContext()

describe('1580 LA child ID characters', () => {
  it.each([
    ['letters and digits', 'CHILD0001', 0],
    ['digits only', '12345', 0],
    ['accented letter', 'ZOË1', 0],
    ['a hyphen', 'CHILD-0001', 1],
    ['a slash', 'CH/1', 1],
    ['an underscore', 'CHILD_1', 1],
    ['a space inside', 'CHILD 1', 1],
    ['spaces around (read trimmed)', ' CHILD1 ', 0],
    ['no ID (8500 reports it)', null, 0],
    ['blank ID (8500 reports it)', '', 0],
  ])('%s', (_, id, expected) => {
    expect(rule1580.check(cinChild({ LAchildID: id }), ctx)).toHaveLength(expected)
  })
})
