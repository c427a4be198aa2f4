import { describe, expect, it } from 'vitest'
import { addMonths } from '../../platform/calendar/clocks.js'
import {
  isVisitRefusal,
  longTermRefusal,
  longTermSchema,
  visitInterval,
  nextVisitDue,
  placementOfVisit,
  visitInstant,
  visitSchema,
  visitsInLastYear,
  visitSummary,
  type PlacementSpan,
} from './visit-model.js'

const now = new Date('2026-03-20T12:00:00Z')
const today = '2026-03-20'
// Looked after from 2 March: with the Greens until the 9th, with Ann Lee until the 16th, then with the Hills.
const placements: PlacementSpan[] = [
  { id: 1, startDate: '2026-03-02', endDate: '2026-03-09' },
  { id: 2, startDate: '2026-03-09', endDate: '2026-03-16' },
  { id: 3, startDate: '2026-03-16', endDate: null },
]
const placed = (date: string, list = placements) =>
  placementOfVisit(date, { periodStart: '2026-03-02', placements: list, today })

describe('the placement a visit is in', () => {
  it.each([
    ['2026-03-20', 3],
    ['2026-03-16', 3], // the day of a move: the new placement
    ['2026-03-15', 2], // the placement just left
    ['2026-03-09', 2],
  ])('a visit on %s is in placement %i', (date, id) => {
    const p = placed(date)
    expect(isVisitRefusal(p) ? p.message : p.id).toBe(id)
  })

  it.each([
    ['2026-03-21', 'The date of the visit must be today or in the past'],
    ['2026-03-01', 'on or after 2 March 2026, when the child started to be looked after'],
    [
      '2026-03-08',
      'on or after 9 March 2026: a visit can be recorded in the current placement or the one before it',
    ],
  ])('refuses a visit on %s', (date, message) => {
    const p = placed(date)
    expect(isVisitRefusal(p) && p.field).toBe('visited-day')
    expect(isVisitRefusal(p) ? p.message : '').toContain(message)
  })

  it('takes any date in the period while the child has had one placement', () => {
    const p = placed('2026-03-02', [{ id: 7, startDate: '2026-03-02', endDate: null }])
    expect(isVisitRefusal(p) ? p.message : p.id).toBe(7)
  })
})

describe('the visit form', () => {
  const answers = (over: Record<string, string> = {}) => ({
    'visited-day': '18',
    'visited-month': '3',
    'visited-year': '2026',
    visitedBy: 'Sam Patel',
    location: 'placement',
    seen: 'yes',
    seenAlone: 'yes',
    note: '',
    ...over,
  })
  const issues = (over: Record<string, string>) => {
    const r = visitSchema(now).safeParse(answers(over))
    return r.success ? [] : r.error.issues.map((i) => [i.path.join('.'), i.message])
  }

  it('reads a visit at the placement where the child was seen alone', () => {
    expect(visitSchema(now).parse(answers())).toEqual({
      visitedOn: '2026-03-18',
      visitedBy: 'Sam Patel',
      location: 'placement',
      locationDetail: null,
      seen: true,
      seenAlone: true,
      notSeenReason: null,
      note: null,
    })
  })

  it('keeps seen alone only when seen, the reason only when not, and where only when elsewhere', () => {
    const parsed = visitSchema(now).parse(
      answers({
        seen: 'no',
        seenAlone: 'yes',
        notSeenReason: 'Asleep after a night shift at A&E',
        locationDetail: 'School',
      }),
    )
    expect([parsed.seen, parsed.seenAlone, parsed.notSeenReason, parsed.locationDetail]).toEqual([
      false,
      false,
      'Asleep after a night shift at A&E',
      null,
    ])
  })

  it.each([
    [
      { 'visited-day': '', 'visited-month': '', 'visited-year': '' },
      'visited-day',
      'Enter the date of the visit',
    ],
    [
      { 'visited-day': '31', 'visited-month': '2' },
      'visited-day',
      'The date of the visit must be a real date',
    ],
    [{ 'visited-day': '21' }, 'visited-day', 'The date of the visit must be today or in the past'],
    [{ visitedBy: ' ' }, 'visitedBy', 'Enter who visited'],
    [{ location: '' }, 'location', 'Select where the visit took place'],
    [{ location: 'elsewhere' }, 'locationDetail', 'Enter where the visit took place'],
    [{ seen: '' }, 'seen', 'Select whether the child was seen'],
    [{ seenAlone: '' }, 'seenAlone', 'Select whether the child was seen alone'],
    [{ seen: 'no', seenAlone: '' }, 'notSeenReason', 'Enter why the child was not seen'],
    [{ note: 'x'.repeat(2001) }, 'note', 'The note must be 2000 characters or fewer'],
  ])('refuses %o on %s', (over, field, message) => {
    expect(issues(over)).toContainEqual([field, message])
  })

  it('shows every wrong answer at once', () => {
    expect(
      issues({
        'visited-day': '',
        'visited-month': '',
        'visited-year': '',
        location: 'elsewhere',
        seen: 'no',
      }).map(([f]) => f),
    ).toEqual(['visited-day', 'locationDetail', 'notSeenReason'])
  })
})

