import { describe, expect, it } from 'vitest'
import type { CinChild } from '../model.js'
import { cinChild, cinContext } from '../test-child.js'
import { rule8510 } from './rule-8510.js'

function run(ids: (string | null)[]) {
  const check = rule8510.begin(cinContext())
  ids.forEach((id, row) => {
    const c: CinChild = cinChild({ LAchildID: id })
    c.row = row
    check.see(c)
  })
  return check
    .finish()
    .map((h) => h.row)
    .sort()
}

describe('8510 LA child ID used more than once', () => {
  it.each([
    ['all different', ['A', 'B', 'C'], []],
    ['two the same', ['A', 'B', 'A'], [0, 2]],
    ['three the same', ['A', 'A', 'A'], [0, 1, 2]],
    ['case matters', ['A', 'a'], []],
    ['one child with no ID', [null, 'A'], []],
    ['two children with no ID', [null, 'A', ''], [0, 2]],
  ])('%s', (_, ids, rows) => {
    expect(run(ids)).toEqual(rows)
  })
})
