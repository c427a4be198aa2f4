import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule519 } from './rule-519.js'

describe('519 civil partners (LS_ADOPTR L2) are recorded as a couple (MM, FF or MF)', () => {
  it.each([
    ['L2, MF', { LS_ADOPTR: 'L2', SEX_ADOPTR: 'MF' }, 0],
    ['L2, FF', { LS_ADOPTR: 'L2', SEX_ADOPTR: 'FF' }, 0],
    ['L2, M1', { LS_ADOPTR: 'L2', SEX_ADOPTR: 'M1' }, 1],
    ['L2, blank', { LS_ADOPTR: 'L2', SEX_ADOPTR: '' }, 1],
    ['L0, M1', { LS_ADOPTR: 'L0', SEX_ADOPTR: 'M1' }, 0],
  ] as const)('%s', (_, cells, expected) => {
    expect(rule519.check(testChild({ AD1: [cells] }), testContext())).toHaveLength(expected)
  })
})
