/**
 * Child protection plans' rules and clocks, with due dates worked out by hand. The plan starts at
 * an initial conference on Monday 2 March 2026 (no bank holidays until Good Friday, 3 April).
 */
import { describe, expect, it } from 'vitest'
import { evaluateClocks, STATUTORY_CLOCKS, type CaseEvent } from '../../platform/calendar/clocks.js'
import { englandAndWales } from '../../platform/calendar/working-days.js'
import {
  startedBeforeBirth,
  ACTION_CLOCK,
  actionSchema,
  coreGroupSchema,
  dayInstant,
  endInstant,
  endRefusal,
  endSchema,
  isOverdue,
  PLAN_CLOCKS,
  progressSchema,
  startRefusal,
  visitSchema,
} from './plan-model.js'

const now = new Date('2026-03-20T12:00:00Z')
const plan = { startDate: '2026-03-02' }
const clocks = STATUTORY_CLOCKS.filter(
  (d) => (PLAN_CLOCKS as readonly string[]).includes(d.code) || d.code === ACTION_CLOCK,
)

let nextId = 1
const event = (
  type: string,
  at: Date | string,
  attributes: Record<string, unknown> = {},
  subjectType = 'cp_plan',
): CaseEvent => ({
  id: nextId++,
  childId: 1,
  subjectType,
  subjectId: 7,
  type,
  occurredAt: typeof at === 'string' ? at : at.toISOString(),
  attributes,
})

const due = (events: CaseEvent[], at: string | Date = now) =>
  evaluateClocks(clocks, events, at, englandAndWales).instances.map((i) => [i.code, i.dueDate, i.status])

describe('the plan’s clocks', () => {
  const started = event('cp_plan.started', dayInstant('2026-03-02'))

  it('starts the first core group (10 working days), the first review (3 months) and the visits (10 working days)', () => {
    expect(due([started])).toEqual([
      ['core-group-first-10wd', '2026-03-16', 'overdue'],
      ['cp-review-first-3m', '2026-06-02', 'due'],
      ['cp-visit-10wd', '2026-03-16', 'overdue'],
    ])
  })

  it('after the first core group, the next is due in 4 weeks; after each visit, the next in 10 working days', () => {
    const events = [
      started,
      event('core_group.held', dayInstant('2026-03-13')),
      event('cp_visit.held', '2026-03-10T14:00:00Z'),
      event('cp_visit.held', '2026-03-19T10:00:00Z'),
    ]
    expect(due(events)).toEqual([
      ['core-group-4w', '2026-04-10', 'due'],
      ['core-group-first-10wd', '2026-03-16', 'met'],
      ['cp-review-first-3m', '2026-06-02', 'due'],
      ['cp-visit-10wd', '2026-03-16', 'met'],
      ['cp-visit-10wd', '2026-03-24', 'met'],
      // 10 working days from Thursday 19 March: 2 April (Good Friday is 3 April).
      ['cp-visit-10wd', '2026-04-02', 'due'],
    ])
  })

  it('visits over Easter skip Good Friday and Easter Monday', () => {
    const events = [started, event('cp_visit.held', '2026-04-01T10:00:00Z')]
    const visits = due(events, '2026-04-02T10:00:00Z').filter((d) => d[0] === 'cp-visit-10wd')
    // From Wednesday 1 April: 2, 7, 8, 9, 10, 13, 14, 15, 16, 17 April.
    expect(visits.at(-1)).toEqual(['cp-visit-10wd', '2026-04-17', 'due'])
  })

  it('after the first review, reviews follow at most every 6 months', () => {
    const events = [started, event('cp_review.held', dayInstant('2026-05-28'))]
    expect(due(events, '2026-06-01T10:00:00Z').filter((d) => String(d[0]).startsWith('cp-review'))).toEqual([
      ['cp-review-6m', '2026-11-28', 'due'],
      ['cp-review-first-3m', '2026-06-02', 'met'],
    ])
  })

  it('the plan’s end stops every plan clock', () => {
    const events = [
      started,
      event('core_group.held', dayInstant('2026-03-13')),
      event('cp_plan.ended', endInstant('2026-03-18')),
    ]
    const result = evaluateClocks(clocks, events, now, englandAndWales).instances
    expect(result.filter((i) => i.stoppedAt === undefined)).toEqual([])
    expect(result.map((i) => [i.code, i.closedBy])).toEqual([
      ['core-group-4w', 'cancel'],
      ['core-group-first-10wd', 'stop'],
      ['cp-review-first-3m', 'cancel'],
      ['cp-visit-10wd', 'cancel'],
    ])
  })

  it('an action falls due on its own due date, and is met when delivered or closed when not', () => {
    const planned = event(
      'cp_action.planned',
      '2026-03-05T10:00:00Z',
      { dueOn: '2026-03-18' },
      'cp_plan_action',
    )
    expect(due([planned])).toEqual([[ACTION_CLOCK, '2026-03-18', 'overdue']])
    expect(due([planned], '2026-03-17T10:00:00Z')).toEqual([[ACTION_CLOCK, '2026-03-18', 'due_soon']])
    expect(
      due([planned, event('cp_action.delivered', dayInstant('2026-03-18'), {}, 'cp_plan_action')]),
    ).toEqual([[ACTION_CLOCK, '2026-03-18', 'met']])
    expect(
      evaluateClocks(
        clocks,
        [planned, event('cp_action.not_delivered', '2026-03-19T10:00:00Z', {}, 'cp_plan_action')],
        now,
        englandAndWales,
      ).instances.map((i) => i.closedBy),
    ).toEqual(['cancel'])
    // Without a date to fall due on, no alert starts.
    expect(
      due([event('cp_action.planned', '2026-03-05T10:00:00Z', { dueOn: 'soon' }, 'cp_plan_action')]),
    ).toEqual([])
  })
})

