import { describe, expect, it } from 'vitest'
import {
  ALREADY_IN_CARE,
  CARE_CODES,
  endRefusal,
  endSchema,
  isRefusal,
  legalStatusSchema,
  normalPostcode,
  placementAsSeen,
  placementDistanceMiles,
  placementRefusal,
  placementSchema,
  planLegalStatusChange,
  planPlacementChange,
  readCareCodes,
  REASONS_CARE_ENDS,
  reasonForNewEpisode,
  startRefusal,
  startSchema,
  type CurrentEpisode,
  type Placement,
} from './model.js'

const today = '2026-03-20'
const now = new Date('2026-03-20T12:00:00Z')
const foster: Placement = {
  place: 'U6',
  provider: 'PR1',
  carer: 'Jo and Sam Green',
  urn: null,
  postcode: 'RM17 6AB',
}
const current: CurrentEpisode = { startDate: '2026-02-02', legalStatus: 'V2', placement: foster }

describe('the reason for a new episode, derived from what changed', () => {
  it.each([
    [false, false, false, null],
    [false, false, true, null],
    [true, false, false, 'L'],
    [true, false, true, 'L'],
    [false, true, false, 'P'],
    [false, true, true, 'B'],
    [true, true, false, 'T'],
    [true, true, true, 'U'],
  ] as const)('legal status %s, placement %s, same carer %s → %s', (ls, pl, same, rne) => {
    expect(reasonForNewEpisode({ legalStatusChanged: ls, placementChanged: pl, sameCarer: same })).toBe(rne)
  })
})

describe('a change of legal status', () => {
  it('starts an L episode on a date from the current episode’s start to today', () => {
    expect(planLegalStatusChange(current, { date: '2026-02-02', legalStatus: 'C1' }, today)).toEqual({
      rne: 'L',
      reasonPlaceChange: null,
      legalStatus: 'C1',
      placement: null,
    })
    expect(planLegalStatusChange(current, { date: today, legalStatus: 'C1' }, today)).toMatchObject({
      rne: 'L',
    })
  })
  it('refuses a date before the current episode started, a date in the future, and no change', () => {
    expect(planLegalStatusChange(current, { date: '2026-02-01', legalStatus: 'C1' }, today)).toEqual({
      field: 'change-day',
      message: 'The date must be on or after 2 February 2026, when the current episode started',
    })
    expect(planLegalStatusChange(current, { date: '2026-03-21', legalStatus: 'C1' }, today)).toEqual({
      field: 'change-day',
      message: 'The date must be today or in the past',
    })
    expect(planLegalStatusChange(current, { date: today, legalStatus: 'V2' }, today)).toMatchObject({
      field: 'legalStatus',
    })
  })
})

describe('a change of placement', () => {
  const move = (
    p: Partial<Placement>,
    o: { sameCarer?: boolean; legalStatus?: string; reason?: string | null } = {},
  ) =>
    planPlacementChange(
      current,
      {
        date: '2026-03-01',
        placement: { ...foster, ...p },
        sameCarer: o.sameCarer ?? false,
        legalStatus: o.legalStatus ?? 'V2',
        reasonPlaceChange: o.reason === undefined ? 'CARPL' : o.reason,
      },
      today,
    )

  it('derives P, B, T and U', () => {
    expect(move({ carer: 'Ann Lee' })).toMatchObject({ rne: 'P', reasonPlaceChange: 'CARPL' })
    expect(move({ place: 'U4' }, { sameCarer: true })).toMatchObject({ rne: 'B' })
    expect(move({ carer: 'Ann Lee' }, { legalStatus: 'C1' })).toMatchObject({ rne: 'T', legalStatus: 'C1' })
    expect(move({ place: 'U4' }, { sameCarer: true, legalStatus: 'C2' })).toMatchObject({ rne: 'U' })
  })
  it('refuses a move that changes nothing', () => {
    expect(move({}, { sameCarer: true })).toMatchObject({ field: 'place' })
  })
  it('requires the reason for the change, except into or out of a temporary placement', () => {
    expect(move({ carer: 'Ann Lee' }, { reason: null })).toEqual({
      field: 'reasonPlaceChange',
      message: 'Select the reason for the change of placement',
    })
    expect(
      move({ place: 'T1', provider: null, carer: 'Basildon Hospital' }, { reason: 'OTHER' }),
    ).toMatchObject({
      rne: 'P',
      reasonPlaceChange: null,
    })
    const inHospital = { ...current, placement: { ...foster, place: 'T1', provider: null } }
    const back = planPlacementChange(
      inHospital,
      { date: '2026-03-01', placement: foster, sameCarer: false, legalStatus: 'V2', reasonPlaceChange: null },
      today,
    )
    expect(isRefusal(back)).toBe(false)
  })
  it('requires a provider where the placement type needs one', () => {
    expect(move({ carer: 'Ann Lee', provider: null })).toEqual({
      field: 'provider',
      message: 'Select the provider: a U6 placement needs one',
    })
  })
  it('refuses dates out of the current episode', () => {
    expect(
      planPlacementChange(
        current,
        {
          date: '2026-01-31',
          placement: { ...foster, carer: 'X' },
          sameCarer: false,
          legalStatus: 'V2',
          reasonPlaceChange: 'CARPL',
        },
        today,
      ),
    ).toMatchObject({ field: 'change-day' })
  })
})

