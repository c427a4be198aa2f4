import { describe, expect, it } from 'vitest'
import type { Ssda903Table } from '../model.js'
import { testChild, testContext, type TestCells } from '../test-child.js'
import { rule1001 } from './rule-1001.js'

const ctx = testContext()
const leaver = [{ IN_TOUCH: 'YES', ACTIV: 'F1', ACCOM: 'B1' }]
// 14 on 01/06/2023, 16 on 01/06/2025, 20 on 01/06/2029.
const header = [{ DOB: '01/06/2009' }]

const check = (current: TestCells<'Episodes'>[], previous: TestCells<'Episodes'>[] = []) =>
  rule1001.check(testChild({ Header: header, OC3: leaver, Episodes: current }, { Episodes: previous }), ctx)

describe('1001 a care leaver is a relevant or former relevant child', () => {
  it.each([
    // 01/01/2025 to 01/04/2025 is 90 days; to 02/04/2025, 91. Both before the 16th birthday.
    ['90 days after 14, none after 16', [{ DECOM: '01/01/2025', LS: 'C2', DEC: '01/04/2025', REC: 'E8' }], 1],
    ['91 days after 14, none after 16', [{ DECOM: '01/01/2025', LS: 'C2', DEC: '02/04/2025', REC: 'E8' }], 1],
    ['91 days after 14, one after 16', [{ DECOM: '03/03/2025', LS: 'C2', DEC: '02/06/2025', REC: 'E8' }], 0],
    ['open since before the 14th birthday', [{ DECOM: '01/01/2020', LS: 'C2' }], 0],
    ['short breaks only', [{ DECOM: '01/01/2020', LS: 'V3' }], 1],
    ['no episodes', [], 1],
  ])('%s', (_, episodes, expected) => {
    expect(check(episodes)).toHaveLength(expected)
  })

  it('adds last year’s episodes, counting one in both years once', () => {
    const last = { DECOM: '01/01/2025', LS: 'C2' }
    const ended = { ...last, DEC: '30/03/2025', REC: 'X1' }
    // 88 days (counted once, 176 if twice) and 2 days after the 16th birthday: 90, not enough.
    const current = [ended, { DECOM: '01/06/2025', LS: 'C2', DEC: '03/06/2025', REC: 'E8' }]
    expect(check(current, [last])).toHaveLength(1)
    expect(check([{ DECOM: '01/04/2025', LS: 'C2', DEC: '01/07/2025', REC: 'E8' }], [ended])).toHaveLength(0)
  })

  it('leaves alone a child whose earliest episode shown carries on an earlier period of care', () => {
    // In care before 03/03/2025 (RNE P: a new placement): the 61 days shown are not all there was.
    const moved = { DECOM: '03/03/2025', LS: 'C2', DEC: '03/05/2025', REC: 'E8' }
    expect(check([{ ...moved, RNE: 'P' }])).toHaveLength(0)
    expect(check([{ ...moved, RNE: 'S' }])).toHaveLength(1)
    expect(check([moved])).toHaveLength(1)
  })

  it('reports an adopted child', () => {
    expect(check([{ DECOM: '01/01/2020', LS: 'E1', DEC: '01/02/2026', REC: 'E11' }])).toEqual([
      expect.objectContaining({ table: 'OC3', detail: 'Adopted' }),
    ])
  })

  it('leaves alone a young person aged 20 on 31 March, or with no date of birth', () => {
    const at20 = testChild({ Header: [{ DOB: '31/03/2006' }], OC3: leaver })
    expect(rule1001.check(at20, ctx)).toHaveLength(0)
    const at19 = testChild({ Header: [{ DOB: '01/04/2006' }], OC3: leaver })
    expect(rule1001.check(at19, ctx)).toHaveLength(1)
    expect(rule1001.check(testChild({ Header: [{ DOB: '' }], OC3: leaver }), ctx)).toHaveLength(0)
  })

  it('does not run without last year’s episodes', () => {
    const all = new Set<Ssda903Table>(['Episodes', 'OC3', 'Header'])
    const noLast = testContext('2025/26', { supplied: { current: all, previous: new Set() } })
    expect(rule1001.check(testChild({ Header: header, OC3: leaver }), noLast)).toHaveLength(0)
  })
})
