import { describe, expect, it } from 'vitest'
import { addDays } from '../episodes.js'
import { formatDfeDate } from '../model.js'
import { testChild, testContext } from '../test-child.js'
import { rule379 } from './rule-379.js'

const ctx = testContext()
const after = (days: number) => formatDfeDate(addDays('2025-06-01', days))

describe('379 T4 at most 7 days', () => {
  it.each([
    ['one day under', after(6), 'T4', 0],
    ['exactly the limit', after(7), 'T4', 0],
    ['one day over', after(8), 'T4', 1],
    ['over, another placement', after(8), 'U4', 0],
    ['open', '', 'T4', 0],
    ['invalid end', '31/09/2025', 'T4', 0],
  ])('%s', (_, dec, place, expected) => {
    const child = testChild({ Episodes: [{ DECOM: '01/06/2025', DEC: dec, PLACE: place }] })
    expect(rule379.check(child, ctx)).toHaveLength(expected)
  })
})
