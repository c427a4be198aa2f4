import { describe, expect, it } from 'vitest'
import { testChild, testContext, type TestCells } from '../test-child.js'
import { rule435 } from './rule-435.js'

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

describe('435 reason for new episode P against what changed', () => {
  it.each([
    ['placement changed, legal status the same', { PLACE: 'U5' }, 0],
    ['only the provider changed', { PLACE_PROVIDER: 'PR4' }, 0],
    ['nothing changed', {}, 1],
    ['legal status changed too', { LS: 'C2', PLACE: 'U5' }, 1],
    ['legal status blank now', { LS: '', PLACE: 'U5' }, 1],
  ] as [string, TestCells<'Episodes'>, number][])('%s', (_, changes, expected) => {
    expect(rule435.check(child('P', changes), ctx)).toHaveLength(expected)
  })

  it('applies to B too', () => {
    expect(rule435.check(child('B', {}), ctx)).toHaveLength(1)
  })

  it('ignores other reasons and the first episode', () => {
    expect(rule435.check(child('S', {}), ctx)).toHaveLength(0)
    expect(rule435.check(testChild({ Episodes: [{ ...before, RNE: 'P' }] }), ctx)).toHaveLength(0)
  })

  it('reports the later episode', () => {
    const [h] = rule435.check(child('P', {}), ctx)
    expect(h).toMatchObject({ table: 'Episodes', row: 0 })
  })
})
