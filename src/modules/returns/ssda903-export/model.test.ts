/** The export's choice of each year's previous permanence, UASC, adoption, OC2 and OC3 rows from care's records. */
import { describe, expect, it } from 'vitest'
import { parseCollectionYear } from '../collection-year.js'
import { ssda903YearText } from '../ssda903/year-text.js'
import {
  adoptionInYear,
  lookedAfterChildOf,
  oc2InYear,
  permanenceInYear,
  uascInYear,
  type AdoptionRow,
  type Oc2Fact,
} from './model.js'

describe('previous permanence', () => {
  it('is the period’s that started in the year, for the 903', () => {
    const year = parseCollectionYear('2025/26')
    const rows = [
      { childId: 1, periodStart: '2024-06-01', kind: 'Z1', date: null, la: null },
      { childId: 1, periodStart: '2025-09-01', kind: 'P1', date: '2019-01-01', la: '883' },
    ]
    expect(permanenceInYear(rows, year)).toEqual({ kind: 'P1', date: '2019-01-01', la: '883' })
    expect(permanenceInYear(rows.slice(0, 1), year)).toBeNull()
  })
})

describe('UASC', () => {
  it('is in a year’s 903 as the year stood at its end (rules 104, 205B)', () => {
    const year = parseCollectionYear('2025/26')
    const u = { childId: 1, from: '2024-01-10', ceased: '2026-05-01' }
    // Ended after the year: the year's row says the 18th birthday.
    expect(uascInYear(u, '2009-07-15', year)).toEqual({ ceased: '2027-07-15' })
    expect(uascInYear({ ...u, ceased: '2026-02-01' }, '2009-07-15', year)).toEqual({ ceased: '2026-02-01' })
    // Ended before the year began, or began after it: no row.
    expect(uascInYear({ ...u, ceased: '2025-03-01' }, '2009-07-15', year)).toBeNull()
    expect(uascInYear({ ...u, from: '2026-04-01' }, '2009-07-15', year)).toBeNull()
    expect(uascInYear(undefined, '2009-07-15', year)).toBeNull()
  })
})

const YEAR = parseCollectionYear('2025/26')
const fact = (kind: string, on: string, extra: Partial<Oc2Fact> = {}): Oc2Fact => ({
  childId: 1,
  kind,
  on,
  code: null,
  upToDate: null,
  sdqScore: null,
  ...extra,
})

