/**
 * Child in need plans' rules and clocks, with due dates worked out by hand over Christmas 2026
 * (bank holidays Friday 25 December, Monday 28 December for Boxing Day, Friday 1 January 2027).
 */
import { describe, expect, it } from 'vitest'
import settingsFile from '../../../reference/protection/cin-plans.json' with { type: 'json' }
import { evaluateClocks, STATUTORY_CLOCKS, type CaseEvent } from '../../platform/calendar/clocks.js'
import { englandAndWales } from '../../platform/calendar/working-days.js'
import {
  CIN_ACTION_CLOCK,
  CIN_PLAN_CLOCKS,
  cinEndSchema,
  cinStartRefusal,
  CLOSURE_REASONS,
  readCinSettings,
  reviewSchema,
  startSchema,
  VISIT_FREQUENCIES,
  type CinPlanSource,
} from './cin-plan-model.js'
import { dayInstant } from './plan-model.js'

const clocks = STATUTORY_CLOCKS.filter(
  (d) => (CIN_PLAN_CLOCKS as readonly string[]).includes(d.code) || d.code === CIN_ACTION_CLOCK,
)

let nextId = 1
const event = (
  type: string,
  at: Date | string,
  attributes: Record<string, unknown> = {},
  subjectType = 'cin_plan',
): CaseEvent => ({
  id: nextId++,
  childId: 1,
  subjectType,
  subjectId: 3,
  type,
  occurredAt: typeof at === 'string' ? at : at.toISOString(),
  attributes,
})

const due = (events: CaseEvent[], at: string) =>
  evaluateClocks(clocks, events, at, englandAndWales).instances.map((i) => [i.code, i.dueDate, i.status])

describe('the CIN plan’s clocks', () => {
  it('every frequency offered is one the visit clock knows, with its own length', () => {
    const visit = clocks.find((c) => c.code === 'cin-visit')
    expect(Object.keys(visit?.byAttribute?.values ?? {}).sort()).toEqual(
      VISIT_FREQUENCIES.map((f) => f.code).sort(),
    )
  })

  it('starts the first visit at the plan’s frequency and the first review within 3 months', () => {
    const started = event('cin_plan.started', dayInstant('2026-12-07'), { frequency: '4w' })
    // 4 weeks from Monday 7 December is Monday 4 January (calendar weeks: the bank holidays count);
    // 3 months is 7 March.
    expect(due([started], '2026-12-20T12:00:00Z')).toEqual([
      ['cin-review-first-3m', '2027-03-07', 'due'],
      ['cin-visit', '2027-01-04', 'due'],
    ])
  })

  it('shows the visit due soon 5 working days ahead, counted back over Christmas and New Year', () => {
    const started = event('cin_plan.started', dayInstant('2026-12-07'), { frequency: '4w' })
    const visit = (at: string) =>
      evaluateClocks(clocks, [started], at, englandAndWales).instances.find((i) => i.code === 'cin-visit')
    // Monday 4 January, Thursday 31, Wednesday 30, Tuesday 29 and Thursday 24 December (25, 28
    // December and 1 January are bank holidays): due soon from the start of the 24th.
    expect(visit('2026-12-23T23:00:00Z')?.status).toBe('due')
    expect(visit('2026-12-24T00:00:00Z')?.status).toBe('due_soon')
    expect(visit('2027-01-05T00:00:00Z')?.status).toBe('overdue')
  })

  it('after each visit the next falls due at the plan’s frequency; every 20 days counts the holidays', () => {
    const events = [
      event('cin_plan.started', dayInstant('2026-12-07'), { frequency: '20d' }),
      event('cin_visit.held', '2026-12-21T10:00:00Z', { frequency: '20d' }),
    ]
    expect(due(events, '2026-12-22T12:00:00Z')).toEqual([
      ['cin-review-first-3m', '2027-03-07', 'due'],
      ['cin-visit', '2026-12-27', 'met'],
      // 20 days from Monday 21 December is Sunday 10 January.
      ['cin-visit', '2027-01-10', 'due'],
    ])
  })

  it('after the first review, the next is due in 6 months; the end stops every clock', () => {
    const events = [
      event('cin_plan.started', dayInstant('2026-12-07'), { frequency: '6w' }),
      event('cin_review.held', dayInstant('2027-02-26')),
      event('cin_plan.ended', '2027-03-01T23:59:00Z'),
    ]
    expect(due(events, '2027-03-02T12:00:00Z')).toEqual([
      ['cin-review-6m', '2027-08-26', 'cancelled'],
      ['cin-review-first-3m', '2027-03-07', 'met'],
      ['cin-visit', '2027-01-18', 'cancelled'],
    ])
  })

  it('an action falls due on its own date, a bank holiday included', () => {
    const planned = event(
      'cin_action.planned',
      '2026-12-10T10:00:00Z',
      { dueOn: '2026-12-28' },
      'cin_plan_action',
    )
    expect(due([planned], '2026-12-29T09:00:00Z')).toEqual([['cin-plan-action-due', '2026-12-28', 'overdue']])
    const delivered = event('cin_action.delivered', '2026-12-24T10:00:00Z', {}, 'cin_plan_action')
    expect(due([planned, delivered], '2026-12-29T09:00:00Z')).toEqual([
      ['cin-plan-action-due', '2026-12-28', 'met'],
    ])
  })
})

