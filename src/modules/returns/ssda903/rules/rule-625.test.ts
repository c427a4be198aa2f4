import { describe, expect, it } from 'vitest'
import type { TestCells } from '../test-child.js'
import { testChild, testContext } from '../test-child.js'
import { rule625 } from './rule-625.js'

const ctx = testContext()

function run(mcDob: string, episodes: TestCells<'Episodes'>[] = []) {
  return rule625.check(testChild({ Header: [{ MOTHER: '1', MC_DOB: mcDob }], Episodes: episodes }), ctx)
}

describe('625 MC_DOB by the end of the year and of care', () => {
  it.each([
    ['the day before 31 March', '30/03/2026', 0],
    ['on 31 March', '31/03/2026', 0],
    ['the day after', '01/04/2026', 1],
    ['unreadable', '31/04/2025', 0],
  ])('%s', (_, mcDob, expected) => {
    expect(run(mcDob, [{ DECOM: '01/01/2025' }])).toHaveLength(expected)
  })

  it.each([
    ['the day before she left care', '31/07/2025', 0],
    ['the day she left care', '01/08/2025', 0],
    ['the day after', '02/08/2025', 2],
  ])('born %s', (_, mcDob, expected) => {
    const hits = run(mcDob, [{ DECOM: '01/01/2025', DEC: '01/08/2025', REC: 'E4A' }])
    expect(hits).toHaveLength(expected)
  })

  it('names the Header row and the episode', () => {
    const hits = run('02/08/2025', [{ DECOM: '01/01/2025', DEC: '01/08/2025', REC: 'E4A' }])
    expect(hits).toEqual([
      expect.objectContaining({ table: 'Header', fields: ['MC_DOB'] }),
      expect.objectContaining({ table: 'Episodes', row: 0, fields: ['DEC'] }),
    ])
  })

  it('compares with the last episode only: a child back in care is looked after now', () => {
    const episodes = [
      { DECOM: '01/01/2025', DEC: '01/06/2025', REC: 'E4A' },
      { DECOM: '01/09/2025', DEC: '', REC: '' },
    ]
    expect(run('01/08/2025', episodes)).toHaveLength(0)
  })
})