describe('OC2 as at 31 March', () => {
  it('asks about convictions from 10 on 31 March (rules 542, 543), counting the year’s only', () => {
    const offence = (on: string) => [fact('offence', on, { code: 'conviction' })]
    expect(oc2InYear(offence('2025-04-01'), '2016-03-31', YEAR)?.convicted).toBe(true)
    expect(oc2InYear(offence('2025-03-31'), '2016-03-31', YEAR)?.convicted).toBe(false)
    expect(oc2InYear([], '2016-03-31', YEAR)?.convicted).toBe(false)
    expect(oc2InYear(offence('2026-03-31'), '2016-04-01', YEAR)?.convicted).toBeNull()
  })

  it('asks about health checks under 5 only (rules 545, 546): an assessment in the 6 months to 31 March', () => {
    const a = (on: string) => [fact('health_assessment', on, { code: 'rha' })]
    expect(oc2InYear(a('2025-09-30'), '2021-04-01', YEAR)).toMatchObject({
      healthCheck: true,
      healthAssessment: true,
    })
    expect(oc2InYear(a('2025-09-29'), '2021-04-01', YEAR)).toMatchObject({
      healthCheck: false,
      healthAssessment: true,
    })
    expect(oc2InYear(a('2025-09-30'), '2021-03-31', YEAR)?.healthCheck).toBeNull()
  })

  it('reads immunisations from the latest check, teeth and assessments from the year', () => {
    const up = fact('immunisations', '2025-05-01', { upToDate: true })
    const notUp = fact('immunisations', '2026-01-10', { upToDate: false })
    expect(oc2InYear([up], '2012-01-01', YEAR)?.immunisations).toBe(true)
    expect(oc2InYear([up, notUp], '2012-01-01', YEAR)?.immunisations).toBe(false)
    expect(
      oc2InYear([fact('immunisations', '2025-03-31', { upToDate: true })], '2012-01-01', YEAR)?.immunisations,
    ).toBe(false)
    expect(oc2InYear([fact('dental', '2026-03-31')], '2012-01-01', YEAR)?.teethCheck).toBe(true)
    expect(oc2InYear([fact('dental', '2026-04-01')], '2012-01-01', YEAR)?.teethCheck).toBe(false)
  })

  it('has the interventions as rules 158, 159, 192 and 193 have them', () => {
    const misuse = (...codes: string[]) =>
      codes.map((code) => fact('substance_misuse', '2025-10-01', { code }))
    const items = (codes: string[]) => {
      const h = oc2InYear(misuse(...codes), '2010-01-01', YEAR)
      return [h?.substanceMisuse, h?.interventionReceived, h?.interventionOffered]
    }
    expect(items([])).toEqual([false, null, null])
    expect(items(['none'])).toEqual([true, false, false])
    expect(items(['offered'])).toEqual([true, false, true])
    expect(items(['offered', 'received'])).toEqual([true, true, null])
  })

  it('has an SDQ score, or a reason, for ages 4 to 16 (rules 186, 188, 189, 157, 197B)', () => {
    const sdq = (on: string, score: number) => fact('sdq', on, { sdqScore: score })
    // In the band (4 by 1 April, under 17 on 31 March): the latest score of the year.
    expect(oc2InYear([sdq('2025-05-01', 12), sdq('2026-01-01', 9)], '2015-01-01', YEAR)).toMatchObject({
      sdqScore: 9,
      sdqReason: null,
    })
    expect(oc2InYear([sdq('2025-03-31', 12)], '2015-01-01', YEAR)).toMatchObject({
      sdqScore: null,
      sdqReason: null,
    })
    expect(oc2InYear([fact('sdq_reason', '2025-06-01', { code: 'SDQ5' })], '2015-01-01', YEAR)).toMatchObject(
      { sdqScore: null, sdqReason: 'SDQ5' },
    )
    // Turned 4 after 1 April, or 17 in the year: SDQ1 when there is no score.
    expect(oc2InYear([], '2021-04-02', YEAR)?.sdqReason).toBe('SDQ1')
    expect(oc2InYear([], '2021-04-01', YEAR)?.sdqReason).toBeNull()
    expect(oc2InYear([], '2009-03-31', YEAR)?.sdqReason).toBe('SDQ1')
    expect(oc2InYear([], '2009-04-01', YEAR)?.sdqReason).toBeNull()
    // Under 4 on 31 March, or 17 before 1 April: neither.
    expect(oc2InYear([sdq('2026-01-01', 10)], '2022-04-01', YEAR)).toMatchObject({
      sdqScore: null,
      sdqReason: null,
    })
    expect(oc2InYear([sdq('2025-04-01', 10)], '2008-03-31', YEAR)).toMatchObject({
      sdqScore: null,
      sdqReason: null,
    })
    expect(oc2InYear([], null, YEAR)).toBeNull()
  })
})

const PERSON = {
  id: 1,
  laChildId: 'C1',
  dateOfBirth: '2012-06-01',
  sex: 'M',
  ethnicity: 'WBRI',
  upn: null,
  upnUnknownReason: 'UN1',
  motherOfChildBorn: null,
}
const EPISODE = {
  childId: 1,
  start: '2024-01-01',
  end: null as string | null,
  reasonNew: 'S',
  legalStatus: 'C2',
  categoryOfNeed: 'N1',
  placement: 'U4',
  provider: 'PR1',
  reasonCeased: null as string | null,
  reasonPlaceChange: null,
  homePostcode: 'RM17 6AA',
  placementPostcode: 'RM16 2AA',
  urn: null,
}

describe('who is in OC2 and OC3 (year-text decides)', () => {
  const person = PERSON
  const episode = (start: string, end: string | null, rne = 'S') => ({
    ...EPISODE,
    start,
    end,
    reasonNew: rne,
    reasonCeased: end === null ? null : 'E4A',
  })
  const oc2 = (episodes: ReturnType<typeof episode>[]) => {
    const child = {
      ...lookedAfterChildOf(person, episodes, []),
      health: oc2InYear([], person.dateOfBirth, YEAR),
    }
    return ssda903YearText(child, YEAR).OC2?.length ?? 0
  }

  it('is looked after continuously for 12 months at 31 March: in care by 1 April, not left before 31 March', () => {
    expect(oc2([episode('2025-04-01', null)])).toBe(1)
    expect(oc2([episode('2025-04-02', null)])).toBe(0)
    expect(oc2([episode('2024-01-01', '2026-03-31')])).toBe(1)
    expect(oc2([episode('2024-01-01', '2026-03-30')])).toBe(0)
    // A new period of care in the year breaks the 12 months.
    expect(oc2([episode('2024-01-01', '2025-06-01'), episode('2025-06-10', null)])).toBe(0)
  })

  it('puts a care leaver in OC3 for the birthday in the year, without episodes or OC2', () => {
    const leaver = [
      { childId: 1, birthday: '2025-02-01', inTouch: 'YES', activity: 'F5', accommodation: 'U1' },
      { childId: 1, birthday: '2026-02-01', inTouch: 'NO', activity: '0', accommodation: '0' },
    ]
    const child = lookedAfterChildOf({ ...person, dateOfBirth: '2007-02-01' }, [], [], [], leaver)
    const text = ssda903YearText(child, YEAR)
    expect(text.OC3).toEqual([{ CHILD: 'C1', DOB: '01/02/2007', IN_TOUCH: 'NO', ACTIV: '0', ACCOM: '0' }])
    expect(text.Header).toHaveLength(1)
    expect(text.Episodes).toBeUndefined()
    expect(text.OC2).toBeUndefined()
    expect(ssda903YearText(child, parseCollectionYear('2026/27'))).toEqual({})
  })
})

