import { describe, expect, it } from 'vitest'
import type { Ssda903Table } from '../model.js'
import { testChild, testContext } from '../test-child.js'
import { ruleINT07 } from './rule-INT07.js'

const ctx = testContext()

describe('INT07 child in PrevPerm is in Header', () => {
  it('passes a child with a Header row', () => {
    const child = testChild({ Header: [{ DOB: '01/05/2012' }], PrevPerm: [{ DOB: '01/05/2012' }] })
    expect(ruleINT07.check(child, ctx)).toHaveLength(0)
  })

  it('flags each PrevPerm row of a child with no Header row', () => {
    const child = testChild({ PrevPerm: [{ DOB: '01/05/2012' }, { DOB: '01/05/2012' }] })
    const hits = ruleINT07.check(child, ctx)
    expect(hits).toHaveLength(2)
    expect(hits[1]).toMatchObject({ table: 'PrevPerm', row: 1, fields: ['CHILD'] })
  })

  it('passes a child with neither', () => {
    expect(ruleINT07.check(testChild({}), ctx)).toHaveLength(0)
  })

  it('does not run when Header was not supplied', () => {
    const only = testContext('2025/26', {
      supplied: { current: new Set<Ssda903Table>(['PrevPerm']), previous: new Set<Ssda903Table>() },
    })
    expect(ruleINT07.check(testChild({ PrevPerm: [{ DOB: '01/05/2012' }] }), only)).toHaveLength(0)
  })
})
