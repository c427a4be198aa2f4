import { describe, expect, it } from 'vitest'
import { addDays } from '../episodes.js'
import { formatDfeDate } from '../model.js'
import { testChild, testContext } from '../test-child.js'
import { rule376 } from './rule-376.js'

const ctx = testContext()
const after = (days: number) => formatDfeDate(addDays('2025-06-01', days))

describe('376 T3 at most 21 days', () => {
  it.each([
    ['one day under', after(20), 'T3', 0],
    ['exactly the limit', after(21), 'T3', 0],
    ['one day over', after(22), 'T3', 1],
    ['over, another placement', after(22), 'U4', 0],
    ['open', '', 'T3', 0],
    ['invalid end', '31/09/2025', 'T3', 0],
  ])('%s', (_, dec, place, expected) => {
    const child = testChild({ Episodes: [{ DECOM: '01/06/2025', DEC: dec, PLACE: place }] })
    expect(rule376.check(child, ctx)).toHaveLength(expected)
  })
})
