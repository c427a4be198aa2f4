import { describe, expect, it } from 'vitest'
import type { Ssda903Table } from '../model.js'
import { testChild, testContext } from '../test-child.js'
import { ruleINT01 } from './rule-INT01.js'

const ctx = testContext()

describe('INT01 child in AD1 is in Header', () => {
  it('passes a child with a Header row', () => {
    const child = testChild({ Header: [{ DOB: '01/05/2012' }], AD1: [{ DOB: '01/05/2012' }] })
    expect(ruleINT01.check(child, ctx)).toHaveLength(0)
  })

  it('flags each AD1 row of a child with no Header row', () => {
    const child = testChild({ AD1: [{ DOB: '01/05/2012' }, { DOB: '01/05/2012' }] })
    const hits = ruleINT01.check(child, ctx)
    expect(hits).toHaveLength(2)
    expect(hits[1]).toMatchObject({ table: 'AD1', row: 1, fields: ['CHILD'] })
  })

  it('passes a child with neither', () => {
    expect(ruleINT01.check(testChild({}), ctx)).toHaveLength(0)
  })

  it('does not run when Header was not supplied', () => {
    const only = testContext('2025/26', {
      supplied: { current: new Set<Ssda903Table>(['AD1']), previous: new Set<Ssda903Table>() },
    })
    expect(ruleINT01.check(testChild({ AD1: [{ DOB: '01/05/2012' }] }), only)).toHaveLength(0)
  })
})
