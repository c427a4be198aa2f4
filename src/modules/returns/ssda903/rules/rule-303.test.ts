import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule303 } from './rule-303.js'

const ctx = testContext()

describe('303 a DUC needs the UASC flag 1', () => {
  it.each([
    ['flag 1 with a DUC', '1', '01/06/2025', 0],
    ['flag 0 with a DUC', '0', '01/06/2025', 2],
    ['blank flag with a DUC', '', '01/06/2025', 2],
    ['flag Y with a DUC', 'Y', '01/06/2025', 2],
    ['flag 0 with a DUC that is not a date', '0', '31/02/2025', 2],
    ['flag 0 and no DUC', '0', '', 0],
    ['flag 0 and spaces for DUC', '0', '  ', 0],
    ['flag 1 and no DUC', '1', '', 0],
  ])('%s', (_, flag, duc, expected) => {
    const hits = rule303.check(testChild({ Header: [{ UASC: flag }], UASC: [{ DUC: duc }] }), ctx)
    expect(hits).toHaveLength(expected)
  })

  it('names the UASC row’s DUC and the Header’s flag', () => {
    const child = testChild({ Header: [{ UASC: '0' }], UASC: [{ DUC: '01/06/2025' }] })
    expect(rule303.check(child, ctx)).toMatchObject([
      { table: 'UASC', row: 0, fields: ['DUC'] },
      { table: 'Header', row: 0, fields: ['UASC'] },
    ])
  })

  it('never reports a return read from CSV: its UASC row is its flag', () => {
    expect(rule303.check(testChild({ Header: [{}], UASC: [{ DUC: '01/06/2025' }] }), ctx)).toHaveLength(0)
  })
})
