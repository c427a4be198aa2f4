import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule399 } from './rule-399.js'

const ctx = testContext()

describe('399 mother or reviews for a child only on short breaks', () => {
  it.each([
    ['short breaks, mother given', ['V3', 'V4'], '0', [], 3],
    ['short breaks, a review', ['V3'], '', [{ REVIEW: '01/06/2025' }], 3],
    ['short breaks, a participation code', ['V4'], '', [{ REVIEW_CODE: 'PN1' }], 3],
    ['short breaks, nothing given', ['V3'], '', [{}], 0],
    ['a care order too, mother given', ['V3', 'C2'], '0', [], 0],
    ['no episodes, mother given', [], '0', [], 0],
  ])('%s', (_, statuses, mother, reviews, expected) => {
    const child = testChild({
      Header: [{ MOTHER: mother }],
      Episodes: statuses.map((LS) => ({ LS })),
      Reviews: reviews,
    })
    expect(rule399.check(child, ctx)).toHaveLength(expected)
  })
})