describe('the figures beside the visits', () => {
  it('counts the visits in the 12 months to today against the Pledge’s 12', () => {
    const dates = ['2025-03-20', '2025-03-21', '2025-09-01', '2026-03-20', '2026-03-21']
    expect(visitsInLastYear(dates, today)).toEqual({ held: 3, target: 12, from: '2025-03-20', met: false })
    // The first of each month from April 2025 to March 2026: twelve visits, the Pledge met.
    const monthly = Array.from({ length: 12 }, (_, i) => addMonths('2025-04-01', i))
    expect(visitsInLastYear(monthly, today)).toMatchObject({ held: 12, met: true })
  })

  it('names the soonest open visit task as the next visit due, ignoring other clocks', () => {
    const tasks = [
      { clock_code: 'lac-review-20wd', due_at: new Date('2026-03-21T00:00:00Z') },
      { clock_code: 'lac-visit-6w', due_at: new Date('2026-04-16T22:59:59Z') },
      { clock_code: 'lac-visit-1w', due_at: new Date('2026-03-23T23:59:59Z') },
    ]
    expect(nextVisitDue(tasks)?.clock_code).toBe('lac-visit-1w')
    expect(nextVisitDue(tasks.slice(0, 1))).toBeNull()
  })

  it('puts a visit’s event at noon in London, after a placement that starts that day', () => {
    expect(visitInstant('2026-07-01').toISOString()).toBe('2026-07-01T11:00:00.000Z')
    expect(visitInstant('2026-01-05').toISOString()).toBe('2026-01-05T12:00:00.000Z')
  })

  it('words the visit for the chronology', () => {
    const base = {
      visitedBy: 'Sam Patel',
      location: 'placement' as const,
      locationDetail: null,
      seen: true,
      seenAlone: true,
      notSeenReason: null,
    }
    expect(visitSummary(base)).toBe('Statutory visit at the placement by Sam Patel: child seen alone')
    expect(visitSummary({ ...base, seenAlone: false, location: 'elsewhere', locationDetail: 'school' })).toBe(
      'Statutory visit elsewhere (school) by Sam Patel: child seen, not alone',
    )
    expect(visitSummary({ ...base, seen: false, seenAlone: false, notSeenReason: 'Out with friends' })).toBe(
      'Statutory visit at the placement by Sam Patel: child not seen: Out with friends',
    )
  })
})

describe('a placement agreed as long-term', () => {
  it.each([
    ['not agreed', null, '2026-06-01', '6w'],
    ['agreed, still in its first year', '2025-09-01', '2026-05-31', '6w'],
    ['agreed, from its first anniversary', '2025-09-01', '2026-06-01', '3m'],
    ['agreed after the visit', '2026-07-01', '2026-06-15', '6w'],
  ])('placed 1 June 2025, %s: a visit on %s sets the next in %s', (_case, agreed, visitedOn, interval) => {
    expect(visitInterval({ startDate: '2025-06-01', longTermAgreedOn: agreed }, visitedOn as string)).toBe(
      interval,
    )
  })

  it('refuses a second agreement, a date before the placement or in the future', () => {
    const s = { agreedOn: '2026-03-01', placementStart: '2026-01-05', today, alreadyAgreedOn: null }
    expect(longTermRefusal(s)).toBeNull()
    expect(longTermRefusal({ ...s, alreadyAgreedOn: '2026-02-01' })?.message).toBe(
      'This placement was already agreed as long-term on 1 February 2026',
    )
    expect(longTermRefusal({ ...s, agreedOn: '2026-01-04' })?.message).toContain('on or after 5 January 2026')
    expect(longTermRefusal({ ...s, agreedOn: '2026-03-21' })?.field).toBe('agreed-day')
    const r = longTermSchema(now).safeParse({ 'agreed-day': '', 'agreed-month': '', 'agreed-year': '' })
    expect(r.success ? [] : r.error.issues.map((i) => i.message)).toEqual([
      'Enter the date the long-term match was agreed',
    ])
  })
})
