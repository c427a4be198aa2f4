import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule520 } from './rule-520.js'

describe('520 a married different-sex couple (LS_ADOPTR L11) is recorded as MF', () => {
  it.each([
    ['L11, MF', { LS_ADOPTR: 'L11', SEX_ADOPTR: 'MF' }, 0],
    ['L11, MM', { LS_ADOPTR: 'L11', SEX_ADOPTR: 'MM' }, 1],
    ['L11, F1', { LS_ADOPTR: 'L11', SEX_ADOPTR: 'F1' }, 1],
    ['L11, blank', { LS_ADOPTR: 'L11', SEX_ADOPTR: '' }, 1],
    ['L12, MM', { LS_ADOPTR: 'L12', SEX_ADOPTR: 'MM' }, 0],
  ] as const)('%s', (_, cells, expected) => {
    expect(rule520.check(testChild({ AD1: [cells] }), testContext())).toHaveLength(expected)
  })
})
