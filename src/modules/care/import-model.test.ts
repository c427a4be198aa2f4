import { describe, expect, it } from 'vitest'
import { fingerprint, planCare, type ImportedChild, type ImportedEpisode } from './import-model.js'
import { clocksToResume, type ImportedOc2 } from './import-records-model.js'

const episode = (over: Partial<ImportedEpisode>): ImportedEpisode => ({
  start: '2025-05-01',
  end: null,
  rne: 'S',
  legalStatus: 'V2',
  categoryOfNeed: 'N1',
  place: 'U1',
  provider: 'PR1',
  reasonCeased: null,
  reasonPlaceChange: null,
  homePostcode: 'RM17 6SL',
  placementPostcode: 'SS17 0AA',
  urn: null,
  ...over,
})

const child = (episodes: ImportedEpisode[], over: Partial<ImportedChild> = {}): ImportedChild => ({
  laChildId: 'A1',
  episodes,
  reviews: [],
  missing: [],
  previousPermanence: null,
  uasc: null,
  ...over,
})

/** An episode ended X1 and the next, starting that day with `rne`. */
const change = (rne: string, over: Partial<ImportedEpisode> = {}): ImportedEpisode[] => [
  episode({ end: '2025-07-01', reasonCeased: 'X1' }),
  episode({ start: '2025-07-01', rne, ...over }),
]

describe('a return’s episodes as care’s periods and placements', () => {
  it('keeps one placement across a change of legal status alone (RNE L)', () => {
    const plan = planCare(child(change('L', { legalStatus: 'C1' })))
    expect(plan.periods).toHaveLength(1)
    expect(plan.periods[0]?.placements).toHaveLength(1)
    expect(plan.periods[0]?.placements[0]?.episodes.map((e) => e.legalStatus)).toEqual(['V2', 'C1'])
  })

  it('starts a new placement on a move, ending the last on the move’s day', () => {
    const plan = planCare(
      child([
        episode({ end: '2025-07-01', reasonCeased: 'X1', reasonPlaceChange: 'CARPL' }),
        episode({ start: '2025-07-01', rne: 'P', place: 'U3' }),
      ]),
    )
    const placements = plan.periods[0]?.placements ?? []
    expect(placements.map((p) => [p.start, p.end, p.place])).toEqual([
      ['2025-05-01', '2025-07-01', 'U1'],
      ['2025-07-01', null, 'U3'],
    ])
    expect(placements[0]?.episodes[0]?.reasonPlaceChange).toBe('CARPL')
  })

  it('starts a new placement for RNE L when the placement’s details differ', () => {
    expect(planCare(child(change('L', { urn: 'SC123456' }))).periods[0]?.placements).toHaveLength(2)
  })

  it('ends a period with a reason ceased and starts the next with RNE S, that day or later', () => {
    const plan = planCare(
      child([
        episode({ end: '2025-07-01', reasonCeased: 'E13' }),
        episode({ start: '2025-07-01', rne: 'S' }),
      ]),
    )
    expect(plan.periods.map((p) => [p.start, p.end, p.reasonCeased])).toEqual([
      ['2025-05-01', '2025-07-01', 'E13'],
      ['2025-07-01', null, null],
    ])
  })

  it('takes a first episode that is not RNE S as the start of what the return holds', () => {
    expect(planCare(child([episode({ rne: 'P', start: '2024-01-10' })])).periods[0]?.start).toBe('2024-01-10')
  })

  it.each([
    [
      'a gap after X1',
      [episode({ end: '2025-07-01', reasonCeased: 'X1' }), episode({ start: '2025-07-02', rne: 'P' })],
      /does not continue/,
    ],
    ['RNE S after X1', change('S'), /does not continue/],
    [
      'no RNE S after care ended',
      [episode({ end: '2025-07-01', reasonCeased: 'E13' }), episode({ start: '2025-08-01', rne: 'P' })],
      /new period \(RNE S\)/,
    ],
    [
      'an overlap',
      [episode({ end: '2025-07-01', reasonCeased: 'E13' }), episode({ start: '2025-06-30', rne: 'S' })],
      /on or after/,
    ],
    [
      'an episode with no end before another',
      [episode({}), episode({ start: '2025-08-01', rne: 'S' })],
      /has no end date/,
    ],
    ['X1 on the last episode', [episode({ end: '2025-07-01', reasonCeased: 'X1' })], /no episode follows/],
    ['an end with no reason', [episode({ end: '2025-07-01' })], /no reason episode ceased/],
    ['a reason with no end', [episode({ reasonCeased: 'E13' })], /a reason ceased but no end date/],
    [
      'an end before the start',
      [episode({ end: '2025-04-01', reasonCeased: 'E13' })],
      /ends before it starts/,
    ],
    ['a category of need changing in a period', change('L', { categoryOfNeed: 'N2' }), /category of need N2/],
    ['a home postcode changing in a period', change('L', { homePostcode: 'RM16 2AA' }), /home postcode/],
    ['a placement code Haven could not hold', [episode({ place: 'u-1' })], /PLACE\) u-1 is not a valid code/],
    [
      'a reason for placement change not on X1',
      [episode({ end: '2025-07-01', reasonCeased: 'E13', reasonPlaceChange: 'CARPL' })],
      /did not end with X1/,
    ],
  ])('refuses %s', (_, episodes, message) => {
    expect(() => planCare(child(episodes))).toThrow(message)
  })

  it('refuses a child with no episodes', () => {
    expect(() => planCare(child([]))).toThrow(/no episodes/)
  })
})