describe('placement types and providers', () => {
  it.each(['T0', 'T1', 'T2', 'T3', 'Z11', 'Z12', 'Z13', 'Z14'])('%s needs no provider', (place) => {
    expect(placementRefusal({ ...foster, place, provider: null })).toBeNull()
  })
  it.each(['T4', 'U1', 'K2', 'P1', 'A3', 'R1'])('%s needs a provider', (place) => {
    expect(placementRefusal({ ...foster, place, provider: null })?.field).toBe('provider')
    expect(placementRefusal({ ...foster, place, provider: 'PR4' })).toBeNull()
  })
})

describe('starting and ending care', () => {
  const start = {
    startDate: today,
    today,
    inCare: false,
    lastEnded: null,
    dateOfBirth: '2015-06-01',
    placement: foster,
  }
  it('refuses a second open period, the future, before birth, and before the last period ended', () => {
    expect(startRefusal(start)).toBeNull()
    expect(startRefusal({ ...start, inCare: true })).toEqual({ field: 'form', message: ALREADY_IN_CARE })
    expect(startRefusal({ ...start, startDate: '2026-03-21' })?.field).toBe('start-day')
    expect(startRefusal({ ...start, startDate: '2015-05-31' })?.message).toContain('date of birth')
    expect(startRefusal({ ...start, startDate: '2026-01-09', lastEnded: '2026-01-10' })?.message).toBe(
      'The start date must be on or after 10 January 2026, when the child’s last period of care ended',
    )
    expect(startRefusal({ ...start, startDate: '2026-01-10', lastEnded: '2026-01-10' })).toBeNull()
  })
  it('ends with any reason but X1, on a date in the current episode', () => {
    expect(REASONS_CARE_ENDS.map((r) => r.code)).not.toContain('X1')
    expect(CARE_CODES.reasonsCeased.map((r) => r.code)).toContain('X1')
    expect(endRefusal(current, { date: '2026-02-02', reason: 'E4A' }, today)).toBeNull()
    expect(endRefusal(current, { date: '2026-03-01', reason: 'X1' }, today)?.field).toBe('reason')
    expect(endRefusal(current, { date: '2026-02-01', reason: 'E4A' }, today)?.field).toBe('end-day')
    expect(endRefusal(current, { date: '2026-03-21', reason: 'E4A' }, today)?.field).toBe('end-day')
  })
})

describe('distance from home', () => {
  it('is the DfE formula, in miles to one decimal place', () => {
    expect(
      placementDistanceMiles({ easting: 560000, northing: 180000 }, { easting: 560000, northing: 180000 }),
    ).toBe(0)
    // 3 km east and 4 km north: 5 km, 3.107 miles.
    expect(
      placementDistanceMiles({ easting: 560000, northing: 180000 }, { easting: 563000, northing: 184000 }),
    ).toBe(3.1)
    // 20 miles is 32,186 metres: just under and just over round to 20.0.
    expect(placementDistanceMiles({ easting: 0, northing: 0 }, { easting: 32_186, northing: 0 })).toBe(20)
    expect(placementDistanceMiles({ easting: 0, northing: 0 }, { easting: 32_347, northing: 0 })).toBe(20.1)
  })
})

