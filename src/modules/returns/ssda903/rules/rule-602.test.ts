import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule602 } from './rule-602.js'

const ctx = testContext()
const ad1 = { DATE_INT: '01/01/2025', LS_ADOPTR: 'L0' }

function run(dec: string, rec: string) {
  return rule602.check(
    testChild({ Episodes: [{ DECOM: '01/01/2024', DEC: dec, REC: rec }], AD1: [ad1] }),
    ctx,
  )
}

describe('602 AD1 only for a child adopted in the year', () => {
  it.each([
    ['adopted the day before the year', '31/03/2025', 'E11', 1],
    ['adopted on 1 April', '01/04/2025', 'E11', 0],
    ['adopted on 31 March', '31/03/2026', 'E12', 0],
    ['adopted the day after the year', '01/04/2026', 'E12', 1],
    ['returned home', '01/06/2025', 'E4A', 1],
    ['still looked after', '', '', 1],
  ])('%s', (_, dec, rec, expected) => {
    expect(run(dec, rec)).toHaveLength(expected)
  })

  it('names the AD1 row', () => {
    expect(run('', '')[0]).toMatchObject({ table: 'AD1', row: 0, fields: ['CHILD'] })
  })

  it('passes an AD1 row with every adoption field blank', () => {
    const child = testChild({ Episodes: [{ DECOM: '01/01/2024' }], AD1: [{ DOB: '01/01/2020' }] })
    expect(rule602.check(child, ctx)).toHaveLength(0)
  })
})
