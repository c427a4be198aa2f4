import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule103 } from './rule-103.js'

const ctx = testContext()

describe('103 ethnicity code is valid and given', () => {
  it.each([
    ['WBRI', 'WBRI', 0],
    ['NOBT', 'NOBT', 0],
    ['with spaces and lower case', ' refu ', 0],
    ['a CIN-only code', 'N0', 1],
    ['unknown', 'WXYZ', 1],
    ['blank', '', 1],
  ])('%s', (_, value, expected) => {
    const child = testChild({ Header: [{ ETHNIC: value }] })
    expect(rule103.check(child, ctx)).toHaveLength(expected)
  })

  it('reports the row and field at fault', () => {
    const child = testChild({ Header: [{ ETHNIC: 'AIND' }, { ETHNIC: '?!' }] })
    expect(rule103.check(child, ctx)).toEqual([
      expect.objectContaining({ table: 'Header', row: 1, fields: ['ETHNIC'] }),
    ])
  })
})
