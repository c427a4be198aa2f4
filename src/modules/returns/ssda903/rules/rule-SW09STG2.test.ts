import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { ruleSW09STG2 } from './rule-SW09STG2.js'

const ctx = testContext()

describe('SW09STG2 social worker episode lasts a day or more', () => {
  it.each([
    ['ends the day before it began (not this rule)', '31/05/2025', 0],
    ['ends the day it began', '01/06/2025', 1],
    ['ends the day it began, written differently', '1/6/2025', 1],
    ['ends the day after', '02/06/2025', 0],
    ['open', '', 0],
  ])('%s', (_, dec, expected) => {
    const child = testChild({ SWEpisodes: [{ SW_DECOM: '01/06/2025', SW_DEC: dec }] })
    expect(ruleSW09STG2.check(child, ctx)).toHaveLength(expected)
  })

  it('passes two unreadable dates', () => {
    expect(ruleSW09STG2.check(testChild({ SWEpisodes: [{ SW_DECOM: 'x', SW_DEC: 'x' }] }), ctx)).toHaveLength(
      0,
    )
  })
})
