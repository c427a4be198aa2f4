import { describe, expect, it } from 'vitest'
import { cinChild, cinContext } from '../test-child.js'
import { rule8500 } from './rule-8500.js'

const ctx = cinContext()

describe('8500 LA child ID missing', () => {
  it.each([
    ['given', 'CHILD0001', 0],
    ['one character', '7', 0],
    ['missing', null, 1],
    ['blank', '', 1],
    ['only spaces', '   ', 1],
  ])('%s', (_, id, expected) => {
    expect(rule8500.check(cinChild({ LAchildID: id }), ctx)).toHaveLength(expected)
  })
})
