import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { ruleINT15 } from './rule-INT15.js'

const ctx = testContext()

function run(header: string, row: string) {
  return ruleINT15.check(testChild({ Header: [{ DOB: header }], OC3: [{ DOB: row }] }), ctx)
}

describe('INT15 DOB in OC3 matches Header', () => {
  it.each([
    ['the same day', '01/05/2012', '01/05/2012', 0],
    ['the same day written with one digit', '01/05/2012', '1/5/2012', 0],
    ['the day before', '01/05/2012', '30/04/2012', 1],
    ['the day after', '01/05/2012', '02/05/2012', 1],
    ['blank in OC3', '01/05/2012', '', 0],
    ['unreadable in OC3', '01/05/2012', '31/02/2012', 0],
    ['unreadable in Header', 'soon', '01/05/2012', 0],
  ])('%s', (_, header, row, expected) => {
    expect(run(header, row)).toHaveLength(expected)
  })

  it('names the OC3 row', () => {
    expect(run('01/05/2012', '02/05/2012')[0]).toMatchObject({ table: 'OC3', row: 0, fields: ['DOB'] })
  })

  it('leaves a child with no Header row to the other checks', () => {
    expect(ruleINT15.check(testChild({ OC3: [{ DOB: '01/05/2012' }] }), ctx)).toHaveLength(0)
  })
})