describe('starting and ending a plan', () => {
  const p = { childId: 1, startDate: '2026-03-02', category: 'NEG' }
  it.each([
    ['a plan for a child not on one', p, new Set<number>(), new Set<number>(), null],
    ['a second open plan', p, new Set([1]), new Set<number>(), /already on a child protection plan/],
    ['the same child twice in one conference', p, new Set<number>(), new Set([1]), /already on/],
    [
      'a start in the future',
      { ...p, startDate: '2026-03-21' },
      new Set<number>(),
      new Set<number>(),
      /future/,
    ],
    [
      'a category not in the census',
      { ...p, category: 'X' },
      new Set<number>(),
      new Set<number>(),
      /category/,
    ],
  ])('%s', (_name, plan, open, batch, expected) => {
    const refusal = startRefusal(plan, open, batch, '2026-03-20')
    if (expected === null) expect(refusal).toBeNull()
    else expect(refusal).toMatch(expected)
  })

  it('refuses an end before the start, or in the future', () => {
    expect(endRefusal('2026-03-02', '2026-03-01', '2026-03-20')).toMatch(/on or after/)
    expect(endRefusal('2026-03-02', '2026-03-21', '2026-03-20')).toMatch(/today or in the past/)
    expect(endRefusal('2026-03-02', '2026-03-02', '2026-03-20')).toBeNull()
  })

  it('reads the end form: a date on or after the start and a reason', () => {
    const schema = endSchema(now, plan)
    expect(
      schema.parse({
        version: '3',
        'end-day': '18',
        'end-month': '3',
        'end-year': '2026',
        reason: 'no_longer_at_risk',
      }),
    ).toEqual({ version: 3, endDate: '2026-03-18', reason: 'no_longer_at_risk' })
    const early = schema.safeParse({
      version: '3',
      'end-day': '1',
      'end-month': '3',
      'end-year': '2026',
      reason: 'other',
    })
    expect(early.error?.issues.map((i) => [i.path[0], i.message])).toEqual([
      ['end-day', 'End date must be on or after the date the plan started'],
    ])
  })
})

