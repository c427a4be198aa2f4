import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule524 } from './rule-524.js'

describe('524 a married same-sex couple (LS_ADOPTR L12) is recorded as MM or FF', () => {
  it.each([
    ['L12, FF', { LS_ADOPTR: 'L12', SEX_ADOPTR: 'FF' }, 0],
    ['L12, MF', { LS_ADOPTR: 'L12', SEX_ADOPTR: 'MF' }, 1],
    ['L12, blank', { LS_ADOPTR: 'L12', SEX_ADOPTR: '' }, 1],
    ['L11, MF', { LS_ADOPTR: 'L11', SEX_ADOPTR: 'MF' }, 0],
  ] as const)('%s', (_, cells, expected) => {
    expect(rule524.check(testChild({ AD1: [cells] }), testContext())).toHaveLength(expected)
  })
})
