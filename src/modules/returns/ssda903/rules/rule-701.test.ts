import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule701 } from './rule-701.js'

const ctx = testContext('2026/27')

describe('701 DoLO end is a valid date', () => {
  it.each([
    ['a real date', '31/03/2027', 0],
    ['day out of range', '32/03/2027', 1],
    ['words', 'ongoing', 1],
    ['blank', '', 0],
    ['spaces only', '   ', 0],
  ])('%s', (_, end, expected) => {
    const child = testChild({ DoLo: [{ DOLO_START: '01/05/2026', DOLO_END: end }] })
    expect(rule701.check(child, ctx)).toHaveLength(expected)
  })
})
