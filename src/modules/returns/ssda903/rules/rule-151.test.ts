import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule151 } from './rule-151.js'

const ctx = testContext()

const full = {
  DATE_INT: '01/05/2025',
  DATE_MATCH: '01/06/2025',
  FOSTER_CARE: '0',
  NB_ADOPTR: '2',
  SEX_ADOPTR: 'MF',
  LS_ADOPTR: 'L11',
}

describe('151 adoption items all given or all blank', () => {
  it.each([
    ['all given', full, 0],
    ['all blank', {}, 0],
    ['one missing', { ...full, SEX_ADOPTR: '' }, 1],
    ['only one given', { FOSTER_CARE: '1' }, 1],
    ['all given, one not valid (other rules report it)', { ...full, NB_ADOPTR: '9' }, 0],
  ])('%s', (_, cells, expected) => {
    expect(rule151.check(testChild({ AD1: [cells] }), ctx)).toHaveLength(expected)
  })
})
