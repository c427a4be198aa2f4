import { describe, expect, it } from 'vitest'
import { fingerprint, planCare, type ImportedChild, type ImportedEpisode } from './import-model.js'

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
