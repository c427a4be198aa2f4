import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule511 } from './rule-511.js'

describe("511 two adopters (NB_ADOPTR 2) are a couple: SEX_ADOPTR is not a single adopter's M1 or F1", () => {
  it.each([
    ['two adopters, M1', { NB_ADOPTR: '2', SEX_ADOPTR: 'M1' }, 1],
    ['two adopters, f1', { NB_ADOPTR: '2', SEX_ADOPTR: 'f1' }, 1],
    ['two adopters, MF', { NB_ADOPTR: '2', SEX_ADOPTR: 'MF' }, 0],
    ['one adopter, M1', { NB_ADOPTR: '1', SEX_ADOPTR: 'M1' }, 0],
    ['two adopters, blank sex', { NB_ADOPTR: '2', SEX_ADOPTR: '' }, 0],
    ['nothing given', {}, 0],
  ] as const)('%s', (_, cells, expected) => {
    expect(rule511.check(testChild({ AD1: [cells] }), testContext())).toHaveLength(expected)
  })
})
