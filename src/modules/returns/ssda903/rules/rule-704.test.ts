import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule704 } from './rule-704.js'

const ctx = testContext('2026/27')

describe('704 DoLO ends within the year', () => {
  it.each([
    ['the day before the year', '31/03/2026', 1],
    ['on 1 April', '01/04/2026', 0],
    ['the day after 1 April', '02/04/2026', 0],
    ['the day before 31 March', '30/03/2027', 0],
    ['on 31 March', '31/03/2027', 0],
    ['the day after the year', '01/04/2027', 1],
    ['open', '', 0],
    ['unreadable', '31/04/2026', 0],
  ])('%s', (_, end, expected) => {
    const child = testChild({ DoLo: [{ DOLO_START: '01/01/2026', DOLO_END: end }] })
    expect(rule704.check(child, ctx)).toHaveLength(expected)
  })
})