describe('the forms', () => {
  it('adds an action under a new outcome, owned by an agency, due on a date', () => {
    const parsed = actionSchema(plan, []).parse({
      version: '1',
      outcomeId: 'new',
      newOutcome: 'Ava goes to school every day',
      action: 'Walk Ava to school each morning',
      ownerKind: 'agency',
      ownerName: 'Family support service',
      'due-day': '27',
      'due-month': '3',
      'due-year': '2026',
    })
    expect(parsed).toEqual({
      version: 1,
      outcome: { newOutcome: 'Ava goes to school every day' },
      action: 'Walk Ava to school each morning',
      ownerKind: 'agency',
      ownerName: 'Family support service',
      dueOn: '2026-03-27',
    })
  })

  it('refuses an action without what, whose, when, or under an outcome of another plan', () => {
    const result = actionSchema(plan, [4]).safeParse({ version: '1', outcomeId: '9' })
    expect(result.error?.issues.map((i) => i.message)).toEqual([
      'Enter what is to be done',
      'Select whether a person or an agency owns the action',
      'Enter who will do it',
    ])
    const second = actionSchema(plan, [4]).safeParse({
      version: '1',
      outcomeId: '9',
      action: 'a',
      ownerKind: 'person',
      ownerName: 'b',
    })
    expect(second.error?.issues.map((i) => i.message)).toEqual([
      'Select an outcome of this plan',
      'Enter the date the action is due',
    ])
  })

  it('records an action delivered on a date, or not delivered with a reason', () => {
    const schema = progressSchema(now, plan)
    expect(
      schema.parse({
        version: '2',
        status: 'delivered',
        'delivered-day': '19',
        'delivered-month': '3',
        'delivered-year': '2026',
      }),
    ).toEqual({ version: 2, status: 'delivered', deliveredOn: '2026-03-19' })
    expect(schema.safeParse({ version: '2', status: 'not_delivered' }).error?.issues[0]?.message).toBe(
      'Enter why the action was not delivered',
    )
    expect(
      schema.safeParse({
        version: '2',
        status: 'delivered',
        'delivered-day': '21',
        'delivered-month': '3',
        'delivered-year': '2026',
      }).error?.issues[0]?.message,
    ).toBe('Date delivered must be today or in the past')
  })

  it('a core group needs a date and the agencies that came; progress is kept per action', () => {
    const schema = coreGroupSchema(now, plan, [11, 12])
    expect(
      schema.parse({
        version: '1',
        'held-day': '13',
        'held-month': '3',
        'held-year': '2026',
        attended: ['social_care', 'health'],
        'progress-12': 'Started',
      }),
    ).toEqual({
      version: 1,
      heldOn: '2026-03-13',
      attended: ['social_care', 'health'],
      notes: null,
      progress: [{ actionId: 12, progress: 'Started' }],
    })
    expect(
      schema
        .safeParse({ version: '1', 'held-day': '1', 'held-month': '3', 'held-year': '2026' })
        .error?.issues.map((i) => i.message),
    ).toEqual(['Date held must be on or after the plan started', 'Select the agencies that attended'])
  })

  it('a visit: when, whether seen and seen alone, announced or not', () => {
    const schema = visitSchema(now, plan)
    const visit = {
      version: '1',
      'visited-day': '19',
      'visited-month': '3',
      'visited-year': '2026',
      'visited-time': '16:15',
    }
    expect(schema.parse({ ...visit, seen: 'yes', seenAlone: 'yes', announced: 'no' })).toEqual({
      version: 1,
      visitedAt: new Date('2026-03-19T16:15:00Z'),
      whoPresent: null,
      seen: true,
      seenAlone: true,
      announced: false,
    })
    // Not seen, so not seen alone whatever the box says.
    expect(schema.parse({ ...visit, seen: 'no', seenAlone: 'yes', announced: 'yes' }).seenAlone).toBe(false)
    expect(schema.safeParse({ ...visit, seen: 'yes', announced: 'yes' }).error?.issues[0]?.message).toBe(
      'Select whether the child was seen alone',
    )
    expect(
      schema.safeParse({ ...visit, 'visited-time': '25:00', seen: 'no', announced: 'yes' }).error?.issues[0]
        ?.path,
    ).toEqual(['visited-time'])
  })

  it('an action is overdue once past its due date and still only planned', () => {
    expect(isOverdue({ status: 'planned', due_on: '2026-03-19' }, '2026-03-20')).toBe(true)
    expect(isOverdue({ status: 'planned', due_on: '2026-03-20' }, '2026-03-20')).toBe(false)
    expect(isOverdue({ status: 'delivered', due_on: '2026-03-01' }, '2026-03-20')).toBe(false)
  })
})

describe('a plan or conference started before birth', () => {
  it.each([
    ['the child still unborn', '2026-03-02', 'unborn', null, true],
    ['born after the plan started', '2026-03-02', 'child', '2026-04-10', true],
    ['born on the day it started', '2026-03-02', 'child', '2026-03-02', false],
    ['born years before', '2026-03-02', 'child', '2017-06-01', false],
    ['a child whose date of birth is not known', '2026-03-02', 'child', null, false],
  ] as const)('%s', (_name, start, kind, dob, expected) => {
    expect(startedBeforeBirth(start, { kind, date_of_birth: dob })).toBe(expected)
  })
})
