import { describe, expect, it } from 'vitest'
import type { Ssda903Table } from '../model.js'
import { testChild, testContext } from '../test-child.js'
import { ruleINT09 } from './rule-INT09.js'

const ctx = testContext()

describe('INT09 child in UASC is in Header', () => {
  it('passes a child with a Header row', () => {
    const child = testChild({ Header: [{ DOB: '01/05/2012' }], UASC: [{ DOB: '01/05/2012' }] })
    expect(ruleINT09.check(child, ctx)).toHaveLength(0)
  })

  it('flags each UASC row of a child with no Header row', () => {
    const child = testChild({ UASC: [{ DOB: '01/05/2012' }, { DOB: '01/05/2012' }] })
    const hits = ruleINT09.check(child, ctx)
    expect(hits).toHaveLength(2)
    expect(hits[1]).toMatchObject({ table: 'UASC', row: 1, fields: ['CHILD'] })
  })

  it('passes a child with neither', () => {
    expect(ruleINT09.check(testChild({}), ctx)).toHaveLength(0)
  })

  it('does not run when Header was not supplied', () => {
    const only = testContext('2025/26', {
      supplied: { current: new Set<Ssda903Table>(['UASC']), previous: new Set<Ssda903Table>() },
    })
    expect(ruleINT09.check(testChild({ UASC: [{ DOB: '01/05/2012' }] }), only)).toHaveLength(0)
  })
})