describe('the other records, in the period they fall in', () => {
  const twoPeriods = [
    episode({ end: '2025-07-01', reasonCeased: 'E13' }),
    episode({ start: '2025-09-01', rne: 'S' }),
  ]

  it('puts a review on its period’s first and last day in that period, and refuses one between', () => {
    const plan = planCare(
      child(twoPeriods, {
        reviews: [
          { date: '2025-07-01', participation: 'PN1' },
          { date: '2025-09-01', participation: 'PN0' },
        ],
      }),
    )
    expect(plan.periods.map((p) => p.reviews.length)).toEqual([1, 1])
    expect(() =>
      planCare(child(twoPeriods, { reviews: [{ date: '2025-08-01', participation: 'PN1' }] })),
    ).toThrow(/not in a period of care/)
    expect(() =>
      planCare(child(twoPeriods, { reviews: [{ date: '2025-09-02', participation: 'PN9' }] })),
    ).toThrow(/PN0–PN7/)
  })

  it('keeps missing episodes, at most one of them open', () => {
    const open = { kind: 'M', start: '2025-09-10', end: null }
    expect(planCare(child(twoPeriods, { missing: [open] })).periods[1]?.missing).toHaveLength(1)
    expect(() => planCare(child(twoPeriods, { missing: [open, { ...open, start: '2025-09-12' }] }))).toThrow(
      /more than one/,
    )
    expect(() =>
      planCare(child(twoPeriods, { missing: [{ kind: 'X', start: '2025-09-10', end: null }] })),
    ).toThrow(/not M or A/)
  })

  it('gives the previous permanence to the last period, with a date unless Z1', () => {
    const plan = planCare(
      child(twoPeriods, { previousPermanence: { kind: 'P1', date: '2020-01-01', la: '883' } }),
    )
    expect(plan.periods.map((p) => p.previousPermanence?.kind ?? null)).toEqual([null, 'P1'])
    expect(() =>
      planCare(child(twoPeriods, { previousPermanence: { kind: 'P1', date: null, la: null } })),
    ).toThrow(/no date of the order/)
    expect(() =>
      planCare(child(twoPeriods, { previousPermanence: { kind: 'Z1', date: '2020-01-01', la: null } })),
    ).toThrow(/has a date/)
  })

  it('takes UASC from the first period’s start', () => {
    expect(planCare(child(twoPeriods, { uasc: { ceased: null } })).uasc).toEqual({
      from: '2025-05-01',
      ceased: null,
    })
    expect(() => planCare(child(twoPeriods, { uasc: { ceased: '2025-01-01' } }))).toThrow(
      /before care started/,
    )
  })

  it('fingerprints the same rows the same, and different rows differently', () => {
    const a = fingerprint(planCare(child(twoPeriods)))
    expect(fingerprint(planCare(child(twoPeriods)))).toBe(a)
    expect(fingerprint(planCare(child(change('L'))))).not.toBe(a)
    expect(a).toMatch(/^[0-9a-f]{64}$/)
  })
})

