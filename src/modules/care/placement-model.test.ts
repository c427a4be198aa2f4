import { describe, expect, it } from 'vitest'
import {
  approvalRefusal,
  approvalSchema,
  approvalsAwaited,
  approvalsNeeded,
  costExpected,
  costOn,
  costRefusal,
  costSchema,
  inBorough,
  longTermStability,
  penceText,
  placementsInYear,
  readPence,
  threeOrMorePlacements,
  whereText,
  within20Miles,
  yearTo,
  type StayFacts,
} from './placement-model.js'

const now = new Date('2026-03-20T12:00:00Z')
const day = (prefix: string, iso: string) => {
  const [y, m, d] = iso.split('-')
  return {
    [`${prefix}-day`]: String(Number(d)),
    [`${prefix}-month`]: String(Number(m)),
    [`${prefix}-year`]: y ?? '',
  }
}
const issues = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  r.success ? [] : (r.error?.issues ?? []).map((i) => [i.path.join('.'), i.message])

describe('money as whole pence', () => {
  it.each([
    ['875.50', 87550],
    ['875.5', 87550],
    ['£1,234', 123400],
    [' 0 ', 0],
    ['0.01', 1],
    ['1000000', 100_000_000],
  ])('reads %s as %i pence', (raw, pence) => expect(readPence(raw)).toBe(pence))

  it.each([
    ['', 'Enter the weekly cost'],
    ['abc', 'The weekly cost must be an amount in pounds and pence, like 875.50'],
    ['1.234', 'The weekly cost must be an amount in pounds and pence, like 875.50'],
    ['12e3', 'The weekly cost must be an amount in pounds and pence, like 875.50'],
    ['-5', 'The weekly cost must be £0 or more'],
    ['-0.01', 'The weekly cost must be £0 or more'],
    ['1000000.01', 'The weekly cost must be £1,000,000 or less'],
  ])('refuses %j', (raw, message) => expect(readPence(raw)).toEqual({ message }))

  it('writes pence as pounds', () => {
    expect(penceText(87358)).toBe('£873.58')
    expect(penceText(450000)).toBe('£4,500.00')
  })

  it('finds the cost in force on a day: the latest from on or before it, then the latest recorded', () => {
    const costs = [
      { id: 1, from_date: '2026-01-05' },
      { id: 2, from_date: '2026-03-01' },
      { id: 3, from_date: '2026-03-01' },
    ]
    expect(costOn(costs, '2026-01-04')).toBeNull()
    expect(costOn(costs, '2026-01-05')?.id).toBe(1)
    expect(costOn(costs, '2026-02-28')?.id).toBe(1)
    expect(costOn(costs, '2026-03-01')?.id).toBe(3)
  })
})

describe('approval', () => {
  it('needs the Placement Panel for an external placement and the head of service for a residential one', () => {
    expect(approvalsNeeded({ place: 'U6', provider: 'PR1' })).toEqual([])
    expect(approvalsNeeded({ place: 'U6', provider: 'PR4' })).toEqual(['placement_panel'])
    expect(approvalsNeeded({ place: 'U4', provider: 'PR2' })).toEqual(['placement_panel'])
    expect(approvalsNeeded({ place: 'K2', provider: 'PR4' })).toEqual(['placement_panel', 'head_of_service'])
    expect(approvalsNeeded({ place: 'K2', provider: 'PR1' })).toEqual(['head_of_service'])
    for (const place of ['K1', 'R1', 'S1'])
      expect(approvalsNeeded({ place, provider: 'PR1' })).toEqual(['head_of_service'])
    expect(approvalsNeeded({ place: 'K3', provider: 'PR1' })).toEqual([])
    expect(approvalsNeeded({ place: 'P1', provider: 'PR0' })).toEqual([])
    // A temporary placement is an absence, not a commissioned placement.
    expect(approvalsNeeded({ place: 'T4', provider: 'PR4' })).toEqual([])
  })

  it('shows a residential placement without the head of service as awaiting', () => {
    expect(approvalsAwaited({ place: 'K2', provider: 'PR4' }, ['placement_panel'])).toEqual([
      'head_of_service',
    ])
    expect(
      approvalsAwaited({ place: 'K2', provider: 'PR4' }, ['placement_panel', 'head_of_service']),
    ).toEqual([])
  })

  const k2 = { place: 'K2', provider: 'PR4', startDate: '2026-03-02' }
  it('refuses an approval dated before the placement, or in the future; the day it began and today are fine', () => {
    const at = (approvedOn: string) =>
      approvalRefusal({ kind: 'head_of_service', approvedOn }, k2, [], '2026-03-20')
    expect(at('2026-03-01')).toEqual({
      field: 'approved-day',
      message: 'The date of approval must be on or after 2 March 2026, when the placement began',
    })
    expect(at('2026-03-02')).toBeNull()
    expect(at('2026-03-20')).toBeNull()
    expect(at('2026-03-21')?.message).toBe('The date of approval must be today or in the past')
  })

  it('refuses an approval the placement does not need, or one already recorded', () => {
    const foster = { place: 'U6', provider: 'PR1', startDate: '2026-03-02' }
    expect(
      approvalRefusal({ kind: 'placement_panel', approvedOn: '2026-03-05' }, foster, [], '2026-03-20')?.field,
    ).toBe('kind')
    expect(
      approvalRefusal(
        { kind: 'head_of_service', approvedOn: '2026-03-05' },
        k2,
        ['head_of_service'],
        '2026-03-20',
      )?.message,
    ).toBe('The head of service’s approval is already recorded')
  })

  it('reads the approval form: kind, date and name needed, a future date refused', () => {
    const schema = approvalSchema(now)
    expect(
      schema.parse({ kind: 'placement_panel', ...day('approved', '2026-03-10'), approver: ' Ann Lee ' }),
    ).toEqual({
      kind: 'placement_panel',
      approvedOn: '2026-03-10',
      approver: 'Ann Lee',
    })
    expect(issues(schema.safeParse({ ...day('approved', '2026-03-21'), approver: '' }))).toEqual([
      ['kind', 'Select who approved the placement'],
      ['approver', 'Enter the name of the panel’s chair or the head of service'],
    ])
    expect(
      issues(schema.safeParse({ kind: 'head_of_service', ...day('approved', '2026-03-21'), approver: 'A' })),
    ).toEqual([['approved-day', 'The date of approval must be today or in the past']])
  })
})

