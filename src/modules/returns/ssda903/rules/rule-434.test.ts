import { describe, expect, it } from 'vitest'
import { testChild, testContext, type TestCells } from '../test-child.js'
import { rule434 } from './rule-434.js'

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

describe('434 reason for new episode L against what changed', () => {
  it.each([
    ['legal status changed, placement the same', { LS: 'C2' }, 0],
    ['legal status the same', {}, 1],
    ['placement type changed too', { LS: 'C2', PLACE: 'U5' }, 1],
    ['postcode changed too', { LS: 'C2', PL_POST: 'ZZ1 1ZZ' }, 1],
    ['postcode written without its space', { LS: 'C2', PL_POST: 'AB12CD' }, 0],
    ['URN changed too', { LS: 'C2', URN: 'SC999999' }, 1],
    ['provider changed too', { LS: 'C2', PLACE_PROVIDER: 'PR4' }, 1],
  ] as [string, TestCells<'Episodes'>, number][])('%s', (_, changes, expected) => {
    expect(rule434.check(child('L', changes), ctx)).toHaveLength(expected)
  })

  it('ignores other reasons and the first episode', () => {
    expect(rule434.check(child('S', {}), ctx)).toHaveLength(0)
    expect(rule434.check(testChild({ Episodes: [{ ...before, RNE: 'L' }] }), ctx)).toHaveLength(0)
  })

  it('reports the later episode', () => {
    const [h] = rule434.check(child('L', {}), ctx)
    expect(h).toMatchObject({ table: 'Episodes', row: 0 })
  })
})
