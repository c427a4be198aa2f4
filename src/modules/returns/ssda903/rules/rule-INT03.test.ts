import { describe, expect, it } from 'vitest'
import type { Ssda903Table } from '../model.js'
import { testChild, testContext } from '../test-child.js'
import { ruleINT03 } from './rule-INT03.js'

const ctx = testContext()

describe('INT03 child in Episodes is in Header', () => {
  it('passes a child with a Header row', () => {
    const child = testChild({ Header: [{ DOB: '01/05/2012' }], Episodes: [{ DECOM: '01/05/2025' }] })
    expect(ruleINT03.check(child, ctx)).toHaveLength(0)
  })

  it('flags each Episodes row of a child with no Header row', () => {
    const child = testChild({ Episodes: [{ DECOM: '01/05/2025' }, { DECOM: '01/05/2025' }] })
    const hits = ruleINT03.check(child, ctx)
    expect(hits).toHaveLength(2)
    expect(hits[1]).toMatchObject({ table: 'Episodes', row: 1, fields: ['CHILD'] })
  })

  it('passes a child with neither', () => {
    expect(ruleINT03.check(testChild({}), ctx)).toHaveLength(0)
  })

  it('does not run when Header was not supplied', () => {
    const only = testContext('2025/26', {
      supplied: { current: new Set<Ssda903Table>(['Episodes']), previous: new Set<Ssda903Table>() },
    })
    expect(ruleINT03.check(testChild({ Episodes: [{ DECOM: '01/05/2025' }] }), only)).toHaveLength(0)
  })
})
