import { describe, expect, it } from 'vitest'
import {
  adopterCodesRefusal,
  adoptionEndRefusal,
  adoptionIntervals,
  adoptionMilestones,
  adoptionRefusal,
  adoptionSchema,
  adoptionSummary,
  type AdoptionInput,
  type AdoptionMilestones,
  type EpisodeFacts,
} from './adoption-model.js'

const now = new Date('2026-03-20T12:00:00Z')
const day = (prefix: string, iso: string) => {
  const [y, m, d] = iso.split('-')
  return {
    [`${prefix}-day`]: String(Number(d)),
    [`${prefix}-month`]: String(Number(m)),
    [`${prefix}-year`]: y,
  }
}
const issues = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  r.success ? [] : (r.error?.issues ?? []).map((i) => [i.path.join('.'), i.message])

const ep = (start: string, rne: string, legalStatus: string, place: string): EpisodeFacts => ({
  start,
  rne,
  legalStatus,
  place,
})
const NONE: AdoptionMilestones = {
  placementOrderOn: null,
  placedOn: null,
  placedPlace: null,
  movedInOn: null,
}

describe('the form', () => {
  const schema = adoptionSchema(now)
  const decision = { ...day('decision', '2026-01-14'), decisionMaker: ' Sam Ray, head of service ' }

  it('reads a decision alone, and one with the match and the reversal', () => {
    expect(schema.parse({ ...decision, matched: 'no', reversed: 'no' })).toEqual({
      decision: { on: '2026-01-14', maker: 'Sam Ray, head of service' },
      match: null,
      reversal: null,
    })
    expect(
      schema.parse({
        ...decision,
        matched: 'yes',
        ...day('match', '2026-02-02'),
        adopters: '2',
        sexes: 'FF',
        legalStatus: 'L12',
        fosterCarers: 'no',
        reversed: 'yes',
        ...day('reversal', '2026-03-01'),
        reversalReason: 'RD1',
      }),
    ).toEqual({
      decision: { on: '2026-01-14', maker: 'Sam Ray, head of service' },
      match: { on: '2026-02-02', adopters: 2, sexes: 'FF', legalStatus: 'L12', byFosterCarers: false },
      reversal: { on: '2026-03-01', reason: 'RD1' },
    })
  })

  it('ignores the match’s and the reversal’s answers when they are answered no', () => {
    expect(
      schema.parse({
        ...decision,
        matched: 'no',
        ...day('match', 'x-y-z'),
        reversed: 'no',
        reversalReason: 'RD9',
      }),
    ).toMatchObject({ match: null, reversal: null })
  })

  it('asks for every answer, and refuses codes not on the lists and dates in the future', () => {
    expect(issues(schema.safeParse({}))).toEqual([
      ['decision-day', 'Enter the date of the decision'],
      ['decisionMaker', 'Enter the agency decision maker'],
      ['matched', 'Select whether the child has been matched with adopters'],
      ['reversed', 'Select whether the decision has been reversed'],
    ])
    expect(
      issues(
        schema.safeParse({
          ...day('decision', '2026-03-21'),
          decisionMaker: 'A',
          matched: 'yes',
          adopters: '3',
          sexes: 'XX',
          legalStatus: 'L5',
          reversed: 'yes',
          ...day('reversal', '2026-02-30'),
          reversalReason: 'RD5',
        }),
      ),
    ).toEqual([
      ['decision-day', 'The date of the decision must be today or in the past'],
      ['match-day', 'Enter the date of the match'],
      ['adopters', 'Select how many adopters'],
      ['sexes', 'Select the adopters’ sex'],
      ['legalStatus', 'Select the adopters’ legal status'],
      ['fosterCarers', 'Select whether the adopters are the child’s foster carers'],
      ['reversal-day', 'The date the decision was reversed must be a real date'],
      ['reversalReason', 'Select why the child should no longer be placed for adoption'],
    ])
    // Today is not the future.
    expect(
      schema.safeParse({
        ...day('decision', '2026-03-20'),
        decisionMaker: 'A',
        matched: 'no',
        reversed: 'no',
      }).success,
    ).toBe(true)
  })
})

