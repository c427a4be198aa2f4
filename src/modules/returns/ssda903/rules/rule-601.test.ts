import { describe, expect, it } from 'vitest'
import type { TestCells } from '../test-child.js'
import { testChild, testContext } from '../test-child.js'
import { rule601 } from './rule-601.js'

const ctx = testContext()
const complete: TestCells<'AD1'> = {
  DATE_INT: '01/01/2025',
  DATE_MATCH: '01/02/2025',
  FOSTER_CARE: '0',
  NB_ADOPTR: '2',
  SEX_ADOPTR: 'MF',
  LS_ADOPTR: 'L11',
}

function run(dec: string, rec: string, ad1: TestCells<'AD1'>[]) {
  return rule601.check(testChild({ Episodes: [{ DECOM: '01/01/2024', DEC: dec, REC: rec }], AD1: ad1 }), ctx)
}

describe('601 AD1 completed for a child adopted in the year', () => {
  it('passes a complete AD1 row', () => {
    expect(run('01/06/2025', 'E11', [complete])).toHaveLength(0)
  })

  it.each(['DATE_INT', 'DATE_MATCH', 'FOSTER_CARE', 'NB_ADOPTR', 'SEX_ADOPTR', 'LS_ADOPTR'] as const)(
    'flags a blank %s on the AD1 row and the episode',
    (field) => {
      const hits = run('01/06/2025', 'E12', [{ ...complete, [field]: ' ' }])
      expect(hits).toEqual([
        expect.objectContaining({ table: 'AD1', row: 0, fields: [field] }),
        expect.objectContaining({ table: 'Episodes', row: 0, fields: ['REC'] }),
      ])
    },
  )

  it.each([
    ['the day before the year', '31/03/2025', 0],
    ['on 1 April', '01/04/2025', 2],
    ['on 31 March', '31/03/2026', 2],
    ['the day after the year', '01/04/2026', 0],
  ])('adopted %s with an incomplete AD1 row', (_, dec, expected) => {
    expect(run(dec, 'E11', [{ ...complete, LS_ADOPTR: '' }])).toHaveLength(expected)
  })

  it('passes an episode ending for another reason', () => {
    expect(run('01/06/2025', 'E4A', [{}])).toHaveLength(0)
  })

  it('flags the adoption episode of a child with no AD1 row', () => {
    expect(run('01/06/2025', 'E11', [])).toEqual([
      expect.objectContaining({ table: 'Episodes', detail: 'no AD1 row for the child' }),
    ])
  })
})
