import { describe, expect, it } from 'vitest'
import type { Ssda903Table } from '../model.js'
import { testChild, testContext } from '../test-child.js'
import { ruleINT05 } from './rule-INT05.js'

const ctx = testContext()

describe('INT05 child in OC2 is in Header', () => {
  it('passes a child with a Header row', () => {
    const child = testChild({ Header: [{ DOB: '01/05/2012' }], OC2: [{ DOB: '01/05/2012' }] })
    expect(ruleINT05.check(child, ctx)).toHaveLength(0)
  })

  it('flags each OC2 row of a child with no Header row', () => {
    const child = testChild({ OC2: [{ DOB: '01/05/2012' }, { DOB: '01/05/2012' }] })
    const hits = ruleINT05.check(child, ctx)
    expect(hits).toHaveLength(2)
    expect(hits[1]).toMatchObject({ table: 'OC2', row: 1, fields: ['CHILD'] })
  })

  it('passes a child with neither', () => {
    expect(ruleINT05.check(testChild({}), ctx)).toHaveLength(0)
  })

  it('does not run when Header was not supplied', () => {
    const only = testContext('2025/26', {
      supplied: { current: new Set<Ssda903Table>(['OC2']), previous: new Set<Ssda903Table>() },
    })
    expect(ruleINT05.check(testChild({ OC2: [{ DOB: '01/05/2012' }] }), only)).toHaveLength(0)
  })
})
