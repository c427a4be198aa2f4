import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule182 } from './rule-182.js'

const ctx = testContext()

const core = { IMMUNISATIONS: '1', TEETH_CHECK: '1', HEALTH_ASSESSMENT: '1', SUBSTANCE_MISUSE: '0' }

describe('182 core OC2 items completed, or the rest blank', () => {
  it.each([
    ['core complete, others given', { ...core, CONVICTED: '0', HEALTH_CHECK: '1' }, 0],
    ['core complete, others blank', core, 0],
    ['everything blank', {}, 0],
    ['a core item blank, convicted given', { ...core, TEETH_CHECK: '', CONVICTED: '0' }, 1],
    ['core blank, health check given', { HEALTH_CHECK: '1' }, 1],
    ['a core item blank, others blank', { ...core, IMMUNISATIONS: '' }, 0],
  ])('%s', (_, cells, expected) => {
    expect(rule182.check(testChild({ OC2: [cells] }), ctx)).toHaveLength(expected)
  })
})