describe('cost', () => {
  it('expects a cost of external and residential placements only', () => {
    expect(costExpected({ place: 'U6', provider: 'PR1' })).toBe(false)
    expect(costExpected({ place: 'U6', provider: 'PR4' })).toBe(true)
    expect(costExpected({ place: 'K2', provider: 'PR1' })).toBe(true)
  })

  it('reads the cost form: in-house may have no cost; framework and spot need one; a cost needs its route', () => {
    const schema = costSchema(now)
    const from = day('from', '2026-03-02')
    expect(schema.parse({ ...from, route: 'in_house', weeklyCost: '' })).toEqual({
      from: '2026-03-02',
      route: 'in_house',
      weeklyPence: null,
    })
    expect(schema.parse({ ...from, route: 'spot', weeklyCost: '£4,750.00' })).toMatchObject({
      weeklyPence: 475000,
    })
    expect(issues(schema.safeParse({ ...from, route: 'framework', weeklyCost: '' }))).toEqual([
      ['weeklyCost', 'Enter the weekly cost'],
    ])
    expect(issues(schema.safeParse({ ...from, weeklyCost: 'lots' }))).toEqual([
      ['route', 'Select how the placement is commissioned'],
      ['weeklyCost', 'The weekly cost must be an amount in pounds and pence, like 875.50'],
    ])
    expect(issues(schema.safeParse({ ...from, route: 'spot', weeklyCost: '-900' }))).toEqual([
      ['weeklyCost', 'The weekly cost must be £0 or more'],
    ])
  })

  it('refuses a cost dated before the placement began, after it ended or in the future', () => {
    const placement = { startDate: '2026-03-02', endDate: null }
    expect(costRefusal({ from: '2026-03-01' }, placement, '2026-03-20')?.field).toBe('from-day')
    expect(costRefusal({ from: '2026-03-02' }, placement, '2026-03-20')).toBeNull()
    expect(costRefusal({ from: '2026-03-21' }, placement, '2026-03-20')?.message).toBe(
      'The date must be today or in the past',
    )
    expect(
      costRefusal({ from: '2026-03-11' }, { ...placement, endDate: '2026-03-10' }, '2026-03-20')?.field,
    ).toBe('from-day')
  })
})

describe('where', () => {
  it('is in borough when the placement’s LA is the authority’s; unknown when either is', () => {
    expect(inBorough('E06000034', 'E06000034')).toBe(true)
    expect(inBorough('E10000012', 'E06000034')).toBe(false)
    expect(inBorough(null, 'E06000034')).toBeNull()
    expect(inBorough('E06000034', null)).toBeNull()
  })

  it('counts 20.0 miles as within 20 miles and 20.1 as not', () => {
    expect(within20Miles(20)).toBe(true)
    expect(within20Miles(20.1)).toBe(false)
    expect(within20Miles(null)).toBeNull()
    expect(whereText(false, 20.1)).toBe('Out of borough, 20.1 miles from home (more than 20 miles)')
    expect(whereText(true, null)).toBe('In borough; distance from home not known')
  })
})