describe('starting a CIN plan', () => {
  const assessment: CinPlanSource = { kind: 'assessment', id: 4, referralId: 9, from: '2026-12-07' }
  const cpPlan: CinPlanSource = { kind: 'cp_plan', id: 5, referralId: null, from: '2026-12-10' }

  it.each([
    ['a start on the day the assessment was authorised', '2026-12-07', assessment, false, null],
    ['a start before the authorisation', '2026-12-04', assessment, false, 'assessment was authorised'],
    ['a start before the CP plan ended', '2026-12-09', cpPlan, false, 'child protection plan ended'],
    ['a start in the future', '2026-12-21', assessment, false, 'in the future'],
    ['a child already on a plan', '2026-12-08', assessment, true, 'already on a child in need plan'],
  ] as const)('%s', (_name, start, source, open, words) => {
    const refusal = cinStartRefusal(start, source, open, '2026-12-20')
    if (words === null) expect(refusal).toBeNull()
    else expect(refusal).toContain(words)
  })

  const now = new Date('2026-12-20T12:00:00Z')
  const answers = (o: Record<string, string>) => ({
    source: 'assessment:4',
    frequency: '4w',
    'start-day': '8',
    'start-month': '12',
    'start-year': '2026',
    ...o,
  })

  it('reads the start form: a source of the child’s, a date on or after it, a frequency offered', () => {
    const schema = startSchema(now, [assessment, cpPlan])
    expect(schema.parse(answers({}))).toEqual({
      source: assessment,
      startDate: '2026-12-08',
      frequency: '4w',
    })
    const issues = (o: Record<string, string>) =>
      schema.safeParse(answers(o)).error?.issues.map((i) => [i.path[0], i.message])
    expect(issues({ source: 'assessment:99' })).toEqual([
      ['source', 'Select what the plan follows from the list'],
    ])
    expect(issues({ source: 'cp_plan:5' })).toEqual([
      ['start-day', 'Start date must be on or after the day the child protection plan ended'],
    ])
    expect(issues({ frequency: '3w' })?.[0]?.[0]).toBe('frequency')
    expect(issues({ 'start-day': '31', 'start-month': '2' })).toEqual([
      ['start-day', 'Start date must be a real date'],
    ])
  })
})

describe('reviews and the end', () => {
  const now = new Date('2027-03-02T12:00:00Z')
  const plan = { startDate: '2026-12-07' }

  it('a review needs a date within the plan and what it found', () => {
    const schema = reviewSchema(now, plan)
    const ok = {
      version: '3',
      'held-day': '26',
      'held-month': '2',
      'held-year': '2027',
      summary: 'Attendance up.',
    }
    expect(schema.parse(ok)).toEqual({ version: 3, heldOn: '2027-02-26', summary: 'Attendance up.' })
    const bad = schema.safeParse({ ...ok, 'held-year': '2026', summary: ' ' })
    expect(bad.error?.issues.map((i) => i.path[0])).toEqual(['held-day', 'summary'])
  })

  it('the end takes only the census’s reasons for closure, RC1 to RC9', () => {
    expect(CLOSURE_REASONS.map((r) => r.code)).toEqual([
      'RC1',
      'RC2',
      'RC3',
      'RC4',
      'RC5',
      'RC6',
      'RC7',
      'RC8',
      'RC9',
    ])
    const schema = cinEndSchema(now, plan)
    const answers = { version: '4', 'end-day': '1', 'end-month': '3', 'end-year': '2027' }
    expect(schema.parse({ ...answers, reason: 'RC7' })).toEqual({
      version: 4,
      endDate: '2027-03-01',
      reason: 'RC7',
    })
    expect(schema.safeParse({ ...answers, reason: 'no_longer_at_risk' }).success).toBe(false)
  })

  it('refuses settings whose default frequency is not offered', () => {
    expect(() => readCinSettings({ ...settingsFile, defaultFrequency: '9w' })).toThrow(
      /not one of the choices/,
    )
  })
})
