import { describe, expect, it } from 'vitest'
import type { Ssda903Table } from '../model.js'
import { testChild, testContext } from '../test-child.js'
import { rule700 } from './rule-700.js'

const ctx = testContext('2026/27')

describe('700 DoLO start is a valid date', () => {
  it.each([
    ['a real date', '29/02/2028', 0],
    ['not a leap year', '29/02/2027', 1],
    ['month out of range', '01/13/2026', 1],
    ['ISO form', '2026-05-01', 1],
    ['blank', '', 1],
  ])('%s', (_, start, expected) => {
    expect(rule700.check(testChild({ DoLo: [{ DOLO_START: start }] }), ctx)).toHaveLength(expected)
  })

  it('does not run when no DoLo file was supplied', () => {
    const none = testContext('2026/27', {
      supplied: { current: new Set<Ssda903Table>(['Header']), previous: new Set<Ssda903Table>() },
    })
    expect(rule700.check(testChild({ DoLo: [{ DOLO_START: '' }] }), none)).toHaveLength(0)
  })
})
