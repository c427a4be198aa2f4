import { describe, expect, it } from 'vitest'
import type { CinChild } from '../model.js'
import { cinChild, cinContext } from '../test-child.js'
import { rule1520 } from './rule-1520.js'

function run(children: CinChild[]) {
  const check = rule1520.begin(cinContext())
  for (const c of children) check.see(c)
  return check.finish()
}

function child(row: number, id: string, upn: string | null): CinChild {
  const c = cinChild({ LAchildID: id, UPN: upn })
  c.row = row
  return c
}

describe('1520 UPN used by more than one child', () => {
  it.each([
    ['all different', ['Z201251000001', 'N201251000002', 'K201251000000'], []],
    ['two the same', ['Z201251000001', 'N201251000002', 'Z201251000001'], [0, 2]],
    ['three the same', ['Z201251000001', 'Z201251000001', 'Z201251000001'], [0, 1, 2]],
    ['blank UPNs are not duplicates', [null, '', null], []],
    ['case matters', ['Z201251000001', 'z201251000001', 'N201251000002'], []],
  ])('%s', (_, upns, rows) => {
    const hits = run(upns.map((u, i) => child(i, `C${i}`, u)))
    expect(hits.map((h) => h.row).sort()).toEqual(rows)
  })

  it('names each child', () => {
    const hits = run([child(0, 'A1', 'Z201251000001'), child(1, 'B2', 'Z201251000001')])
    expect(hits.map((h) => h.childId)).toEqual(['A1', 'B2'])
  })
})
