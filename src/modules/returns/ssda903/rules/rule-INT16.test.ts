import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { ruleINT16 } from './rule-INT16.js'

const ctx = testContext()

function run(header: string, row: string) {
  return ruleINT16.check(testChild({ Header: [{ DOB: header }], PrevPerm: [{ DOB: row }] }), ctx)
}

describe('INT16 DOB in PrevPerm matches Header', () => {
  it.each([
    ['the same day', '01/05/2012', '01/05/2012', 0],
    ['the same day written with one digit', '01/05/2012', '1/5/2012', 0],
    ['the day before', '01/05/2012', '30/04/2012', 1],
    ['the day after', '01/05/2012', '02/05/2012', 1],
    ['blank in PrevPerm', '01/05/2012', '', 0],
    ['unreadable in PrevPerm', '01/05/2012', '31/02/2012', 0],
    ['unreadable in Header', 'soon', '01/05/2012', 0],
  ])('%s', (_, header, row, expected) => {
    expect(run(header, row)).toHaveLength(expected)
  })

  it('names the PrevPerm row', () => {
    expect(run('01/05/2012', '02/05/2012')[0]).toMatchObject({ table: 'PrevPerm', row: 0, fields: ['DOB'] })
  })

  it('leaves a child with no Header row to the other checks', () => {
    expect(ruleINT16.check(testChild({ PrevPerm: [{ DOB: '01/05/2012' }] }), ctx)).toHaveLength(0)
  })
})
