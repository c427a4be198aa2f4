import { describe, expect, it } from 'vitest'
import { testChild, testContext, type TestCells } from '../test-child.js'
import { rule436 } from './rule-436.js'

const ctx = testContext()
const before = {
  DECOM: '01/05/2025',
  DEC: '10/05/2025',
  REC: 'X1',
  LS: 'E1',
  PLACE: 'U4',
  PL_POST: 'AB1 2CD',
  URN: 'SC123456',
  PLACE_PROVIDER: 'PR1',
}
const child = (rne: string, changes: TestCells<'Episodes'>) =>
  testChild({
    Episodes: [{ ...before, DECOM: '10/05/2025', DEC: '', REC: '', RNE: rne, ...changes }, before],
  })

describe('436 reason for new episode T against what changed', () => {
  it.each([
    ['both changed', { LS: 'C2', PLACE: 'U5' }, 0],
    ['only the legal status changed', { LS: 'C2' }, 1],
    ['only the placement changed', { PLACE: 'U5' }, 1],
    ['nothing changed', {}, 1],
  ] as [string, TestCells<'Episodes'>, number][])('%s', (_, changes, expected) => {
    expect(rule436.check(child('T', changes), ctx)).toHaveLength(expected)
  })

  it('applies to U too', () => {
    expect(rule436.check(child('U', { LS: 'C2' }), ctx)).toHaveLength(1)
  })

  it('ignores other reasons and the first episode', () => {
    expect(rule436.check(child('S', {}), ctx)).toHaveLength(0)
    expect(rule436.check(testChild({ Episodes: [{ ...before, RNE: 'T' }] }), ctx)).toHaveLength(0)
  })

  it('reports the later episode', () => {
    const [h] = rule436.check(child('T', { LS: 'C2' }), ctx)
    expect(h).toMatchObject({ table: 'Episodes', row: 0 })
  })
})
