/**
 * The import's OC2 against the export's: any OC2 row the export can write from care's facts is
 * taken by the import (`planOc2`) as facts from which the export writes the same row again. And
 * the SWEpisodes and DoLo rows as the care module takes them, or the child refused for a date
 * that is not one.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { planOc2, type ImportedOc2, type PlannedOc2 } from '../../care/import-records-model.js'
import { parseCollectionYear } from '../collection-year.js'
import { oc2InYear, type Oc2Fact } from '../ssda903-export/model.js'
import { testChild } from '../ssda903/test-child.js'
import type { HealthRecord } from '../ssda903/year-text.js'
import { indexByChild, type Ssda903Child } from '../ssda903/index.js'
import { makeRow, type Ssda903Tables } from '../ssda903/model.js'
import { importedChildOf, withLastYear } from './model.js'

const YEAR = parseCollectionYear('2025/26')
const bit = (b: boolean | null) => (b === null ? null : b ? '1' : '0')

/** The OC2 row's cells as the export writes them (blank as null). */
function cells(h: HealthRecord): ImportedOc2 {
  return {
    sdqScore: h.sdqScore === null ? null : String(h.sdqScore),
    sdqReason: h.sdqReason,
    convicted: bit(h.convicted),
    healthCheck: bit(h.healthCheck),
    immunisations: bit(h.immunisations),
    teethCheck: bit(h.teethCheck),
    healthAssessment: bit(h.healthAssessment),
    substanceMisuse: bit(h.substanceMisuse),
    interventionReceived: bit(h.interventionReceived),
    interventionOffered: bit(h.interventionOffered),
  }
}

/** The planned facts as care's OC2 view gives them to the export. */
function facts(p: PlannedOc2): Oc2Fact[] {
  return [
    ...p.outcomes.map((o) => ({
      childId: 1,
      kind: o.kind,
      on: o.on,
      code: o.code,
      upToDate: null,
      sdqScore: null,
    })),
    ...p.assessments.map((a) => ({
      childId: 1,
      kind: 'health_assessment',
      on: a.on,
      code: 'rha',
      upToDate: null,
      sdqScore: null,
    })),
    ...p.checks.map((c) => ({
      childId: 1,
      kind: c.kind,
      on: c.on,
      code: null,
      upToDate: c.upToDate,
      sdqScore: c.sdqScore,
    })),
  ]
}

const day = fc
  .integer({ min: Date.UTC(2025, 2, 1), max: Date.UTC(2026, 3, 30) })
  .map((ms) => new Date(ms).toISOString().slice(0, 10))
const fact = fc.oneof(
  fc.record({ kind: fc.constant('offence'), code: fc.constant('conviction') }),
  fc.record({ kind: fc.constant('substance_misuse'), code: fc.constantFrom('received', 'offered', 'none') }),
  fc.record({ kind: fc.constant('sdq_reason'), code: fc.constantFrom('SDQ2', 'SDQ3', 'SDQ4', 'SDQ5') }),
  fc.record({ kind: fc.constant('health_assessment'), code: fc.constantFrom('iha', 'rha') }),
  fc.record({ kind: fc.constant('dental'), code: fc.constant(null) }),
  fc.record({ kind: fc.constant('immunisations'), code: fc.constant(null), upToDate: fc.boolean() }),
  fc.record({ kind: fc.constant('sdq'), code: fc.constant(null), sdqScore: fc.integer({ min: 0, max: 40 }) }),
)
const dateOfBirth = fc
  .integer({ min: Date.UTC(2007, 0, 1), max: Date.UTC(2025, 2, 1) })
  .map((ms) => new Date(ms).toISOString().slice(0, 10))

describe('OC2 imported and exported again', () => {
  it('property: the export’s row, imported, gives the same row back', () => {
    fc.assert(
      fc.property(dateOfBirth, fc.array(fc.tuple(fact, day), { maxLength: 8 }), (dob, list) => {
        const source: Oc2Fact[] = list.map(([f, on]) => ({
          childId: 1,
          kind: f.kind,
          on,
          code: f.code,
          upToDate: 'upToDate' in f ? f.upToDate : null,
          sdqScore: 'sdqScore' in f ? f.sdqScore : null,
        }))
        const row = oc2InYear(source, dob, YEAR)
        expect(row).not.toBeNull()
        const plan = planOc2(cells(row as HealthRecord), dob, YEAR, {
          start: '2024-04-01',
          end: null,
          reasonCeased: null,
        })
        expect(oc2InYear(facts(plan), dob, YEAR)).toEqual(row)
      }),
      { numRuns: 500 },
    )
  })
})

