import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule562 } from './rule-562.js'

const ctx = testContext()
const child = (decom: string, lastDecoms: string[]) =>
  testChild(
    { Episodes: [{ DECOM: '01/06/2025' }, { DECOM: decom }] },
    { Episodes: lastDecoms.map((DECOM) => ({ DECOM })) },
  )

describe('562 episode from before the year missing from last year', () => {
  it.each([
    ['in last year as its last episode', '10/02/2025', ['01/01/2024', '10/02/2025'], 0],
    ['last year ended with another episode', '10/02/2025', ['10/02/2025', '01/03/2025'], 1],
    ['not in last year', '10/02/2025', ['01/01/2024'], 1],
    ['no episodes last year', '10/02/2025', [], 1],
    ['started on 1 April: this year', '01/04/2025', [], 0],
    ['started on 31 March: last year', '31/03/2025', [], 1],
  ])('%s', (_, decom, last, expected) => {
    expect(rule562.check(child(decom, last), ctx)).toHaveLength(expected)
  })
  it('does nothing without last year’s return', () => {
    expect(
      rule562.check(child('10/02/2025', []), testContext('2025/26', { hasPrevious: false })),
    ).toHaveLength(0)
  })
})
