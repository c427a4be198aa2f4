import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule518 } from './rule-518.js'

describe('518 an unmarried same-sex couple (LS_ADOPTR L4) is recorded as MM or FF', () => {
  it.each([
    ['L4, MM', { LS_ADOPTR: 'L4', SEX_ADOPTR: 'MM' }, 0],
    ['L4, FF', { LS_ADOPTR: 'L4', SEX_ADOPTR: 'FF' }, 0],
    ['L4, MF', { LS_ADOPTR: 'L4', SEX_ADOPTR: 'MF' }, 1],
    ['L4, blank', { LS_ADOPTR: 'L4', SEX_ADOPTR: '' }, 1],
    ['L3, MF', { LS_ADOPTR: 'L3', SEX_ADOPTR: 'MF' }, 0],
  ] as const)('%s', (_, cells, expected) => {
    expect(rule518.check(testChild({ AD1: [cells] }), testContext())).toHaveLength(expected)
  })
})