describe('OC3, OC2, PlacedAdoption and AD1 as care’s records', () => {
  const YEAR = { start: '2025-04-01', end: '2026-03-31' }
  /** Looked after all year: in care since 1 April 2024. */
  const allYear = [episode({ start: '2024-04-01' })]
  const withRows = (over: Partial<ImportedChild>, episodes = allYear) =>
    planCare(child(episodes, { year: YEAR, dateOfBirth: '2012-01-10', ...over }))
  const NO_OC2: ImportedOc2 = {
    sdqScore: '14',
    sdqReason: null,
    convicted: '0',
    healthCheck: null,
    immunisations: '0',
    teethCheck: '0',
    healthAssessment: '0',
    substanceMisuse: '0',
    interventionReceived: null,
    interventionOffered: null,
  }

  it('dates a care leaver’s contact the birthday in the year, and imports a leaver with no episodes', () => {
    const plan = planCare(
      child([], {
        year: YEAR,
        dateOfBirth: '2007-02-01',
        careLeaver: { inTouch: 'YES', activity: 'F2', accommodation: 'D1' },
      }),
    )
    expect(plan.periods).toEqual([])
    expect(plan.careLeaver).toEqual({
      age: 19,
      birthday: '2026-02-01',
      contactOn: '2026-02-01',
      inTouch: 'YES',
      activity: 'F2',
      accommodation: 'D1',
    })
  })

  it.each([
    [{ inTouch: 'YES', activity: '0', accommodation: 'D1' }, '2007-02-01', /ACTIV 0 is not a valid code/],
    [{ inTouch: 'YES', activity: 'F2', accommodation: 'S1' }, '2007-02-01', /ACCOM S1 is not a valid/],
    [{ inTouch: 'NO', activity: 'F2', accommodation: '0' }, '2007-02-01', /both are 0 when not in touch/],
    [{ inTouch: 'MAYBE', activity: '0', accommodation: '0' }, '2007-02-01', /IN_TOUCH MAYBE/],
    [{ inTouch: 'NO', activity: '0', accommodation: '0' }, '2012-02-01', /no 17th to 21st birthday/],
  ])('refuses OC3 %j for a young person born %s', (row, dob, reason) => {
    expect(() => planCare(child([], { year: YEAR, dateOfBirth: dob, careLeaver: row }))).toThrow(reason)
  })

  it('records nothing for an OC2 of zeros but the SDQ, dated 1 April', () => {
    expect(withRows({ oc2: NO_OC2 }).periods[0]?.oc2).toEqual({
      outcomes: [],
      assessments: [],
      checks: [{ kind: 'sdq', on: '2025-04-01', upToDate: null, sdqScore: 14 }],
    })
  })

  it('records each 1 as its dated fact on the period looked after all year', () => {
    const oc2 = withRows({
      oc2: {
        ...NO_OC2,
        sdqScore: null,
        sdqReason: 'SDQ4',
        convicted: '1',
        immunisations: '1',
        teethCheck: '1',
        healthAssessment: '1',
        substanceMisuse: '1',
        interventionReceived: '0',
        interventionOffered: '1',
      },
    }).periods[0]?.oc2
    expect(oc2).toEqual({
      outcomes: [
        { kind: 'offence', on: '2025-04-01', code: 'conviction' },
        { kind: 'substance_misuse', on: '2025-04-01', code: 'offered' },
        { kind: 'sdq_reason', on: '2025-04-01', code: 'SDQ4' },
      ],
      assessments: [{ on: '2025-04-01', ageBand: '5_and_over' }],
      checks: [
        { kind: 'immunisations', on: '2025-04-01', upToDate: true, sdqScore: null },
        { kind: 'dental', on: '2025-04-01', upToDate: null, sdqScore: null },
      ],
    })
  })

  it('dates an under-5’s development checks 6 months before 31 March, and no SDQ reason for SDQ1', () => {
    const oc2 = withRows({
      dateOfBirth: '2022-01-10',
      oc2: {
        ...NO_OC2,
        sdqScore: null,
        sdqReason: 'SDQ1',
        convicted: null,
        healthCheck: '1',
        healthAssessment: '1',
      },
    }).periods[0]?.oc2
    expect(oc2?.assessments).toEqual([{ on: '2025-09-30', ageBand: 'under_5' }])
    expect(oc2?.outcomes).toEqual([])
  })

  it.each([
    [
      'a child looked after from 2 April',
      { oc2: NO_OC2 },
      [episode({ start: '2025-04-02' })],
      /not looked after for the 12 months/,
    ],
    [
      'a child who left before 31 March',
      { oc2: NO_OC2 },
      [episode({ start: '2024-04-01', end: '2026-03-30', reasonCeased: 'E4A' })],
      /not looked after/,
    ],
    ['CONVICTED blank at 14', { oc2: { ...NO_OC2, convicted: null } }, allYear, /CONVICTED is blank/],
    [
      'CONVICTED given at 4',
      {
        dateOfBirth: '2021-06-01',
        oc2: { ...NO_OC2, convicted: '0', healthCheck: '0', sdqScore: null, sdqReason: 'SDQ1' },
      },
      allYear,
      /CONVICTED is 0, but it is blank/,
    ],
    [
      'HEALTH_CHECK 1 with no assessment',
      {
        dateOfBirth: '2022-01-10',
        oc2: { ...NO_OC2, convicted: null, healthCheck: '1', sdqScore: null, sdqReason: 'SDQ1' },
      },
      allYear,
      /HEALTH_CHECK is 1 but HEALTH_ASSESSMENT is 0/,
    ],
    [
      'an intervention with no problem',
      { oc2: { ...NO_OC2, interventionReceived: '1' } },
      allYear,
      /INTERVENTION_RECEIVED is 1, but it is blank with no substance misuse/,
    ],
    [
      'offered when received',
      { oc2: { ...NO_OC2, substanceMisuse: '1', interventionReceived: '1', interventionOffered: '0' } },
      allYear,
      /INTERVENTION_OFFERED is 0, but it is blank when an intervention was received/,
    ],
    [
      'SDQ1 at 13',
      { oc2: { ...NO_OC2, sdqScore: null, sdqReason: 'SDQ1' } },
      allYear,
      /SDQ1 \(too young or too old\)/,
    ],
    [
      'no score or reason when SDQ1 is due',
      { dateOfBirth: '2021-06-01', oc2: { ...NO_OC2, convicted: null, healthCheck: '0', sdqScore: null } },
      allYear,
      /it is SDQ1/,
    ],
    ['a score of 41', { oc2: { ...NO_OC2, sdqScore: '41' } }, allYear, /SDQ_SCORE 41 is not 0 to 40/],
    ['a bit of 2', { oc2: { ...NO_OC2, teethCheck: '2' } }, allYear, /TEETH_CHECK 2 is not 0 or 1/],
  ])('refuses OC2 for %s', (_, over, episodes, reason) => {
    expect(() => withRows(over as Partial<ImportedChild>, episodes)).toThrow(reason)
  })

  const adopted = [episode({ start: '2024-04-01', end: '2025-12-01', reasonCeased: 'E12' })]
  const ad1 = {
    decision: '2024-06-01',
    matched: '2025-03-01',
    fosterCare: '0',
    adopters: '2',
    sexes: 'MF',
    legalStatus: 'L11',
  }

  it('puts the decision, its match and its reversal on the period it falls in', () => {
    expect(
      withRows({ placedAdoption: { decision: '2024-06-01', reversed: null, reason: null }, ad1 }, adopted)
        .periods[0]?.adoption,
    ).toEqual({
      decidedOn: '2024-06-01',
      reversal: null,
      match: { on: '2025-03-01', adopters: 2, sexes: 'MF', legalStatus: 'L11', byFosterCarers: false },
    })
    const reversed = withRows({
      placedAdoption: { decision: '2025-05-01', reversed: '2025-09-01', reason: 'RD1' },
    })
    expect(reversed.periods[0]?.adoption).toEqual({
      decidedOn: '2025-05-01',
      reversal: { on: '2025-09-01', reason: 'RD1' },
      match: null,
    })
    // A decision before the return's first episode goes on the first period.
    expect(
      withRows({ placedAdoption: { decision: '2023-01-01', reversed: null, reason: null } }).periods[0]
        ?.adoption?.decidedOn,
    ).toBe('2023-01-01')
  })

  it.each([
    ['AD1 for a period not ended by adoption', { ad1 }, allYear, /did not end with an adoption order/],
    [
      'an adoption with no AD1',
      { placedAdoption: { decision: '2024-06-01', reversed: null, reason: null } },
      adopted,
      /has no AD1 row/,
    ],
    [
      'DATE_INT not DATE_PLACED',
      { ad1, placedAdoption: { decision: '2024-06-02', reversed: null, reason: null } },
      adopted,
      /DATE_INT 01\/06\/2024 is not PlacedAdoption’s DATE_PLACED 02\/06\/2024/,
    ],
    ['a match in part', { ad1: { ...ad1, sexes: null } }, adopted, /the match whole/],
    ['adopters’ codes that disagree', { ad1: { ...ad1, adopters: '1' } }, adopted, /One adopter is a single/],
    [
      'a reversal with no reason',
      { placedAdoption: { decision: '2025-05-01', reversed: '2025-09-01', reason: null } },
      allYear,
      /together or not at all/,
    ],
    [
      'a reversal before the year',
      { placedAdoption: { decision: '2024-05-01', reversed: '2025-03-01', reason: 'RD2' } },
      allYear,
      /not in the year/,
    ],
    [
      'a decision after the year',
      { placedAdoption: { decision: '2026-04-01', reversed: null, reason: null } },
      allYear,
      /after the year/,
    ],
  ])('refuses %s', (_, over, episodes, reason) => {
    expect(() => withRows(over as Partial<ImportedChild>, episodes)).toThrow(reason)
  })

  it('plans a child without these rows as before, so their fingerprint is unchanged', () => {
    const plan = planCare(child(allYear))
    expect(plan.careLeaver).toBeUndefined()
    expect(plan.periods.every((p) => p.oc2 === undefined && p.adoption === undefined)).toBe(true)
  })
})

