import { describe, expect, it } from 'vitest'
import type { TestCells } from '../test-child.js'
import { testChild, testContext } from '../test-child.js'
import { rule607 } from './rule-607.js'

const ctx = testContext()
const ceased: TestCells<'Episodes'> = { DECOM: '01/01/2025', DEC: '01/06/2025', REC: 'E4A', LS: 'C2' }

function run(header: TestCells<'Header'>, episode: TestCells<'Episodes'>) {
  return rule607.check(testChild({ Header: [header], Episodes: [episode] }), ctx)
}

describe('607 MOTHER completed for a girl leaving care', () => {
  it('flags a blank MOTHER, naming the Header row and the episode', () => {
    expect(run({ SEX: 'F', MOTHER: '' }, ceased)).toEqual([
      expect.objectContaining({ table: 'Header', fields: ['MOTHER'] }),
      expect.objectContaining({ table: 'Episodes', fields: ['DEC', 'REC'] }),
    ])
  })

  it.each([
    ['MOTHER 0', { SEX: 'F', MOTHER: '0' }, 0],
    ['MOTHER 1', { SEX: 'F', MOTHER: '1' }, 0],
    ['a boy', { SEX: 'M', MOTHER: '' }, 0],
  ])('passes %s', (_, header, expected) => {
    expect(run(header, ceased)).toHaveLength(expected)
  })

  it.each([
    ['ceased the day before the year', { DEC: '31/03/2025' }, 0],
    ['ceased on 1 April', { DEC: '01/04/2025' }, 2],
    ['ceased on 31 March', { DEC: '31/03/2026' }, 2],
    ['ceased the day after the year', { DEC: '01/04/2026' }, 0],
    ['a new episode began the same day', { REC: 'X1' }, 0],
    ['no reason given', { REC: '' }, 0],
    ['on short breaks (V3)', { LS: 'V3' }, 0],
    ['on short breaks (V4)', { LS: 'V4' }, 0],
    ['still looked after', { DEC: '', REC: '' }, 0],
  ])('%s', (_, change, expected) => {
    expect(run({ SEX: 'F', MOTHER: '' }, { ...ceased, ...change })).toHaveLength(expected)
  })
})
