import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule635 } from './rule-635.js'

const ctx = testContext()

describe('635 no order details without an order', () => {
  it.each([
    ['Z1 with a date', 'Z1', '', '01/01/2020', 1],
    ['Z1 with an authority', 'Z1', '352', '', 1],
    ['blank with a date', '', '', '01/01/2020', 1],
    ['Z1 alone', 'Z1', '', '', 0],
    ['P2 with a date', 'P2', '', '01/01/2020', 0],
  ])('%s', (_, prevPerm, laPerm, datePerm, expected) => {
    const child = testChild({ PrevPerm: [{ PREV_PERM: prevPerm, LA_PERM: laPerm, DATE_PERM: datePerm }] })
    expect(rule635.check(child, ctx)).toHaveLength(expected)
  })

  it('names the fields given', () => {
    const child = testChild({ PrevPerm: [{ PREV_PERM: 'Z1', LA_PERM: '352', DATE_PERM: '01/01/2020' }] })
    expect(rule635.check(child, ctx)[0]?.fields).toEqual(['LA_PERM', 'DATE_PERM', 'PREV_PERM'])
  })
})
