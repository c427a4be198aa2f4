import { describe, expect, it } from 'vitest'
import type { Ssda903Table } from '../model.js'
import { testChild, testContext } from '../test-child.js'
import { ruleINT08 } from './rule-INT08.js'

const ctx = testContext()

describe('INT08 child in Reviews is in Header', () => {
  it('passes a child with a Header row', () => {
    const child = testChild({ Header: [{ DOB: '01/05/2012' }], Reviews: [{ DOB: '01/05/2012' }] })
    expect(ruleINT08.check(child, ctx)).toHaveLength(0)
  })

  it('flags each Reviews row of a child with no Header row', () => {
    const child = testChild({ Reviews: [{ DOB: '01/05/2012' }, { DOB: '01/05/2012' }] })
    const hits = ruleINT08.check(child, ctx)
    expect(hits).toHaveLength(2)
    expect(hits[1]).toMatchObject({ table: 'Reviews', row: 1, fields: ['CHILD'] })
  })

  it('passes a child with neither', () => {
    expect(ruleINT08.check(testChild({}), ctx)).toHaveLength(0)
  })

  it('does not run when Header was not supplied', () => {
    const only = testContext('2025/26', {
      supplied: { current: new Set<Ssda903Table>(['Reviews']), previous: new Set<Ssda903Table>() },
    })
    expect(ruleINT08.check(testChild({ Reviews: [{ DOB: '01/05/2012' }] }), only)).toHaveLength(0)
  })
})
