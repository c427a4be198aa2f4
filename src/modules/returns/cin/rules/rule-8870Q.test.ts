import { describe, expect, it } from 'vitest'
import { cinChild, cinContext, cinEpisode, section47 } from '../test-child.js'
import { rule8870Q } from './rule-8870Q.js'

const ctx = cinContext()

describe('8870Q ICPC target date on a weekend', () => {
  it.each([
    ['Friday', '2025-05-23', 0],
    ['Saturday', '2025-05-24', 1],
    ['Sunday', '2025-05-25', 1],
    ['Monday, a bank holiday', '2025-05-26', 0],
    ['Saturday, UK spelling', '24/05/2025', 1],
    ['no target date', null, 0],
    ['unreadable', '2025-05-32', 0],
  ])('%s', (_, target, expected) => {
    const child = cinChild({
      cinDetails: [cinEpisode({ section47s: [section47({ InitialCPCtarget: target })] })],
    })
    expect(rule8870Q.check(child, ctx)).toHaveLength(expected)
  })

  it('reports the enquiry row', () => {
    const child = cinChild({
      cinDetails: [cinEpisode({ section47s: [section47(), section47({ InitialCPCtarget: '2025-06-01' })] })],
    })
    expect(rule8870Q.check(child, ctx).map((h) => [h.table, h.row])).toEqual([['Section47', 1]])
  })
})