const stay = (startDate: string, endDate: string | null, place = 'U6', sameCarer = false): StayFacts => ({
  startDate,
  endDate,
  place,
  sameCarer,
})

describe('three or more placements in the 12 months to a day', () => {
  const to = '2026-03-31'
  it('takes the year from the day after the same day a year before', () => {
    expect(yearTo(to)).toEqual({ from: '2025-04-01', to })
    expect(yearTo('2028-02-29')).toEqual({ from: '2027-03-01', to: '2028-02-29' })
  })

  it('counts the placement the child was in when the year began, and each one since', () => {
    expect(placementsInYear([stay('2024-01-01', '2025-03-31')], to)).toBe(0)
    expect(placementsInYear([stay('2024-01-01', '2025-04-01')], to)).toBe(1)
    expect(placementsInYear([stay('2026-03-31', null)], to)).toBe(1)
    expect(placementsInYear([stay('2026-04-01', null)], to)).toBe(0)
  })

  it('leaves temporary placements out, and is 3 or more at 3', () => {
    const two = [stay('2025-01-01', '2025-06-01'), stay('2025-06-01', null)]
    expect(threeOrMorePlacements(two, to)).toBe(false)
    expect(threeOrMorePlacements([...two.slice(0, 1), stay('2025-06-01', '2025-06-05', 'T4')], to)).toBe(
      false,
    )
    const three = [
      stay('2025-01-01', '2025-06-01'),
      stay('2025-06-01', '2025-09-01'),
      stay('2025-09-01', null),
    ]
    expect(placementsInYear(three, to)).toBe(3)
    expect(threeOrMorePlacements(three, to)).toBe(true)
  })
})

describe('long-term stability', () => {
  const on = '2026-03-31'
  const base = { day: on, dateOfBirth: '2014-06-01', periodStart: '2023-09-30' }

  it('measures under-16s looked after for 2.5 years or more, continuously', () => {
    const stays = [stay('2023-09-30', null)]
    expect(longTermStability({ ...base, stays })).toMatchObject({ cohort: true, stable: true })
    expect(
      longTermStability({ ...base, periodStart: '2023-10-01', stays: [stay('2023-10-01', null)] }),
    ).toEqual({
      cohort: false,
      why: 'under_2_5_years',
    })
    expect(longTermStability({ ...base, dateOfBirth: '2010-03-31', stays })).toEqual({
      cohort: false,
      why: 'aged_16',
    })
    expect(longTermStability({ ...base, dateOfBirth: '2010-04-01', stays }).cohort).toBe(true)
    expect(longTermStability({ ...base, dateOfBirth: null, stays })).toEqual({
      cohort: false,
      why: 'no_date_of_birth',
    })
    expect(longTermStability({ ...base, stays: [stay('2023-09-30', '2026-03-01')] })).toEqual({
      cohort: false,
      why: 'not_looked_after',
    })
  })

  it('is stable in the same placement for 2 years or more to the day', () => {
    const from = (start: string) =>
      longTermStability({ ...base, stays: [stay('2023-09-30', start), stay(start, null)] })
    expect(from('2024-03-31')).toEqual({ cohort: true, stable: true, since: '2024-03-31' })
    expect(from('2024-04-01')).toEqual({ cohort: true, stable: false, since: '2024-04-01' })
  })

  it('counts the time with the same carers across a change of placement that kept them', () => {
    const stays = [
      stay('2023-09-30', '2024-01-10'),
      stay('2024-01-10', '2025-06-01'),
      stay('2025-06-01', null, 'U4', true),
    ]
    expect(longTermStability({ ...base, stays })).toEqual({ cohort: true, stable: true, since: '2024-01-10' })
  })

  it('counts an adoptive placement together with the one before it', () => {
    const adoption = (previousFrom: string) =>
      longTermStability({
        ...base,
        stays: [
          stay('2023-09-30', previousFrom),
          stay(previousFrom, '2025-11-01'),
          stay('2025-11-01', null, 'A5'),
        ],
      })
    expect(adoption('2024-03-31')).toMatchObject({ stable: true, since: '2024-03-31' })
    expect(adoption('2024-04-01')).toMatchObject({ stable: false, since: '2024-04-01' })
    // Not an adoptive placement: only its own time counts.
    const foster = longTermStability({
      ...base,
      stays: [stay('2023-09-30', '2025-11-01'), stay('2025-11-01', null, 'U6')],
    })
    expect(foster).toMatchObject({ stable: false, since: '2025-11-01' })
  })
})
