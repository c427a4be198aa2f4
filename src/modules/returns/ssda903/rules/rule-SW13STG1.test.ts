import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { ruleSW13STG1 } from './rule-SW13STG1.js'

const ctx = testContext()

describe('SW13STG1 reason for social worker change', () => {
  it.each([
    ['a valid code', '01/06/2025', 'LEFTRL', 0],
    ['lower case', '01/06/2025', 'others', 0],
    ['not a code', '01/06/2025', 'LEFT', 1],
    ['not a code before April 2023', '01/06/2022', 'LEFT', 1],
    ['blank, began the day before 1 April 2023', '31/03/2023', '', 0],
    ['blank, began on 1 April 2023', '01/04/2023', '', 1],
    ['blank, no readable start', '', '', 0],
  ])('%s', (_, decom, reason, expected) => {
    const child = testChild({ SWEpisodes: [{ SW_DECOM: decom, SW_REASON: reason }] })
    expect(ruleSW13STG1.check(child, ctx)).toHaveLength(expected)
  })
})
