import { describe, expect, it } from 'vitest'
import { englandAndWales } from '../../platform/calendar/working-days.js'
import type { ChildRecord } from '../../platform/permissions/allow.js'
import {
  clockStart,
  CODES,
  daysToFirstVisit,
  editRefusal,
  factorsSchema,
  missingSections,
  readCodes,
  seenSchema,
  sortFactors,
  writingBasis,
  visitSummary,
  type AssessmentAnswers,
} from './model.js'

const now = new Date('2026-12-18T10:00:00Z')

const complete: AssessmentAnswers = {
  seen_on: '2026-12-16',
  seen_alone: true,
  not_seen_alone_reason: null,
  wishes_and_feelings: 'Wants to stay at her school.',
  factors: ['3B'],
  primary_need: 'N1',
  analysis: 'Protective mother.',
  outcome: 'cin_plan',
}

describe('the code lists', () => {
  it('hold the DfE factors without the queried 18A and 19A, and N1 to N9', () => {
    const codes = CODES.factors.map((f) => f.code)
    expect(codes).toContain('24A')
    expect(codes).not.toContain('18A')
    expect(codes).not.toContain('19A')
    expect(CODES.primaryNeeds.map((n) => n.code)).toEqual([
      'N1',
      'N2',
      'N3',
      'N4',
      'N5',
      'N6',
      'N7',
      'N8',
      'N9',
    ])
  })
  it('refuses a list with a code twice or a need outside N1 to N9', () => {
    const base = {
      factors: [{ code: '1A', label: 'a' }],
      primaryNeeds: [{ code: 'N1', label: 'a' }],
      outcomes: [{ code: 'cin_plan', label: 'a' }],
    }
    expect(() => readCodes({ ...base, factors: [...base.factors, { code: '1A', label: 'b' }] })).toThrow()
    expect(() => readCodes({ ...base, primaryNeeds: [{ code: 'N0', label: 'a' }] })).toThrow()
    expect(readCodes(base).factors).toHaveLength(1)
  })
})

describe('sections', () => {
  it.each<[string, Partial<AssessmentAnswers>, string[]]>([
    ['complete', {}, []],
    ['the child not seen', { seen_on: null }, ['The child seen']],
    ['not seen alone without a reason', { seen_alone: false }, ['The child seen']],
    ['not seen alone with a reason', { seen_alone: false, not_seen_alone_reason: 'Asleep' }, []],
    ['no wishes and feelings', { wishes_and_feelings: null }, ['The child’s wishes and feelings']],
    ['no factors', { factors: [] }, ['Assessment factors']],
    [
      'nothing',
      {
        seen_on: null,
        wishes_and_feelings: null,
        factors: null,
        primary_need: null,
        analysis: null,
        outcome: null,
      },
      [
        'The child seen',
        'The child’s wishes and feelings',
        'Assessment factors',
        'Primary need',
        'Analysis',
        'Outcome',
      ],
    ],
  ])('%s', (_name, change, missing) => {
    expect(missingSections({ ...complete, ...change }).map((s) => s.title)).toEqual(missing)
  })

  it('are locked while waiting and once authorised', () => {
    expect(editRefusal('in_progress')).toBeNull()
    expect(editRefusal('awaiting_authorisation')).toMatch(/waiting for a manager/)
    expect(editRefusal('authorised')).toMatch(/can no longer be changed/)
  })
})

describe('the child seen', () => {
  const schema = seenSchema(now, '2026-12-14')
  it.each<[string, Record<string, string>, unknown]>([
    [
      'seen alone',
      { 'seen-day': '16', 'seen-month': '12', 'seen-year': '2026', seenAlone: 'yes' },
      { seenOn: '2026-12-16', seenAlone: true, notSeenAloneReason: null },
    ],
    [
      'not alone, with why',
      {
        'seen-day': '16',
        'seen-month': '12',
        'seen-year': '2026',
        seenAlone: 'no',
        notSeenAloneReason: 'Too young',
      },
      { seenOn: '2026-12-16', seenAlone: false, notSeenAloneReason: 'Too young' },
    ],
    [
      'a reason under "yes" is left out',
      {
        'seen-day': '18',
        'seen-month': '12',
        'seen-year': '2026',
        seenAlone: 'yes',
        notSeenAloneReason: 'x',
      },
      { seenOn: '2026-12-18', seenAlone: true, notSeenAloneReason: null },
    ],
  ])('%s', (_name, answers, expected) => {
    expect(schema.parse(answers)).toEqual(expected)
  })
  it.each<[string, Record<string, string>, string]>([
    ['no date', { seenAlone: 'yes' }, 'Enter the date the child was seen'],
    [
      'not a date',
      { 'seen-day': '31', 'seen-month': '2', 'seen-year': '2026', seenAlone: 'yes' },
      'must be a real date',
    ],
    [
      'in the future',
      { 'seen-day': '19', 'seen-month': '12', 'seen-year': '2026', seenAlone: 'yes' },
      'today or in the past',
    ],
    [
      'before the referral',
      { 'seen-day': '13', 'seen-month': '12', 'seen-year': '2026', seenAlone: 'yes' },
      'on or after the referral date',
    ],
    [
      'not alone, no reason',
      { 'seen-day': '16', 'seen-month': '12', 'seen-year': '2026', seenAlone: 'no' },
      'Enter why the child was not seen alone',
    ],
  ])('refuses %s', (_name, answers, message) => {
    const result = schema.safeParse(answers)
    expect(result.success).toBe(false)
    expect(result.error?.issues.map((i) => i.message).join(' ')).toContain(message)
  })
})

