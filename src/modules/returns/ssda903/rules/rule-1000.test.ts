import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule1000 } from './rule-1000.js'

const ctx = testContext()
const leaver = [{ IN_TOUCH: 'DIED', ACTIV: '0', ACCOM: '0' }]

describe('1000 no care leaver data for a child who died in care', () => {
  it.each([
    ['died this year', [{ DEC: '01/06/2025', REC: 'E2' }], [], 1],
    ['died last year', [], [{ DEC: '01/06/2024', REC: 'E2' }], 1],
    ['left care another way', [{ DEC: '01/06/2025', REC: 'E4A' }], [{ REC: 'X1' }], 0],
  ])('%s', (_, current, previous, expected) => {
    const child = testChild({ Episodes: current, OC3: leaver }, { Episodes: previous })
    expect(rule1000.check(child, ctx)).toHaveLength(expected)
  })

  it('leaves a child with no OC3 row alone', () => {
    expect(rule1000.check(testChild({ Episodes: [{ REC: 'E2' }] }), ctx)).toHaveLength(0)
  })
})
