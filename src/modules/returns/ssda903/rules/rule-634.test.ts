import { describe, expect, it } from 'vitest'
import type { TestCells } from '../test-child.js'
import { testChild, testContext } from '../test-child.js'
import { rule634 } from './rule-634.js'

const ctx = testContext()

function run(prevPerm: TestCells<'PrevPerm'>, decoms: string[]) {
  return rule634.check(testChild({ Episodes: decoms.map((d) => ({ DECOM: d })), PrevPerm: [prevPerm] }), ctx)
}

describe('634 previous permanence only for a child starting care in the year', () => {
  it.each([
    ['the day before the year', '31/03/2025', 2],
    ['on 1 April', '01/04/2025', 0],
    ['the day after', '02/04/2025', 0],
  ])('last episode began %s', (_, decom, expected) => {
    expect(run({ PREV_PERM: 'Z1' }, ['01/01/2024', decom])).toHaveLength(expected)
  })

  it('names the fields given and the last episode', () => {
    expect(run({ PREV_PERM: 'P1', DATE_PERM: '01/01/2020' }, ['01/01/2024', '01/03/2025'])).toEqual([
      expect.objectContaining({ table: 'PrevPerm', fields: ['PREV_PERM', 'DATE_PERM'] }),
      expect.objectContaining({ table: 'Episodes', row: 1, fields: ['DECOM'] }),
    ])
  })

  it('passes an empty PrevPerm row and a child with no dated episodes', () => {
    expect(run({ PREV_PERM: '' }, ['01/01/2024'])).toHaveLength(0)
    expect(run({ PREV_PERM: 'P1' }, [])).toHaveLength(0)
  })
})
