import { describe, expect, it } from 'vitest'
import { cinChild, cinContext, cinEpisode } from '../test-child.js'
import { rule8590 } from './rule-8590.js'

const ctx = cinContext()

describe('8590 child without a CIN episode', () => {
  it.each([
    ['no episodes', 0, 1],
    ['one episode', 1, 0],
    ['two episodes', 2, 0],
  ])('%s', (_, count, expected) => {
    const child = cinChild({ cinDetails: Array.from({ length: count }, () => cinEpisode()) })
    expect(rule8590.check(child, ctx)).toHaveLength(expected)
  })

  it('reports the child identifiers row', () => {
    const child = cinChild({ cinDetails: [] })
    child.row = 7
    expect(rule8590.check(child, ctx)).toEqual([{ table: 'ChildIdentifiers', row: 7, fields: ['LAchildID'] }])
  })
})
