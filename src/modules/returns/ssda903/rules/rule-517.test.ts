import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule517 } from './rule-517.js'

describe('517 an unmarried different-sex couple (LS_ADOPTR L3) is recorded as MF', () => {
  it.each([
    ['L3, MF', { LS_ADOPTR: 'L3', SEX_ADOPTR: 'MF' }, 0],
    ['L3, MM', { LS_ADOPTR: 'L3', SEX_ADOPTR: 'MM' }, 1],
    ['L3, blank', { LS_ADOPTR: 'L3', SEX_ADOPTR: '' }, 1],
    ['L4, MM', { LS_ADOPTR: 'L4', SEX_ADOPTR: 'MM' }, 0],
    ['nothing given', {}, 0],
  ] as const)('%s', (_, cells, expected) => {
    expect(rule517.check(testChild({ AD1: [cells] }), testContext())).toHaveLength(expected)
  })
})
