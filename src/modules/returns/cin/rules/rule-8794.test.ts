import { describe, expect, it } from 'vitest'
import { cinChild, cinContext } from '../test-child.js'
import { rule8794 } from './rule-8794.js'

const ctx = cinContext()

describe('8794 the same disability code twice', () => {
  it.each([
    ['one code', ['MOB'], 0],
    ['two different codes', ['MOB', 'HAND'], 0],
    ['the same code twice', ['MOB', 'MOB'], 2],
    ['the same code three times', ['MOB', 'VIS', 'MOB', 'MOB'], 3],
    ['NONE twice', ['NONE', 'NONE'], 2],
    ['different case is a different code', ['MOB', 'mob'], 0],
    ['two blanks', ['', ''], 0],
    ['no disabilities element', null, 0],
  ])('%s', (_, codes, expected) => {
    expect(rule8794.check(cinChild({ disabilities: codes }), ctx)).toHaveLength(expected)
  })

  it('reports every row of the repeated code', () => {
    const hits = rule8794.check(cinChild({ disabilities: ['MOB', 'VIS', 'MOB'] }), ctx)
    expect(hits.map((h) => [h.table, h.row])).toEqual([
      ['Disabilities', 0],
      ['Disabilities', 2],
    ])
  })
})
