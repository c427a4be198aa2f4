import { describe, expect, it } from 'vitest'
import type { TestCells } from '../test-child.js'
import { testChild, testContext } from '../test-child.js'
import { rule707 } from './rule-707.js'

const ctx = testContext('2026/27')

function run(episodes: TestCells<'Episodes'>[], dolo: TestCells<'DoLo'>) {
  return rule707.check(testChild({ Episodes: episodes, DoLo: [dolo] }), ctx)
}

const openDolo = { DOLO_START: '01/06/2026', DOLO_END: '' }

describe('707 an open DoLO when care ended', () => {
  it('passes an open DoLO while the child is still looked after', () => {
    expect(run([{ DECOM: '01/05/2026' }], openDolo)).toHaveLength(0)
  })

  it('flags an open DoLO when the last episode has ended', () => {
    const hits = run([{ DECOM: '01/05/2026', DEC: '01/09/2026', REC: 'E4A' }], openDolo)
    expect(hits).toEqual([expect.objectContaining({ table: 'DoLo', row: 0, fields: ['DOLO_END'] })])
  })

  it('passes a DoLO that has an end date', () => {
    const ended = { DOLO_START: '01/06/2026', DOLO_END: '01/08/2026' }
    expect(run([{ DECOM: '01/05/2026', DEC: '01/09/2026', REC: 'E4A' }], ended)).toHaveLength(0)
  })

  it.each([
    ['the day before the DoLO started', '31/05/2026', 0],
    ['the day the DoLO started', '01/06/2026', 1],
    ['the day after the DoLO started', '02/06/2026', 1],
  ])('an earlier period of care ended %s, and care began again', (_, dec, expected) => {
    const episodes = [{ DECOM: '01/04/2026', DEC: dec, REC: 'E4A' }, { DECOM: '01/08/2026' }]
    expect(run(episodes, openDolo)).toHaveLength(expected)
  })

  it('passes a DoLO made before the current period of care began', () => {
    expect(run([{ DECOM: '15/06/2026' }], openDolo)).toHaveLength(0)
  })

  it('takes episodes without a gap as one period of care', () => {
    const episodes = [
      { DECOM: '01/04/2026', DEC: '01/07/2026', REC: 'X1' },
      { DECOM: '01/07/2026', DEC: '', REC: '' },
    ]
    expect(run(episodes, openDolo)).toHaveLength(0)
  })

  it('leaves a child with no dated episodes alone', () => {
    expect(run([], openDolo)).toHaveLength(0)
    expect(run([{ DECOM: 'soon' }], openDolo)).toHaveLength(0)
  })
})