describe('withLastYear', () => {
  const thisYear = {
    Header: [makeRow('Header', { CHILD: 'C1', DOB: '01/01/2010' }, { file: 'h', row: 0 })],
    Episodes: [
      makeRow('Episodes', { CHILD: 'C1', DECOM: '01/03/2025', DEC: '01/06/2025' }, { file: 'e', row: 0 }),
      makeRow('Episodes', { CHILD: 'C1', DECOM: '01/06/2025' }, { file: 'e', row: 1 }),
    ],
    Reviews: [makeRow('Reviews', { CHILD: 'C1', REVIEW: '02/05/2025' }, { file: 'r', row: 0 })],
  }
  const lastYear = {
    Header: [makeRow('Header', { CHILD: 'C1', DOB: '01/01/2010' }, { file: 'h0', row: 0 })],
    Episodes: [
      makeRow('Episodes', { CHILD: 'C1', DECOM: '10/10/2024', DEC: '01/03/2025' }, { file: 'e0', row: 0 }),
      // Open on 31 March: the same episode as this year's first, which has its end.
      makeRow('Episodes', { CHILD: 'C1', DECOM: '01/03/2025' }, { file: 'e0', row: 1 }),
    ],
    Reviews: [makeRow('Reviews', { CHILD: 'C1', REVIEW: '01/11/2024' }, { file: 'r0', row: 0 })],
    PrevPerm: [makeRow('PrevPerm', { CHILD: 'C1', PREV_PERM: 'Z1' }, { file: 'p0', row: 0 })],
  }
  const child = (current: Ssda903Tables, previous: Ssda903Tables) =>
    indexByChild({ current, previous }).children.get('C1') as Ssda903Child

  it('takes in last year’s episodes and reviews, an episode in both years once, as this year has it', () => {
    const merged = withLastYear(child(thisYear, lastYear)).current
    expect(merged.Episodes.map((e) => [e.file, e.DECOM, e.DEC])).toEqual([
      ['e0', '2024-10-10', '2025-03-01'],
      ['e', '2025-03-01', '2025-06-01'],
      ['e', '2025-06-01', null],
    ])
    expect(merged.Reviews.map((r) => r.REVIEW)).toEqual(['2024-11-01', '2025-05-02'])
    expect(merged.Header[0]?.file).toBe('h')
    expect(merged.PrevPerm.map((p) => p.file)).toEqual(['p0'])
  })

  it('gives a child who left care last year last year’s rows, and changes nothing without them', () => {
    const left = withLastYear(child({ Header: [], Episodes: [] }, lastYear)).current
    expect(left.Header[0]?.file).toBe('h0')
    expect(left.Episodes).toHaveLength(2)
    const alone = child(thisYear, {})
    expect(withLastYear(alone).current).toEqual(alone.current)
  })
})

describe('SWEpisodes and DoLo rows for the care module', () => {
  const rows = (tables: Parameters<typeof testChild>[0]) =>
    importedChildOf(
      testChild({
        Header: [{ SEX: '1', DOB: '10/01/2010' }],
        Episodes: [{ DECOM: '01/06/2025', RNE: 'S', LS: 'C2', CIN: 'N1', PLACE: 'K2' }],
        ...tables,
      }),
      '2010-01-10',
      YEAR,
    )

  it('gives each child’s orders and social worker episodes in date order, blanks null, reasons upper-cased', () => {
    const read = rows({
      DoLo: [
        { DOLO_START: '01/09/2025', DOLO_END: '' },
        { DOLO_START: '01/07/2025', DOLO_END: '01/09/2025' },
      ],
      SWEpisodes: [
        { SW_ID: 'SW10002', SW_DECOM: '01/09/2025', SW_DEC: '', SW_REASON: 'leftrl' },
        { SW_ID: 'SW10001', SW_DECOM: '01/06/2025', SW_DEC: '01/09/2025', SW_REASON: '' },
      ],
    })
    expect(read.ok && read.child.dolo).toEqual([
      { start: '2025-07-01', end: '2025-09-01' },
      { start: '2025-09-01', end: null },
    ])
    expect(read.ok && read.child.socialWorkers).toEqual([
      { workerId: 'SW10001', start: '2025-06-01', end: '2025-09-01', reason: null },
      { workerId: 'SW10002', start: '2025-09-01', end: null, reason: 'LEFTRL' },
    ])
  })

  it.each([
    [{ DoLo: [{ DOLO_START: '', DOLO_END: '' }] }, /DOLO_START is blank/],
    [
      { DoLo: [{ DOLO_START: '01/07/2025', DOLO_END: '31/02/2026' }] },
      /DOLO_END "31\/02\/2026" is not a date/,
    ],
    [{ SWEpisodes: [{ SW_ID: 'SW1', SW_DECOM: 'soon', SW_DEC: '' }] }, /SW_DECOM "soon" is not a date/],
    [{ SWEpisodes: [{ SW_ID: 'SW1', SW_DECOM: '01/06/2025', SW_DEC: '2025-09-01' }] }, /SW_DEC "2025-09-01"/],
  ])('refuses a child with a date that is not one: %j', (tables, reason) => {
    const read = rows(tables)
    expect(read.ok).toBe(false)
    expect(!read.ok && read.reason).toMatch(reason)
  })
})
