import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule344 } from './rule-344.js'

describe('344 died or returned home, with activity or accommodation', () => {
  it.each([
    ['died, both 0', 'DIED', '0', '0', 0],
    ['died, activity given', 'DIED', 'F2', '0', 1],
    ['returned home, accommodation given', 'RHOM', '0', 'B1', 1],
    ['returned home, blank', 'RHOM', '', '', 0],
    ['in touch, both given', 'YES', 'F2', 'B1', 0],
  ])('%s', (_, inTouch, activ, accom, expected) => {
    const child = testChild({ OC3: [{ IN_TOUCH: inTouch, ACTIV: activ, ACCOM: accom }] })
    expect(rule344.check(child, testContext())).toHaveLength(expected)
  })
})