describe('the adopters’ codes agree (903 rules 511, 514, 517–520, 524)', () => {
  it.each([
    [1, 'F1', 'L0', null],
    [1, 'M1', 'L0', null],
    [2, 'MF', 'L11', null],
    [2, 'MF', 'L3', null],
    [2, 'MM', 'L12', null],
    [2, 'FF', 'L4', null],
    [2, 'FF', 'L2', null],
    [2, 'MF', 'L2', null],
    [1, 'MF', 'L0', 'sexes'],
    [2, 'F1', 'L0', 'sexes'],
    [1, 'F1', 'L11', 'legalStatus'],
    [2, 'MM', 'L0', 'legalStatus'],
    [2, 'FF', 'L11', 'legalStatus'],
    [2, 'MM', 'L3', 'legalStatus'],
    [2, 'MF', 'L12', 'legalStatus'],
    [2, 'MF', 'L4', 'legalStatus'],
  ] as const)('%s adopters %s %s: %s', (adopters, sexes, legalStatus, field) => {
    expect(adopterCodesRefusal({ adopters, sexes, legalStatus })?.field ?? null).toBe(field)
  })
})

describe('the milestones in the episodes', () => {
  it('finds the placement order (E1) and the placement for adoption (A3–A6)', () => {
    expect(
      adoptionMilestones([
        ep('2025-01-10', 'S', 'C1', 'U6'),
        ep('2025-06-01', 'L', 'C2', 'U6'),
        ep('2025-09-01', 'L', 'E1', 'U6'),
        ep('2025-11-03', 'P', 'E1', 'A6'),
      ]),
    ).toEqual({
      placementOrderOn: '2025-09-01',
      placedOn: '2025-11-03',
      placedPlace: 'A6',
      movedInOn: '2025-11-03',
    })
    expect(adoptionMilestones([ep('2025-01-10', 'S', 'C1', 'U6')])).toEqual(NONE)
  })

  it('counts foster carers who adopt from the day the child moved in with them (A10)', () => {
    expect(
      adoptionMilestones([
        ep('2025-01-10', 'S', 'C1', 'U6'),
        ep('2025-03-01', 'P', 'C1', 'U5'),
        ep('2025-06-01', 'L', 'C2', 'U5'),
        ep('2025-09-01', 'U', 'E1', 'A5'),
      ]).movedInOn,
    ).toBe('2025-03-01')
    // Placed with their foster carers from the first day of care.
    expect(
      adoptionMilestones([ep('2025-01-10', 'S', 'C1', 'U5'), ep('2025-09-01', 'U', 'E1', 'A5')]).movedInOn,
    ).toBe('2025-01-10')
  })
})

describe('the scorecard’s intervals', () => {
  const milestones = (m: Partial<AdoptionMilestones>): AdoptionMilestones => ({ ...NONE, ...m })

  it('counts days, 0 on the same day, across a leap day', () => {
    expect(
      adoptionIntervals({
        periodStart: '2024-02-28',
        milestones: milestones({ movedInOn: '2024-03-01', placementOrderOn: '2024-02-10' }),
        matchedOn: '2024-02-10',
      }),
    ).toEqual({ enteredCareToMovedIn: 2, placementOrderToMatch: 0 })
    expect(
      adoptionIntervals({
        periodStart: '2025-01-10',
        milestones: milestones({ movedInOn: '2025-01-10', placementOrderOn: '2025-09-01' }),
        matchedOn: '2025-09-02',
      }),
    ).toEqual({ enteredCareToMovedIn: 0, placementOrderToMatch: 1 })
  })

  it('is null without both dates, and a match before the order counts 0', () => {
    expect(
      adoptionIntervals({ periodStart: '2025-01-10', milestones: NONE, matchedOn: '2025-05-01' }),
    ).toEqual({
      enteredCareToMovedIn: null,
      placementOrderToMatch: null,
    })
    expect(
      adoptionIntervals({
        periodStart: '2025-01-10',
        milestones: milestones({ placementOrderOn: '2025-09-01' }),
        matchedOn: '2025-08-20',
      }).placementOrderToMatch,
    ).toBe(0)
  })
})

