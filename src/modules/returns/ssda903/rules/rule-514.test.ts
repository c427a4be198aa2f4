import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule514 } from './rule-514.js'

describe('514 a single adopter (LS_ADOPTR L0) is not recorded as a couple (MM, FF, MF)', () => {
  it.each([
    ['L0, MF', { LS_ADOPTR: 'L0', SEX_ADOPTR: 'MF' }, 1],
    ['L0, ff', { LS_ADOPTR: 'l0', SEX_ADOPTR: 'ff' }, 1],
    ['L0, M1', { LS_ADOPTR: 'L0', SEX_ADOPTR: 'M1' }, 0],
    ['L0, blank', { LS_ADOPTR: 'L0', SEX_ADOPTR: '' }, 0],
    ['L11, MF', { LS_ADOPTR: 'L11', SEX_ADOPTR: 'MF' }, 0],
  ] as const)('%s', (_, cells, expected) => {
    expect(rule514.check(testChild({ AD1: [cells] }), testContext())).toHaveLength(expected)
  })
})
