import { describe, expect, it } from 'vitest'
import type { Ssda903Table } from '../model.js'
import { testChild, testContext } from '../test-child.js'
import { ruleINT04 } from './rule-INT04.js'

const ctx = testContext()

describe('INT04 child in Missing is in Header', () => {
  it('passes a child with a Header row', () => {
    const child = testChild({ Header: [{ DOB: '01/05/2012' }], Missing: [{ DOB: '01/05/2012' }] })
    expect(ruleINT04.check(child, ctx)).toHaveLength(0)
  })

  it('flags each Missing row of a child with no Header row', () => {
    const child = testChild({ Missing: [{ DOB: '01/05/2012' }, { DOB: '01/05/2012' }] })
    const hits = ruleINT04.check(child, ctx)
    expect(hits).toHaveLength(2)
    expect(hits[1]).toMatchObject({ table: 'Missing', row: 1, fields: ['CHILD'] })
  })

  it('passes a child with neither', () => {
    expect(ruleINT04.check(testChild({}), ctx)).toHaveLength(0)
  })

  it('does not run when Header was not supplied', () => {
    const only = testContext('2025/26', {
      supplied: { current: new Set<Ssda903Table>(['Missing']), previous: new Set<Ssda903Table>() },
    })
    expect(ruleINT04.check(testChild({ Missing: [{ DOB: '01/05/2012' }] }), only)).toHaveLength(0)
  })
})
