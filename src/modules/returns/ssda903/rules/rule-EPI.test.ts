import { describe, expect, it } from 'vitest'
import type { Ssda903Table } from '../model.js'
import { testChild, testContext } from '../test-child.js'
import { ruleEPI } from './rule-EPI.js'

const ctx = testContext()
const header = { DOB: '01/05/2012' }

describe('EPI episodes loaded for each child', () => {
  it('passes a child with an episode', () => {
    const child = testChild({ Header: [header], Episodes: [{ DECOM: '01/05/2025' }] })
    expect(ruleEPI.check(child, ctx)).toHaveLength(0)
  })

  it('passes a care leaver with an OC3 row and no episodes', () => {
    const child = testChild({ Header: [header], OC3: [{ IN_TOUCH: 'YES' }] })
    expect(ruleEPI.check(child, ctx)).toHaveLength(0)
  })

  it('flags a child with neither', () => {
    const hits = ruleEPI.check(testChild({ Header: [header], Reviews: [{ REVIEW: '01/06/2025' }] }), ctx)
    expect(hits).toEqual([expect.objectContaining({ table: 'Header', row: 0, fields: ['CHILD'] })])
  })

  it('says nothing of a child with no Header row (INT03 and the like do)', () => {
    expect(ruleEPI.check(testChild({ Reviews: [{ REVIEW: '01/06/2025' }] }), ctx)).toHaveLength(0)
  })

  it('still runs when no Episodes file was supplied', () => {
    const only = testContext('2025/26', {
      supplied: { current: new Set<Ssda903Table>(['Header']), previous: new Set<Ssda903Table>() },
    })
    expect(ruleEPI.check(testChild({ Header: [header] }), only)).toHaveLength(1)
  })
})