describe('the forms', () => {
  const boxes = (prefix: string, iso: string) => {
    const [y, m, d] = iso.split('-')
    return { [`${prefix}-day`]: d ?? '', [`${prefix}-month`]: m ?? '', [`${prefix}-year`]: y ?? '' }
  }
  const placement = { place: 'U6', provider: 'PR1', carer: 'Jo Green', urn: '', postcode: 'rm176ab' }
  it('starts an emergency admission without the panel, a planned one only with it', () => {
    const emergency = startSchema(now).safeParse({
      admission: 'emergency',
      ...boxes('start', '2026-03-02'),
      legalStatus: 'V2',
      categoryOfNeed: 'N1',
      ...placement,
    })
    expect(emergency.success && emergency.data.placement.postcode).toBe('RM17 6AB')
    const planned = startSchema(now).safeParse({
      admission: 'planned',
      ...boxes('start', '2026-03-02'),
      legalStatus: 'V2',
      categoryOfNeed: 'N1',
      ...placement,
    })
    expect(planned.success).toBe(false)
    expect(planned.error?.issues.map((i) => i.path[0])).toEqual(['panelName', 'panel-day', 'panelChair'])
  })
  it('refuses a bad postcode, a URN with spaces and a date in the future', () => {
    const bad = placementSchema(now).safeParse({
      ...boxes('change', '2026-03-21'),
      ...placement,
      postcode: 'not a postcode',
      urn: 'SC 1',
      sameCarer: 'no',
      legalStatus: 'V2',
    })
    expect(bad.error?.issues.map((i) => [i.path[0], i.message])).toEqual([
      ['change-day', 'The date must be today or in the past'],
      ['urn', 'The Ofsted URN must be letters and numbers only, for example SC123456'],
      ['postcode', 'The placement’s postcode must be a real postcode, like RM17 6AB'],
    ])
  })
  it('asks for the legal status and the end reason from their lists', () => {
    expect(legalStatusSchema(now).safeParse({ ...boxes('change', today), legalStatus: 'ZZ' }).success).toBe(
      false,
    )
    expect(endSchema(now).safeParse({ ...boxes('end', today), reason: 'X1' }).success).toBe(false)
    expect(endSchema(now).safeParse({ ...boxes('end', today), reason: 'E4A' }).data).toEqual({
      date: today,
      reason: 'E4A',
    })
  })
  it('normalises postcodes', () => {
    expect(normalPostcode(' rm17 6ab ')).toBe('RM17 6AB')
    expect(normalPostcode('SW1A1AA')).toBe('SW1A 1AA')
    expect(normalPostcode('RM17')).toBeNull()
  })
})

describe('the code lists', () => {
  it('refuse a list that cannot be recorded', () => {
    const raw = structuredClone(CARE_CODES) as unknown as Record<string, unknown>
    expect(() => readCareCodes({ ...raw, $comment: 'x', withoutProvider: ['Q9'] })).toThrow(/Q9/)
    expect(() =>
      readCareCodes({
        ...raw,
        $comment: 'x',
        reasonsCeased: CARE_CODES.reasonsCeased.filter((r) => r.code !== 'X1'),
      }),
    ).toThrow(/X1/)
  })
})

describe('a placement for adoption as a reader sees it', () => {
  const p = { place: 'A5', carer_name: 'The Hill family', postcode: 'CM1 1AA', urn: null }
  it('withholds the prospective adopters from a reader who may not see them', () => {
    expect(placementAsSeen(p, false)).toEqual({
      place: 'A5',
      carer_name: 'Withheld: the prospective adopters',
      postcode: null,
      urn: null,
      withheld: true,
    })
    expect(placementAsSeen(p, true)).toEqual({ ...p, withheld: false })
  })
  it.each(['A3', 'A4', 'A6'])('%s is a placement for adoption', (place) => {
    expect(placementAsSeen({ ...p, place }, false).withheld).toBe(true)
  })
  it.each(['U1', 'U6', 'K2', 'P1'])('%s is not', (place) => {
    expect(placementAsSeen({ ...p, place }, false).withheld).toBe(false)
  })
})
