import { describe, expect, it } from 'vitest'
import { testChild, testContext } from '../test-child.js'
import { rule706 } from './rule-706.js'

const ctx = testContext('2026/27')
const openLastYear = { DoLo: [{ DOLO_START: '01/02/2026', DOLO_END: '' }] }

describe('706 an open DoLO carries on into this year', () => {
  it.each([
    ['the same start', '01/02/2026', 0],
    ['a start the day before', '31/01/2026', 1],
    ['a start the day after', '02/02/2026', 1],
  ])('%s this year', (_, start, expected) => {
    const child = testChild({ DoLo: [{ DOLO_START: start }] }, openLastYear)
    expect(rule706.check(child, ctx)).toHaveLength(expected)
  })

  it('puts the finding on the first DoLO this year', () => {
    const child = testChild(
      { DoLo: [{ DOLO_START: '01/09/2026' }, { DOLO_START: '01/05/2026', DOLO_END: '01/06/2026' }] },
      openLastYear,
    )
    expect(rule706.check(child, ctx)).toEqual([expect.objectContaining({ row: 1, fields: ['DOLO_START'] })])
  })

  it("names last year's row when the child has no DoLO this year", () => {
    const [h] = rule706.check(testChild({}, openLastYear), ctx)
    expect(h).toMatchObject({ table: 'DoLo_last', row: 0 })
  })

  it('passes when last year’s DoLO had ended', () => {
    const child = testChild({}, { DoLo: [{ DOLO_START: '01/02/2026', DOLO_END: '01/03/2026' }] })
    expect(rule706.check(child, ctx)).toHaveLength(0)
  })

  it('does nothing without last year', () => {
    const none = testContext('2026/27', { hasPrevious: false })
    expect(rule706.check(testChild({}, openLastYear), none)).toHaveLength(0)
  })
})
