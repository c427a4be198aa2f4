import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule153 } from './rule-153.js'

const ctx = testContext()

describe('153 care leaver items all given or all blank', () => {
  it.each([
    ['all given', { IN_TOUCH: 'YES', ACTIV: 'F1', ACCOM: 'B1' }, 0],
    ['all blank', {}, 0],
    ['accommodation missing', { IN_TOUCH: 'YES', ACTIV: 'F1' }, 1],
    ['only in touch', { IN_TOUCH: 'NO' }, 1],
  ])('%s', (_, cells, expected) => {
    expect(rule153.check(testChild({ OC3: [cells] }), ctx)).toHaveLength(expected)
  })
})
