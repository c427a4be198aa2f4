import { describe, expect, it } from 'vitest'
import { testChild, testContext, type TestCells } from '../test-child.js'
import { rule547 } from './rule-547.js'

const full = { IMMUNISATIONS: '1', TEETH_CHECK: '0', HEALTH_ASSESSMENT: '1', SUBSTANCE_MISUSE: '0' }
const run = (cells: TestCells<'OC2'>) => rule547.check(testChild({ OC2: [cells] }), testContext())

describe('547 HEALTH_CHECK completed needs the health fields', () => {
  it.each([
    ['HEALTH_CHECK 1, all completed', { HEALTH_CHECK: '1', ...full }, 0],
    ['HEALTH_CHECK 0, all completed', { HEALTH_CHECK: '0', ...full }, 0],
    ['HEALTH_CHECK 1, no immunisations', { HEALTH_CHECK: '1', ...full, IMMUNISATIONS: '' }, 1],
    ['HEALTH_CHECK 0, no teeth check', { HEALTH_CHECK: '0', ...full, TEETH_CHECK: '' }, 1],
    ['HEALTH_CHECK 1, no health assessment', { HEALTH_CHECK: '1', ...full, HEALTH_ASSESSMENT: ' ' }, 1],
    ['HEALTH_CHECK 1, no substance misuse', { HEALTH_CHECK: '1', ...full, SUBSTANCE_MISUSE: '' }, 1],
    ['HEALTH_CHECK blank, nothing else', { HEALTH_CHECK: '' }, 0],
  ] as [string, TestCells<'OC2'>, number][])('%s', (_, cells, expected) => {
    expect(run(cells)).toHaveLength(expected)
  })
})