describe('the dates in order', () => {
  const input = (a: Partial<AdoptionInput> = {}): AdoptionInput => ({
    decision: { on: '2025-06-01', maker: 'Sam Ray' },
    reversal: null,
    match: null,
    ...a,
  })
  const match = (on: string, byFosterCarers = false) => ({
    on,
    adopters: 2 as const,
    sexes: 'MF',
    legalStatus: 'L11',
    byFosterCarers,
  })
  const s = (m: Partial<AdoptionMilestones> = {}) => ({
    periodStart: '2025-01-10',
    dateOfBirth: '2023-05-05',
    milestones: { ...NONE, ...m },
  })
  const field = (a: AdoptionInput, ctx = s()) => adoptionRefusal(a, ctx)?.field ?? null

  it('decision from the day care started, on or before the placement order and the placement', () => {
    expect(field(input({ decision: { on: '2025-01-10', maker: 'A' } }))).toBeNull()
    expect(field(input({ decision: { on: '2025-01-09', maker: 'A' } }))).toBe('decision-day')
    expect(field(input(), s({ placementOrderOn: '2025-06-01' }))).toBeNull()
    expect(field(input(), s({ placementOrderOn: '2025-05-31' }))).toBe('decision-day')
    expect(field(input(), s({ placedOn: '2025-06-01', placedPlace: 'A4' }))).toBeNull()
    expect(field(input(), s({ placedOn: '2025-05-31', placedPlace: 'A4' }))).toBe('decision-day')
    expect(
      adoptionRefusal(input({ decision: { on: '2025-01-10', maker: 'A' } }), {
        ...s(),
        dateOfBirth: '2025-01-11',
      })?.field,
    ).toBe('decision-day')
  })

  it('match from the decision to the placement for adoption', () => {
    expect(field(input({ match: match('2025-06-01') }))).toBeNull()
    expect(field(input({ match: match('2025-05-31') }))).toBe('match-day')
    const placed = s({ placedOn: '2025-08-01', placedPlace: 'A6' })
    expect(field(input({ match: match('2025-08-01') }), placed)).toBeNull()
    expect(field(input({ match: match('2025-08-02') }), placed)).toBe('match-day')
  })

  it('the adopters are the foster carers exactly when placed with them (A3, A5; rule 335)', () => {
    const withCarers = s({ placedOn: '2025-08-01', placedPlace: 'A5' })
    expect(field(input({ match: match('2025-07-01', true) }), withCarers)).toBeNull()
    expect(field(input({ match: match('2025-07-01', false) }), withCarers)).toBe('fosterCarers')
    const others = s({ placedOn: '2025-08-01', placedPlace: 'A6' })
    expect(field(input({ match: match('2025-07-01', true) }), others)).toBe('fosterCarers')
    // Not placed yet: either may be so.
    expect(field(input({ match: match('2025-07-01', true) }))).toBeNull()
  })

  it('reversal on or after the decision', () => {
    expect(field(input({ reversal: { on: '2025-06-01', reason: 'RD3' } }))).toBeNull()
    expect(field(input({ reversal: { on: '2025-05-31', reason: 'RD3' } }))).toBe('reversal-day')
  })

  it('words the record for the chronology', () => {
    expect(
      adoptionSummary(
        input({ match: match('2025-07-01', true), reversal: { on: '2025-09-01', reason: 'RD1' } }),
      ),
    ).toBe(
      'Adoption recorded: Decision that the child should be placed for adoption, 1 June 2025; matched with a male and female couple (their foster carers) 1 July 2025; decision reversed 1 September 2025: the child’s needs changed',
    )
  })
})

describe('ending care (903 rules 557, 558, 601)', () => {
  const standing = { decidedOn: '2025-06-01', reversedOn: null, matchedOn: '2025-07-01' }
  const placed = { ...NONE, placementOrderOn: '2025-06-10', placedOn: '2025-08-01', placedPlace: 'A6' }
  const end = (reason: string) => ({ date: '2026-01-05', reason })

  it('an adoption order needs the decision standing, the match and the placement', () => {
    expect(adoptionEndRefusal(standing, placed, end('E11'))).toBeNull()
    expect(adoptionEndRefusal(standing, placed, end('E12'))).toBeNull()
    expect(adoptionEndRefusal(null, placed, end('E11'))?.message).toMatch(/decision/)
    expect(adoptionEndRefusal({ ...standing, reversedOn: '2025-09-01' }, placed, end('E11'))?.field).toBe(
      'reason',
    )
    expect(adoptionEndRefusal({ ...standing, matchedOn: null }, placed, end('E11'))?.message).toMatch(/match/)
    expect(adoptionEndRefusal(standing, NONE, end('E11'))?.message).toMatch(/placement for adoption/)
  })

  it('any other end needs the reversal where a decision stands or the child was on the road to adoption', () => {
    expect(adoptionEndRefusal(standing, NONE, end('E4A'))?.message).toMatch(/no longer be placed/)
    expect(adoptionEndRefusal({ ...standing, reversedOn: '2025-09-01' }, placed, end('E4A'))).toBeNull()
    expect(adoptionEndRefusal(null, { ...NONE, placementOrderOn: '2025-06-10' }, end('E46'))?.field).toBe(
      'reason',
    )
    expect(adoptionEndRefusal(null, NONE, end('E4A'))).toBeNull()
  })
})