describe('factors', () => {
  const schema = factorsSchema()
  it('are kept in the list’s order, once each', () => {
    expect(schema.parse({ factors: ['4B', '3B', '4B'] })).toEqual({ factors: ['3B', '4B'] })
    expect(sortFactors(['24A', '1A', '20'])).toEqual(['1A', '20', '24A'])
  })
  it.each<[string, unknown, string]>([
    ['none chosen', {}, 'Select the factors identified'],
    ['an unknown code', { factors: ['99Z'] }, 'Select factors from the list'],
    ['“no factors” with others (rule 8869)', { factors: ['21', '3B'] }, 'not both'],
    ['18A, queried by the DfE', { factors: ['18A'] }, 'Select factors from the list'],
  ])('refuses %s', (_name, answers, message) => {
    const result = schema.safeParse(answers)
    expect(result.success).toBe(false)
    expect(result.error?.issues[0]?.message).toContain(message)
  })
})

describe('clock and visits', () => {
  it('counts from the start of the referral’s day in London', () => {
    expect(clockStart('2026-12-14').toISOString()).toBe('2026-12-14T00:00:00.000Z')
    expect(clockStart('2026-07-14').toISOString()).toBe('2026-07-13T23:00:00.000Z')
  })
  it('counts working days from allocation to the first visit, over bank holidays', () => {
    expect(daysToFirstVisit('2026-12-18', '2026-12-18', englandAndWales)).toBe(0)
    expect(daysToFirstVisit('2026-12-24', '2026-12-29', englandAndWales)).toBe(1)
    expect(daysToFirstVisit('2026-12-18', '2027-01-04', englandAndWales)).toBe(8)
  })
})

describe('the visit summary (one rule for the record and the worklists)', () => {
  const row = {
    allocated_at: new Date('2026-12-23T16:30:00Z'),
    first_visit_on: '2026-12-29',
    first_visit_source: 'cp_visit' as const,
    household_children: 2,
    household_seen: 2,
  }
  it.each([
    ['a visit after allocation, over Christmas', {}, { daysToFirstVisit: 2, allSeen: true }],
    ['a visit before allocation counts as day 0', { first_visit_on: '2026-12-22' }, { daysToFirstVisit: 0 }],
    [
      'not visited: nothing to count, and not every child seen',
      { first_visit_on: null, first_visit_source: null },
      { daysToFirstVisit: null, firstVisitText: null, allSeen: false },
    ],
    [
      'not allocated: nothing to count',
      { allocated_at: null },
      { allocatedOn: null, daysToFirstVisit: null },
    ],
    [
      'a brother not seen',
      { household_seen: 1 },
      { householdChildren: 2, householdUnseen: 1, allSeen: false },
    ],
    [
      'no other children: the child seen is every child',
      { household_children: 0, household_seen: 0 },
      { allSeen: true },
    ],
    [
      'allocated late in the evening in summer: the London day',
      { allocated_at: new Date('2026-07-13T23:30:00Z'), first_visit_on: '2026-07-15' },
      { allocatedOn: '2026-07-14', daysToFirstVisit: 1 },
    ],
  ])('%s', (_what, change, expected) => {
    expect(visitSummary({ ...row, ...change }, englandAndWales)).toMatchObject(expected)
  })
  it('names where the child was first seen', () => {
    expect(visitSummary(row, englandAndWales).firstVisitText).toBe('child protection visit')
  })
})

describe('who writes an assessment', () => {
  const child: ChildRecord = {
    childId: 1,
    restricted: false,
    deleted: false,
    grants: [
      { userId: 10, teamId: null, basis: 'allocated_worker', expiresAt: null, revokedAt: null },
      { userId: null, teamId: 5, basis: 'allocated_team', expiresAt: null, revokedAt: null },
    ],
    staffLinks: [],
  }
  const actor = (
    id: number,
    role: 'social_worker' | 'team_manager',
    managedTeamIds: number[] = [],
    teamId = 5,
  ) => ({
    id,
    role,
    teamId,
    agency: null,
    managedTeamIds,
  })
  it.each<[string, ReturnType<typeof actor>, string | null]>([
    ['the allocated worker', actor(10, 'social_worker'), 'allocated_worker'],
    ['the team’s manager', actor(11, 'team_manager', [5]), 'team_manager'],
    ['a colleague in the team', actor(12, 'social_worker'), null],
    ['a worker in another team', actor(13, 'social_worker', [], 6), null],
  ])('%s', (_name, who, basis) => {
    expect(writingBasis(who, child, now)).toBe(basis)
  })
})
