import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule345 } from './rule-345.js'

describe('345 in touch but activity or accommodation zero', () => {
  it.each([
    ['both given', 'YES', 'F2', 'B1', 0],
    ['activity zero', 'YES', '0', 'B1', 1],
    ['accommodation zero', 'yes', 'F2', '0', 1],
    ['not in touch, zeros', 'NO', '0', '0', 0],
  ])('%s', (_, inTouch, activ, accom, expected) => {
    const child = testChild({ OC3: [{ IN_TOUCH: inTouch, ACTIV: activ, ACCOM: accom }] })
    expect(rule345.check(child, testContext())).toHaveLength(expected)
  })
})
