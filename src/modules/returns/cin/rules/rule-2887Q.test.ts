import { describe, expect, it } from 'vitest'
import type { CinChild } from '../model.js'
import { cinChild, cinContext } from '../test-child.js'
import { rule2887Q } from './rule-2887Q.js'

function run(children: CinChild[]) {
  const check = rule2887Q.begin(cinContext())
  for (const c of children) check.see(c)
  return check.finish()
}

const EIGHT = ['MOB', 'HAND', 'PC', 'INC', 'COMM', 'LD', 'HEAR', 'VIS']

describe('2887Q fewer than 8 disability codes used', () => {
  it.each([
    ['eight codes, one child each', EIGHT.map((d) => [d]), 0],
    ['eight codes on one child', [EIGHT], 0],
    ['seven codes', EIGHT.slice(0, 7).map((d) => [d]), 1],
    ['seven codes and NONE', [...EIGHT.slice(0, 7).map((d) => [d]), ['NONE']], 1],
    ['seven codes used many times', [...EIGHT.slice(0, 7), ...EIGHT.slice(0, 7)].map((d) => [d]), 1],
    ['seven codes and an invalid one', [...EIGHT.slice(0, 7).map((d) => [d]), ['XYZ']], 1],
    ['seven codes and a blank', [...EIGHT.slice(0, 7).map((d) => [d]), ['']], 1],
    ['many children with NONE only', Array.from({ length: 20 }, () => ['NONE']), 1],
    ['no children', [], 1],
  ])('%s', (_, perChild, expected) => {
    expect(run(perChild.map((d) => cinChild({ disabilities: d })))).toHaveLength(expected)
  })
})
