import { describe, expect, it } from 'vitest'
import { cinChild, cinContext } from '../test-child.js'
import { rule8790 } from './rule-8790.js'

const ctx = cinContext()

describe('8790 NONE with other disabilities', () => {
  it.each([
    ['NONE alone', ['NONE'], 0],
    ['one other code alone', ['MOB'], 0],
    ['two other codes', ['MOB', 'HAND'], 0],
    ['NONE and one other', ['NONE', 'MOB'], 1],
    ['NONE and two others', ['MOB', 'NONE', 'HAND'], 2],
    ['lower-case none and one other', ['none', 'MOB'], 1],
    ['NONE twice (8794 reports it)', ['NONE', 'NONE'], 0],
    ['NONE and a blank', ['NONE', ''], 1],
    ['no disabilities element', null, 0],
  ])('%s', (_, codes, expected) => {
    expect(rule8790.check(cinChild({ disabilities: codes }), ctx)).toHaveLength(expected)
  })

  it('reports the rows that are not NONE', () => {
    const hits = rule8790.check(cinChild({ disabilities: ['MOB', 'NONE', 'HAND'] }), ctx)
    expect(hits.map((h) => [h.table, h.row])).toEqual([
      ['Disabilities', 0],
      ['Disabilities', 2],
    ])
  })
})
