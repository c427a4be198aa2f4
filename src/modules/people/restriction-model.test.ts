/** The rules for restricting a record and reviewing a restriction (SEC-09), as tables. */
import { describe, expect, it } from 'vitest'
import {
  authoriserProblem,
  defaultReviewDue,
  restrictionGrantLastDay,
  restrictionReviewSchema,
  restrictionSchema,
  reviewDueProblem,
  reviewStatus,
  type PossibleAuthoriser,
} from './restriction-model.js'
import { addCalendarDays } from '../../platform/calendar/dates.js'

const TODAY = '2026-12-04'

const issues = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  r.success ? {} : Object.fromEntries((r.error?.issues ?? []).map((i) => [String(i.path[0]), i.message]))

const boxes = (name: string, iso: string) => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number]
  return { [`${name}-day`]: String(d), [`${name}-month`]: String(m), [`${name}-year`]: String(y) }
}

const MANAGERS: PossibleAuthoriser[] = [
  { id: 4, role: 'team_manager', disabled: false },
  { id: 5, role: 'service_manager', disabled: false },
]

describe('who may authorise a restriction', () => {
  it.each<[string, PossibleAuthoriser | null, string | null]>([
    ['a team manager', { id: 1, role: 'team_manager', disabled: false }, null],
    ['a service manager', { id: 1, role: 'service_manager', disabled: false }, null],
    ['nobody', null, 'Select the manager who authorised the restriction'],
    [
      'a social worker',
      { id: 1, role: 'social_worker', disabled: false },
      'The authoriser must be a team manager or service manager',
    ],
    [
      'a front door screener',
      { id: 1, role: 'front_door_screener', disabled: false },
      'The authoriser must be a team manager or service manager',
    ],
    [
      'an administrator',
      { id: 1, role: 'administrator', disabled: false },
      'The authoriser must be a team manager or service manager',
    ],
    [
      'a team manager whose account is disabled',
      { id: 1, role: 'team_manager', disabled: true },
      'The authoriser’s account is disabled: select a current manager',
    ],
  ])('%s', (_case, authoriser, problem) => {
    expect(authoriserProblem(authoriser)).toBe(problem)
  })
})

describe('the review date', () => {
  const tooFar = 'The review date must be no more than 90 days from today, on or before 4 March 2027'
  it.each<[string, string, string | null]>([
    ['tomorrow', addCalendarDays(TODAY, 1), null],
    ['in 90 days', addCalendarDays(TODAY, 90), null],
    ['in 91 days', addCalendarDays(TODAY, 91), tooFar],
    ['a year away', addCalendarDays(TODAY, 365), tooFar],
    ['today', TODAY, 'The review date must be in the future'],
    ['yesterday', addCalendarDays(TODAY, -1), 'The review date must be in the future'],
  ])('%s', (_case, due, problem) => {
    expect(reviewDueProblem(TODAY, due)).toBe(problem)
  })

  it('is offered 90 days out, the furthest allowed', () => {
    expect(defaultReviewDue(TODAY)).toBe('2027-03-04')
    expect(reviewDueProblem(TODAY, defaultReviewDue(TODAY))).toBeNull()
  })

  it('counts 90 days across the clocks going forward (London dates, not hours)', () => {
    expect(defaultReviewDue('2027-03-01')).toBe('2027-05-30')
    expect(reviewDueProblem('2027-03-01', '2027-05-30')).toBeNull()
    expect(reviewDueProblem('2027-03-01', '2027-05-31')).not.toBeNull()
  })
})

describe('whether a review is overdue', () => {
  it.each<[string, string, 'overdue' | 'due_soon' | 'later']>([
    ['due yesterday', addCalendarDays(TODAY, -1), 'overdue'],
    ['due 91 days ago', addCalendarDays(TODAY, -91), 'overdue'],
    ['due today', TODAY, 'due_soon'],
    ['due in 14 days', addCalendarDays(TODAY, 14), 'due_soon'],
    ['due in 15 days', addCalendarDays(TODAY, 15), 'later'],
    ['due in 90 days', addCalendarDays(TODAY, 90), 'later'],
  ])('%s', (_case, due, status) => {
    expect(reviewStatus(due, TODAY)).toBe(status)
  })

  it('a restriction authorised today is not overdue; 91 days later it is', () => {
    const due = defaultReviewDue(TODAY)
    expect(reviewStatus(due, TODAY)).toBe('later')
    expect(reviewStatus(due, addCalendarDays(TODAY, 90))).toBe('due_soon')
    expect(reviewStatus(due, addCalendarDays(TODAY, 91))).toBe('overdue')
  })

  it('the grant to review it lasts 90 days past the review date', () => {
    expect(restrictionGrantLastDay('2027-03-04')).toBe('2027-06-02')
  })
})

