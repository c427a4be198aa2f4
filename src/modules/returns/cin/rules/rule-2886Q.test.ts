import { describe, expect, it } from 'vitest'
import type { CinChild } from '../model.js'
import { cinChild, cinContext } from '../test-child.js'
import { rule2886Q } from './rule-2886Q.js'

function run(children: CinChild[]) {
  const check = rule2886Q.begin(cinContext())
  for (const c of children) check.see(c)
  return check.finish()
}

const born = (n: number, sex: string | null) => Array.from({ length: n }, () => cinChild({ Sex: sex }))
const unborn = (n: number) =>
  Array.from({ length: n }, () =>
    cinChild({ Sex: 'U', PersonBirthDate: null, ExpectedPersonBirthDate: '2026-05-01' }),
  )

describe('2886Q share of children with no sex recorded', () => {
  it.each([
    ['none missing', [...born(100, 'F')], 0],
    ['exactly 2%', [...born(98, 'F'), ...born(2, null)], 0],
    ['just over 2%', [...born(97, 'F'), ...born(3, null)], 1],
    ['U counts as not recorded', [...born(97, 'M'), ...born(3, 'U')], 1],
    ['blank counts as not recorded', [...born(97, 'M'), ...born(3, '')], 1],
    ['an invalid code is recorded (4180 reports it)', [...born(97, 'M'), ...born(3, 'X')], 0],
    ['unborn children are left out of the count', [...born(97, 'F'), ...unborn(3)], 0],
    ['one child of one', born(1, null), 1],
    ['no children', [], 0],
  ])('%s', (_, children, expected) => {
    expect(run(children)).toHaveLength(expected)
  })

  it('is reported once, for the return', () => {
    expect(run(born(2, null))[0]).toMatchObject({ childId: null, row: -1, detail: '2 of 2 (100.0%)' })
  })
})
