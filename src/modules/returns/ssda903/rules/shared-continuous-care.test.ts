import { describe, expect, it } from 'vitest'
import { testChild, testContext, type TestCells } from '../test-child.js'
import { lookedAfterContinuously } from './shared-continuous-care.js'

const ctx = testContext()

const looked = (...episodes: TestCells<'Episodes'>[]): boolean =>
  lookedAfterContinuously(testChild({ Episodes: episodes }).current.Episodes, ctx)

describe('looked after continuously for 12 months at 31 March', () => {
  it.each([
    ['open since before the year', [{ DECOM: '01/01/2024', RNE: 'S', LS: 'C2' }], true],
    ['started on 1 April', [{ DECOM: '01/04/2025', RNE: 'S', LS: 'C2' }], true],
    ['started on 2 April', [{ DECOM: '02/04/2025', RNE: 'S', LS: 'C2' }], false],
    ['left on 31 March', [{ DECOM: '01/01/2024', LS: 'C2', DEC: '31/03/2026', REC: 'E4A' }], true],
    ['left on 30 March', [{ DECOM: '01/01/2024', LS: 'C2', DEC: '30/03/2026', REC: 'E4A' }], false],
    [
      'left on 31 March before the year',
      [{ DECOM: '01/01/2024', LS: 'C2', DEC: '31/03/2025', REC: 'E4A' }],
      false,
    ],
    ['short breaks', [{ DECOM: '01/01/2024', LS: 'V4' }], false],
    ['no episodes', [], false],
    ['start date not a date', [{ DECOM: '32/01/2024', LS: 'C2' }], false],
  ])('%s', (_, episodes, expected) => {
    expect(looked(...episodes)).toBe(expected)
  })

  it('a change of placement (X1 then a new episode) keeps the 12 months', () => {
    expect(
      looked(
        { DECOM: '01/01/2024', RNE: 'S', LS: 'C2', DEC: '01/09/2025', REC: 'X1' },
        { DECOM: '01/09/2025', RNE: 'P', LS: 'C2' },
      ),
    ).toBe(true)
  })

  it('an episode that ended with no reason breaks them', () => {
    expect(
      looked({ DECOM: '01/01/2024', LS: 'C2', DEC: '01/09/2025' }, { DECOM: '01/09/2025', LS: 'C2' }),
    ).toBe(false)
  })

  it('short breaks that ended before the year do not count', () => {
    expect(
      looked(
        { DECOM: '01/01/2023', LS: 'V3', DEC: '01/02/2024', REC: 'E4A' },
        { DECOM: '01/03/2024', RNE: 'S', LS: 'C2' },
      ),
    ).toBe(true)
  })
})
