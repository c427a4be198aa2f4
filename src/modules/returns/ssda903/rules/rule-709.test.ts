import { describe, expect, it } from 'vitest'
import type { TestCells } from '../test-child.js'
import { testChild, testContext } from '../test-child.js'
import { rule709 } from './rule-709.js'

const ctx = testContext('2026/27')
const dolo = { DOLO_START: '01/06/2026', DOLO_END: '30/09/2026' }

function run(episodes: TestCells<'Episodes'>[], d: TestCells<'DoLo'> = dolo) {
  return rule709.check(testChild({ Episodes: episodes, DoLo: [d] }), ctx)
}

describe('709 placement during a DoLO', () => {
  it('passes K2 and flags U4 during the DoLO', () => {
    expect(run([{ DECOM: '01/05/2026', PLACE: 'K2' }])).toHaveLength(0)
    const hits = run([{ DECOM: '01/05/2026', PLACE: 'U4' }])
    expect(hits).toEqual([
      expect.objectContaining({ table: 'DoLo', row: 0, fields: ['DOLO_START'] }),
      expect.objectContaining({ table: 'Episodes', row: 0, fields: ['PLACE'] }),
    ])
  })

  it.each([
    ['ended the day before the DoLO started', '31/05/2026', 0],
    ['ended the day the DoLO started', '01/06/2026', 2],
    ['ended the day after', '02/06/2026', 2],
  ])('a U4 episode that %s', (_, dec, expected) => {
    expect(run([{ DECOM: '01/04/2026', DEC: dec, PLACE: 'U4' }])).toHaveLength(expected)
  })

  it.each([
    ['the day before the DoLO ended', '29/09/2026', 2],
    ['the day the DoLO ended', '30/09/2026', 2],
    ['the day after', '01/10/2026', 0],
  ])('a U4 episode that began %s', (_, decom, expected) => {
    expect(run([{ DECOM: decom, PLACE: 'U4' }])).toHaveLength(expected)
  })

  it('leaves an open DoLO or one with an unreadable date alone', () => {
    expect(
      run([{ DECOM: '01/05/2026', PLACE: 'U4' }], { DOLO_START: '01/06/2026', DOLO_END: '' }),
    ).toHaveLength(0)
    expect(
      run([{ DECOM: '01/05/2026', PLACE: 'U4' }], { DOLO_START: 'June', DOLO_END: '30/09/2026' }),
    ).toHaveLength(0)
  })

  it('reports an episode once when two DoLOs overlap it', () => {
    const child = testChild({
      Episodes: [{ DECOM: '01/05/2026', PLACE: 'U4' }],
      DoLo: [dolo, { DOLO_START: '01/10/2026', DOLO_END: '01/12/2026' }],
    })
    expect(rule709.check(child, ctx).map((h) => h.table)).toEqual(['DoLo', 'Episodes', 'DoLo'])
  })
})

describe('709 codes', () => {
  it.each([
    ['K2', 0],
    ['Z12', 0],
    ['Z13', 0],
    ['Z11', 2],
    ['K1', 2],
    ['', 2],
  ])('%s', (place, expected) => {
    const child = testChild({ Episodes: [{ DECOM: '01/05/2026', PLACE: place }], DoLo: [dolo] })
    expect(rule709.check(child, ctx)).toHaveLength(expected)
  })
})
