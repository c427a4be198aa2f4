import { describe, expect, it } from 'vitest'
import type { Ssda903Table } from '../model.js'
import { testChild, testContext } from '../test-child.js'
import { ruleINT02 } from './rule-INT02.js'

const ctx = testContext()

describe('INT02 child in PlacedAdoption is in Header', () => {
  it('passes a child with a Header row', () => {
    const child = testChild({ Header: [{ DOB: '01/05/2012' }], PlacedAdoption: [{ DOB: '01/05/2012' }] })
    expect(ruleINT02.check(child, ctx)).toHaveLength(0)
  })

  it('flags each PlacedAdoption row of a child with no Header row', () => {
    const child = testChild({ PlacedAdoption: [{ DOB: '01/05/2012' }, { DOB: '01/05/2012' }] })
    const hits = ruleINT02.check(child, ctx)
    expect(hits).toHaveLength(2)
    expect(hits[1]).toMatchObject({ table: 'PlacedAdoption', row: 1, fields: ['CHILD'] })
  })

  it('passes a child with neither', () => {
    expect(ruleINT02.check(testChild({}), ctx)).toHaveLength(0)
  })

  it('does not run when Header was not supplied', () => {
    const only = testContext('2025/26', {
      supplied: { current: new Set<Ssda903Table>(['PlacedAdoption']), previous: new Set<Ssda903Table>() },
    })
    expect(ruleINT02.check(testChild({ PlacedAdoption: [{ DOB: '01/05/2012' }] }), only)).toHaveLength(0)
  })
})
