import { describe, expect, it } from 'vitest'
import type { Ssda903Table } from '../model.js'
import { testChild, testContext } from '../test-child.js'
import { ruleINT06 } from './rule-INT06.js'

const ctx = testContext()

describe('INT06 child in OC3 is in Header', () => {
  it('passes a child with a Header row', () => {
    const child = testChild({ Header: [{ DOB: '01/05/2012' }], OC3: [{ DOB: '01/05/2012' }] })
    expect(ruleINT06.check(child, ctx)).toHaveLength(0)
  })

  it('flags each OC3 row of a child with no Header row', () => {
    const child = testChild({ OC3: [{ DOB: '01/05/2012' }, { DOB: '01/05/2012' }] })
    const hits = ruleINT06.check(child, ctx)
    expect(hits).toHaveLength(2)
    expect(hits[1]).toMatchObject({ table: 'OC3', row: 1, fields: ['CHILD'] })
  })

  it('passes a child with neither', () => {
    expect(ruleINT06.check(testChild({}), ctx)).toHaveLength(0)
  })

  it('does not run when Header was not supplied', () => {
    const only = testContext('2025/26', {
      supplied: { current: new Set<Ssda903Table>(['OC3']), previous: new Set<Ssda903Table>() },
    })
    expect(ruleINT06.check(testChild({ OC3: [{ DOB: '01/05/2012' }] }), only)).toHaveLength(0)
  })
})