describe('adoption', () => {
  const year = parseCollectionYear('2025/26')
  const row = (r: Partial<AdoptionRow> = {}): AdoptionRow => ({
    childId: 1,
    periodStart: '2024-02-01',
    periodEnd: null,
    decision: '2025-01-10',
    reversed: null,
    matched: '2025-05-02',
    adopters: 2,
    adopterSexes: 'MF',
    adopterLegalStatus: 'L11',
    byFosterCarer: false,
    adopted: null,
    ...r,
  })

  it('is the decision that stood in the year, with the match and the order', () => {
    expect(adoptionInYear([row({ periodEnd: '2025-10-01', adopted: '2025-10-01' })], year)).toEqual({
      decision: '2025-01-10',
      matched: '2025-05-02',
      adopted: '2025-10-01',
      byFosterCarer: false,
      adopters: 2,
      adopterSexes: 'MF',
      adopterLegalStatus: 'L11',
      reversed: null,
    })
    // Reversed on the year's first day still stood in it; a decision on its last day too.
    expect(adoptionInYear([row({ reversed: { date: '2025-04-01', reason: 'RD1' } })], year)).not.toBeNull()
    expect(adoptionInYear([row({ decision: '2026-03-31', matched: null })], year)?.matched).toBeNull()
  })

  it('leaves out a decision made after the year, reversed before it, or of a period ended before it', () => {
    expect(adoptionInYear([row({ decision: '2026-04-01' })], year)).toBeNull()
    expect(adoptionInYear([row({ reversed: { date: '2025-03-31', reason: 'RD1' } })], year)).toBeNull()
    expect(adoptionInYear([row({ periodEnd: '2025-03-31' })], year)).toBeNull()
    // The latest period's when two stood.
    const later = row({ periodStart: '2025-06-01', decision: '2025-08-01' })
    expect(adoptionInYear([row(), later], year)?.decision).toBe('2025-08-01')
  })
})

describe('social worker episodes and deprivation of liberty orders', () => {
  const person = { ...PERSON, dateOfBirth: '2010-06-01' }
  const episode = (start: string, end: string | null) => ({
    ...EPISODE,
    start,
    end,
    placement: 'K2',
    reasonCeased: end === null ? null : 'E4A',
  })
  const workers = [
    { childId: 1, workerId: 'SW900001', start: '2024-02-01', end: '2025-09-01', reason: 'FCONTA' },
    { childId: 1, workerId: 'XX42', start: '2025-09-01', end: null, reason: null },
  ]
  const dolo = [
    { childId: 1, start: '2025-05-01', end: '2025-08-01' },
    { childId: 1, start: '2026-05-01', end: null },
  ]
  const text = (end: string | null, year = YEAR) =>
    ssda903YearText(lookedAfterChildOf(person, [episode('2024-01-01', end)], [], [], [], workers, dolo), year)

  it('writes the social workers of a child looked after on 31 March, a reason not recorded blank', () => {
    expect(text(null).SWEpisodes).toEqual([
      {
        CHILD: 'C1',
        DOB: '01/06/2010',
        SW_ID: 'SW900001',
        SW_DECOM: '01/02/2024',
        SW_DEC: '01/09/2025',
        SW_REASON: 'FCONTA',
      },
      { CHILD: 'C1', DOB: '01/06/2010', SW_ID: 'XX42', SW_DECOM: '01/09/2025', SW_DEC: '', SW_REASON: '' },
    ])
    expect(text('2026-01-10').SWEpisodes).toBeUndefined()
  })

  it('writes DoLo from 2026/27 only: the orders in force in the year, one open at its end without an end', () => {
    expect(text(null).DoLo).toBeUndefined()
    const next = parseCollectionYear('2026/27')
    expect(text(null, next).DoLo).toEqual([
      { CHILD: 'C1', DOB: '01/06/2010', DOLO_START: '01/05/2026', DOLO_END: '' },
    ])
  })
})
