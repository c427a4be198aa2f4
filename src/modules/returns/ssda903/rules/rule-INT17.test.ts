import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { ruleINT17 } from './rule-INT17.js'

const ctx = testContext()

function run(header: string, row: string) {
  return ruleINT17.check(testChild({ Header: [{ DOB: header }], Reviews: [{ DOB: row }] }), ctx)
}

describe('INT17 DOB in Reviews matches Header', () => {
  it.each([
    ['the same day', '01/05/2012', '01/05/2012', 0],
    ['the same day written with one digit', '01/05/2012', '1/5/2012', 0],
    ['the day before', '01/05/2012', '30/04/2012', 1],
    ['the day after', '01/05/2012', '02/05/2012', 1],
    ['blank in Reviews', '01/05/2012', '', 0],
    ['unreadable in Reviews', '01/05/2012', '31/02/2012', 0],
    ['unreadable in Header', 'soon', '01/05/2012', 0],
  ])('%s', (_, header, row, expected) => {
    expect(run(header, row)).toHaveLength(expected)
  })

  it('names the Reviews row', () => {
    expect(run('01/05/2012', '02/05/2012')[0]).toMatchObject({ table: 'Reviews', row: 0, fields: ['DOB'] })
  })

  it('leaves a child with no Header row to the other checks', () => {
    expect(ruleINT17.check(testChild({ Reviews: [{ DOB: '01/05/2012' }] }), ctx)).toHaveLength(0)
  })
})
