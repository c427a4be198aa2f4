import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule581 } from './rule-581.js'

describe('581 missing before the child started to be looked after', () => {
  it.each([
    ['the day before the first episode', '31/05/2025', 1],
    ['the day it began', '01/06/2025', 0],
  ])('%s', (_, start, expected) => {
    const child = testChild({
      Episodes: [{ DECOM: '01/06/2025' }],
      Missing: [{ MISSING: 'M', MIS_START: start }],
    })
    expect(rule581.check(child, testContext())).toHaveLength(expected)
  })
})