describe('the restrict form', () => {
  const good = {
    category: 'high_profile',
    reason: 'Parent is a local councillor.',
    authorisedBy: '4',
    ...boxes('reviewDue', addCalendarDays(TODAY, 90)),
  }
  it.each<[string, Record<string, string>, Record<string, string>]>([
    ['complete', {}, {}],
    ['authorised by a service manager', { authorisedBy: '5' }, {}],
    ['no category', { category: '' }, { category: 'Select why the record is restricted' }],
    ['a made-up category', { category: 'celebrity' }, { category: 'Select why the record is restricted' }],
    ['no reason', { reason: '  ' }, { reason: 'Enter the reason for the restriction' }],
    [
      'a reason too long',
      { reason: 'x'.repeat(1001) },
      { reason: 'The reason must be 1000 characters or fewer' },
    ],
    [
      'no authoriser',
      { authorisedBy: '' },
      { authorisedBy: 'Select the manager who authorised the restriction' },
    ],
    [
      'an authoriser who is not on the list of managers',
      { authorisedBy: '9' },
      { authorisedBy: 'Select the manager who authorised the restriction' },
    ],
    [
      'an authoriser spelt oddly',
      { authorisedBy: '4.0' },
      { authorisedBy: 'Select the manager who authorised the restriction' },
    ],
    [
      'no review date',
      { 'reviewDue-day': '', 'reviewDue-month': '', 'reviewDue-year': '' },
      { reviewDue: 'Enter the date the restriction will be reviewed' },
    ],
    [
      'a review date that is not a date',
      { 'reviewDue-day': '31', 'reviewDue-month': '2' },
      { reviewDue: 'The review date must be a real date' },
    ],
    [
      'a review date 91 days out',
      boxes('reviewDue', addCalendarDays(TODAY, 91)),
      { reviewDue: 'The review date must be no more than 90 days from today, on or before 4 March 2027' },
    ],
    [
      'a review date today',
      boxes('reviewDue', TODAY),
      { reviewDue: 'The review date must be in the future' },
    ],
  ])('%s', (_case, change, errors) => {
    const r = restrictionSchema(TODAY, MANAGERS).safeParse({ ...good, ...change })
    expect(issues(r)).toEqual(errors)
  })

  it('gives the answers as the service needs them', () => {
    const r = restrictionSchema(TODAY, MANAGERS).parse({
      ...good,
      reason: '  Parent is a local councillor. ',
    })
    expect(r).toEqual({
      category: 'high_profile',
      reason: 'Parent is a local councillor.',
      authorisedBy: 4,
      reviewDue: '2027-03-04',
    })
  })

  it('refuses a manager whose account is disabled even when listed', () => {
    const r = restrictionSchema(TODAY, [{ id: 4, role: 'team_manager', disabled: true }]).safeParse(good)
    expect(issues(r).authorisedBy).toBe('The authoriser’s account is disabled: select a current manager')
  })
})

describe('the review form', () => {
  const next = boxes('reviewDue', addCalendarDays(TODAY, 60))
  it.each<[string, Record<string, string>, boolean, Record<string, string>]>([
    ['continued to a new date', { outcome: 'continue', ...next }, false, {}],
    ['continued with notes', { outcome: 'continue', notes: 'Still in the news.', ...next }, false, {}],
    ['lifted with a reason', { outcome: 'lift', liftReason: 'The court case has ended.' }, false, {}],
    ['no answer', {}, false, { outcome: 'Select whether the restriction continues or is lifted' }],
    [
      'lifted without a reason',
      { outcome: 'lift' },
      false,
      { liftReason: 'Enter why the restriction is being lifted' },
    ],
    [
      'continued without a date',
      { outcome: 'continue' },
      false,
      { reviewDue: 'Enter the date of the next review' },
    ],
    [
      'continued for 91 days',
      { outcome: 'continue', ...boxes('reviewDue', addCalendarDays(TODAY, 91)) },
      false,
      {
        reviewDue:
          'The date of the next review must be no more than 90 days from today, on or before 4 March 2027',
      },
    ],
    [
      'continued to a date already past',
      { outcome: 'continue', ...boxes('reviewDue', addCalendarDays(TODAY, -3)) },
      false,
      { reviewDue: 'The date of the next review must be in the future' },
    ],
    [
      'a restriction recorded before reviews, continued without a reason',
      { outcome: 'continue', ...next },
      true,
      { notes: 'Enter the reason the record stays restricted' },
    ],
    [
      'a restriction recorded before reviews, continued with a reason',
      { outcome: 'continue', notes: 'Staff member’s grandchild.', ...next },
      true,
      {},
    ],
  ])('%s', (_case, body, needsReason, errors) => {
    expect(issues(restrictionReviewSchema(TODAY, { needsReason }).safeParse(body))).toEqual(errors)
  })

  it('gives the review as the service needs it', () => {
    expect(
      restrictionReviewSchema(TODAY, { needsReason: false }).parse({ outcome: 'continue', ...next }),
    ).toEqual({
      outcome: 'continue',
      reviewDue: addCalendarDays(TODAY, 60),
      notes: null,
    })
    expect(
      restrictionReviewSchema(TODAY, { needsReason: false }).parse({
        outcome: 'lift',
        liftReason: ' Ended. ',
      }),
    ).toEqual({ outcome: 'lift', reason: 'Ended.' })
  })
})
