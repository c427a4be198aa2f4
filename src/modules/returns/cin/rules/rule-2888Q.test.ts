import { describe, expect, it } from 'vitest'
import type { CinChild } from '../model.js'
import { cinChild, cinContext } from '../test-child.js'
import { rule2888Q } from './rule-2888Q.js'

function run(children: CinChild[]) {
  const check = rule2888Q.begin(cinContext())
  for (const c of children) check.see(c)
  return check.finish()
}

const child = (id: string | null, disabilities: string[]) => cinChild({ LAchildID: id, disabilities })

describe('2888Q only one disability per child', () => {
  it.each([
    ['one child with two codes', [child('A', ['MOB', 'HAND']), child('B', ['VIS'])], 0],
    ['every child with one code', [child('A', ['MOB']), child('B', ['VIS'])], 1],
    ['NONE does not count as a second code', [child('A', ['MOB', 'NONE']), child('B', ['NONE', 'NONE'])], 1],
    ['a blank does not count as a second code', [child('A', ['MOB', ''])], 1],
    ['only blanks still make a disabled child', [child('A', [''])], 1],
    ['no child with a disability', [child('A', ['NONE']), child('B', [])], 0],
    ['the same identifier twice adds up', [child('A', ['MOB']), child('A', ['VIS'])], 0],
    [
      'two codes on a child with no identifier are left out',
      [child(null, ['MOB', 'VIS']), child('B', ['LD'])],
      1,
    ],
    ['no children', [], 0],
  ])('%s', (_, children, expected) => {
    expect(run(children)).toHaveLength(expected)
  })
})
