import { describe, expect, it } from 'vitest'
import { testChild, testContext, type TestCells } from '../test-child.js'
import { rule544 } from './rule-544.js'

const full = { IMMUNISATIONS: '1', TEETH_CHECK: '0', HEALTH_ASSESSMENT: '1', SUBSTANCE_MISUSE: '0' }
const run = (cells: TestCells<'OC2'>) => rule544.check(testChild({ OC2: [cells] }), testContext())

describe('544 CONVICTED completed needs the health fields', () => {
  it.each([
    ['CONVICTED 1, all completed', { CONVICTED: '1', ...full }, 0],
    ['CONVICTED 0, all completed', { CONVICTED: '0', ...full }, 0],
    ['CONVICTED 1, no immunisations', { CONVICTED: '1', ...full, IMMUNISATIONS: '' }, 1],
    ['CONVICTED 0, no teeth check', { CONVICTED: '0', ...full, TEETH_CHECK: '' }, 1],
    ['CONVICTED 1, no health assessment', { CONVICTED: '1', ...full, HEALTH_ASSESSMENT: ' ' }, 1],
    ['CONVICTED 1, no substance misuse', { CONVICTED: '1', ...full, SUBSTANCE_MISUSE: '' }, 1],
    ['CONVICTED blank, nothing else', { CONVICTED: '' }, 0],
  ] as [string, TestCells<'OC2'>, number][])('%s', (_, cells, expected) => {
    expect(run(cells)).toHaveLength(expected)
  })
})
