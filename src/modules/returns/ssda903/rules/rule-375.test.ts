import { describe, expect, it } from 'vitest'
import { addDays } from '../episodes.js'
import { formatDfeDate } from '../model.js'
import { testChild, testContext } from '../test-child.js'
import { rule375 } from './rule-375.js'

const ctx = testContext()
const after = (days: number) => formatDfeDate(addDays('2025-06-01', days))

describe('375 T1 at most 42 days', () => {
  it.each([
    ['one day under', after(41), 'T1', 0],
    ['exactly the limit', after(42), 'T1', 0],
    ['one day over', after(43), 'T1', 1],
    ['over, another placement', after(43), 'U4', 0],
    ['open', '', 'T1', 0],
    ['invalid end', '31/09/2025', 'T1', 0],
  ])('%s', (_, dec, place, expected) => {
    const child = testChild({ Episodes: [{ DECOM: '01/06/2025', DEC: dec, PLACE: place }] })
    expect(rule375.check(child, ctx)).toHaveLength(expected)
  })
})