describe('the clocks an imported period resumes', () => {
  const placements = [{ start: '2025-05-01' }, { start: '2025-11-03' }]
  it.each([
    [[], 'lac_review.first_owed', '2025-05-01'],
    [[{ date: '2025-09-15' }], 'lac_review.second_owed', '2025-09-15'],
    [[{ date: '2025-06-01' }, { date: '2025-12-01' }], 'lac_review.next_owed', '2025-12-01'],
  ])(
    'after reviews %j, %s from %s, and the first visit from the current placement',
    (reviews, type, from) => {
      const clocks = clocksToResume({ start: '2025-05-01', end: null, reviews, placements })
      expect(clocks.map((c) => [c.type, c.from])).toEqual([
        [type, from],
        ['lac_visit.first_owed', '2025-11-03'],
      ])
    },
  )

  it('resumes nothing for a period that has ended', () => {
    expect(clocksToResume({ start: '2025-05-01', end: '2025-08-01', reviews: [], placements })).toEqual([])
  })
})

describe('deprivation of liberty orders (DoLo) as care’s orders', () => {
  const dob = '2010-03-01'
  /** A period from 1 May 2025, in a children's home (K2) from 1 July; ended when `end` is given. */
  const inHome = (end: string | null = null): ImportedEpisode[] => [
    episode({ end: '2025-07-01', reasonCeased: 'X1', reasonPlaceChange: 'CARPL' }),
    episode({ start: '2025-07-01', rne: 'P', place: 'K2', end, reasonCeased: end === null ? null : 'E13' }),
  ]
  const withOrders = (dolo: { start: string; end: string | null }[], episodes = inHome()) =>
    planCare(child(episodes, { dateOfBirth: dob, dolo }))

  it('puts each order on the period it was made in, one after another, the last still in force', () => {
    const plan = withOrders([
      { start: '2025-09-01', end: null },
      { start: '2025-07-10', end: '2025-09-01' },
    ])
    expect(plan.periods[0]?.dolo).toEqual([
      { start: '2025-07-10', end: '2025-09-01' },
      { start: '2025-09-01', end: null },
    ])
  })

  it('takes an order that ends the day care does', () => {
    const plan = withOrders([{ start: '2025-07-10', end: '2025-12-01' }], inHome('2025-12-01'))
    expect(plan.periods[0]?.dolo).toHaveLength(1)
  })

  it.each([
    ['made before care began', [{ start: '2025-04-20', end: null }], inHome(), /not in a period of care/],
    [
      'made before the child was born',
      [{ start: '2025-07-10', end: null }],
      inHome(),
      /after the child’s birth/,
      '2025-08-01',
    ],
    ['ending the day it was made', [{ start: '2025-07-10', end: '2025-07-10' }], inHome(), /must be after/],
    [
      'overlapping another',
      [
        { start: '2025-07-10', end: '2025-09-01' },
        { start: '2025-08-01', end: '2025-10-01' },
      ],
      inHome(),
      /overlap the order from/,
    ],
    [
      'made while another is in force',
      [
        { start: '2025-07-10', end: null },
        { start: '2025-08-01', end: '2025-10-01' },
      ],
      inHome(),
      /still in force/,
    ],
    [
      'in force while the child is placed with parents (rule 710)',
      [{ start: '2025-06-01', end: '2025-08-01' }],
      [
        episode({ place: 'P1', end: '2025-07-01', reasonCeased: 'X1', reasonPlaceChange: 'CARPL' }),
        episode({ start: '2025-07-01', rne: 'P', place: 'K2' }),
      ],
      /cannot be placed with their parents/,
    ],
    [
      'still in force when care ended',
      [{ start: '2025-07-10', end: null }],
      inHome('2025-12-01'),
      /has no end, but care ended 01\/12\/2025: an order ends with care/,
    ],
    [
      'ending after care did',
      [{ start: '2025-07-10', end: '2026-01-10' }],
      inHome('2025-12-01'),
      /ends 10\/01\/2026, but care ended 01\/12\/2025/,
    ],
  ])('refuses an order %s', (_, dolo, episodes, message, born = dob) => {
    expect(() => planCare(child(episodes, { dateOfBirth: born, dolo }))).toThrow(message)
  })

  it('fingerprints a child with no orders as before (no DoLo on their periods)', () => {
    const plan = withOrders([])
    expect(plan.periods.every((p) => p.dolo === undefined)).toBe(true)
    expect(fingerprint(plan)).toBe(fingerprint(planCare(child(inHome(), { dateOfBirth: dob }))))
    expect(fingerprint(withOrders([{ start: '2025-07-10', end: null }]))).not.toBe(fingerprint(plan))
  })
})
