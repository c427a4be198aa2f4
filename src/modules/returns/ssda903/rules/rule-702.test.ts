import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule702 } from './rule-702.js'

const ctx = testContext('2026/27')

describe('702 DoLO ends after it starts', () => {
  it.each([
    ['ends the day before it starts', '01/06/2026', '31/05/2026', 1],
    ['ends the day it starts', '01/06/2026', '01/06/2026', 1],
    ['ends the day after', '01/06/2026', '02/06/2026', 0],
    ['open', '01/06/2026', '', 0],
    ['unreadable start', 'June', '02/06/2026', 0],
  ])('%s', (_, start, end, expected) => {
    const child = testChild({ DoLo: [{ DOLO_START: start, DOLO_END: end }] })
    expect(rule702.check(child, ctx)).toHaveLength(expected)
  })
})
