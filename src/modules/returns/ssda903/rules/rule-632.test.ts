import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule632 } from './rule-632.js'

const ctx = testContext()

function run(datePerm: string, decoms: string[] = ['01/07/2021']) {
  const child = testChild({
    Episodes: decoms.map((d) => ({ DECOM: d })),
    PrevPerm: [{ PREV_PERM: 'P1', DATE_PERM: datePerm }],
  })
  return rule632.check(child, ctx)
}

describe('632 date of previous permanence order', () => {
  it.each([
    ['the day before care began', '30/06/2021', 0],
    ['the day care began', '01/07/2021', 2],
    ['the day after', '02/07/2021', 2],
    ['blank', '', 0],
  ])('%s', (_, datePerm, expected) => {
    expect(run(datePerm)).toHaveLength(expected)
  })

  it.each([
    ['a month before, day not known', 'ZZ/05/2021', 0],
    ['the month care began, day not known', 'ZZ/07/2021', 2],
    ['the year care began, month not known', '05/ZZ/2021', 2],
    ['an earlier year, day and month not known', 'ZZ/ZZ/2020', 0],
    ['nothing known', 'ZZ/ZZ/ZZZZ', 0],
  ])('%s', (_, datePerm, expected) => {
    expect(run(datePerm)).toHaveLength(expected)
  })

  it.each([
    ['letters', 'xx/10/2011'],
    ['a two-letter year', 'ZZ/ZZ/ZZ'],
    ['month out of range', '01/13/2000'],
  ])('reports %s on the PrevPerm row only', (_, datePerm) => {
    expect(run(datePerm)).toEqual([expect.objectContaining({ table: 'PrevPerm', fields: ['DATE_PERM'] })])
  })

  it('compares with the earliest episode, whatever the file order', () => {
    expect(run('01/08/2021', ['01/09/2021', '01/07/2021'])).toEqual([
      expect.objectContaining({ table: 'PrevPerm' }),
      expect.objectContaining({ table: 'Episodes', row: 1 }),
    ])
  })

  it('reports a badly written date for a child with no episodes', () => {
    expect(run('xx/10/2011', [])).toHaveLength(1)
    expect(run('01/10/2011', [])).toHaveLength(0)
  })
})
