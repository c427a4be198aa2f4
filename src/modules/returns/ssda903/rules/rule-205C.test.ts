import { describe, expect, it } from 'vitest'
import type { Ssda903Table } from '../model.js'
import { testChild, testContext } from '../test-child.js'
import { rule205C } from './rule-205C.js'

const ctx = testContext()

// Header flags as read from XML ('' is an empty element); a DUC of '' is a UASC row without one.
function child(now: { flag: string; duc?: string }, last: { flag: string; duc?: string }) {
  return testChild(
    { Header: [{ UASC: now.flag }], ...(now.duc === undefined ? {} : { UASC: [{ DUC: now.duc }] }) },
    { Header: [{ UASC: last.flag }], ...(last.duc === undefined ? {} : { UASC: [{ DUC: last.duc }] }) },
  )
}

describe('205C a DUC for a child UASC in neither year', () => {
  it.each([
    ['0 both years, DUC this year', { flag: '0', duc: '01/06/2025' }, { flag: '0' }, 2],
    ['0 both years, DUC last year', { flag: '0' }, { flag: '0', duc: '01/06/2024' }, 1],
    ['0 both years, DUC both years', { flag: '0', duc: '01/06/2025' }, { flag: '0', duc: '01/06/2024' }, 2],
    ['blank both years, DUC this year', { flag: '', duc: '01/06/2025' }, { flag: '' }, 2],
    ['0 both years, a DUC that is not a date', { flag: '0', duc: '31/02/2025' }, { flag: '0' }, 2],
    ['0 both years, no DUC', { flag: '0' }, { flag: '0' }, 0],
    ['0 both years, a UASC row with a blank DUC', { flag: '0', duc: ' ' }, { flag: '0', duc: '' }, 0],
    ['UASC this year', { flag: '1', duc: '01/06/2025' }, { flag: '0' }, 0],
    ['UASC last year', { flag: '0', duc: '01/06/2025' }, { flag: '1', duc: '' }, 0],
  ])('%s', (_, now, last, expected) => {
    expect(rule205C.check(child(now, last), ctx)).toHaveLength(expected)
  })

  it('names this year’s DUC and the Header’s flag', () => {
    expect(rule205C.check(child({ flag: '0', duc: '01/06/2025' }, { flag: '0' }), ctx)).toMatchObject([
      { table: 'UASC', row: 0, fields: ['DUC'] },
      { table: 'Header', row: 0, fields: ['UASC'] },
    ])
  })

  it('says so when only last year’s return holds the DUC', () => {
    const hits = rule205C.check(child({ flag: '0' }, { flag: '0', duc: '01/06/2024' }), ctx)
    expect(hits).toEqual([
      expect.objectContaining({ table: 'Header', detail: "last year's return gives DUC 01/06/2024" }),
    ])
  })

  it('counts a UASC row as the flag in a year read from CSV', () => {
    const csvNow = testChild({ Header: [{}], UASC: [{ DUC: '01/06/2025' }] }, { Header: [{ UASC: '0' }] })
    expect(rule205C.check(csvNow, ctx)).toHaveLength(0)
    const csvLast = testChild({ Header: [{ UASC: '0' }], UASC: [{ DUC: '01/06/2025' }] }, { Header: [{}] })
    expect(rule205C.check(csvLast, ctx)).toHaveLength(2)
    const csvLastUasc = testChild(
      { Header: [{ UASC: '0' }], UASC: [{ DUC: '01/06/2025' }] },
      { Header: [{}], UASC: [{ DUC: '' }] },
    )
    expect(rule205C.check(csvLastUasc, ctx)).toHaveLength(0)
  })

  it('leaves a child not in last year’s Header to rule 303', () => {
    const child = testChild({ Header: [{ UASC: '0' }], UASC: [{ DUC: '01/06/2025' }] })
    expect(rule205C.check(child, ctx)).toHaveLength(0)
  })

  it('does nothing without last year’s return, and names last year’s tables for the runner', () => {
    const flagged = child({ flag: '0', duc: '01/06/2025' }, { flag: '0' })
    expect(rule205C.check(flagged, testContext('2025/26', { hasPrevious: false }))).toHaveLength(0)
    const supplied = {
      current: new Set<Ssda903Table>(['Header', 'UASC']),
      previous: new Set<Ssda903Table>(['Header']),
    }
    expect(rule205C.check(flagged, testContext('2025/26', { supplied }))).toHaveLength(0)
    expect(rule205C.affects.map((a) => a.table)).toEqual(['UASC', 'Header', 'UASC_last', 'Header_last'])
  })
})
