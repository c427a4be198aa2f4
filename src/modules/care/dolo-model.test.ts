import { describe, expect, it } from 'vitest'
import { dayAnswers, schemaIssues } from './test-answers.js'
import { doloDeleteSchema, doloRefusal, doloSchema, doloWords } from './dolo-model.js'

const now = new Date('2027-03-20T12:00:00Z')
const day = dayAnswers
const issues = schemaIssues

const state = {
  dateOfBirth: '2011-05-04',
  periodStart: '2026-06-01',
  others: [] as { id: number; start: string; end: string | null }[],
  episodes: [{ start: '2026-06-01', end: null, place: 'K2' }] as {
    start: string
    end: string | null
    place: string
  }[],
  today: '2027-03-20',
}

describe('the DoLO form', () => {
  it('reads a new order, its end optional', () => {
    expect(doloSchema(now, false).parse({ ...day('start', '2026-09-14') })).toEqual({
      start: '2026-09-14',
      end: null,
    })
    expect(
      doloSchema(now, false).parse({ ...day('start', '2026-09-14'), ...day('end', '2027-01-10') }),
    ).toEqual({
      start: '2026-09-14',
      end: '2027-01-10',
    })
  })

  it('asks for the start of a new order, and only the end of the one in force', () => {
    expect(issues(doloSchema(now, false).safeParse({}))).toEqual([
      ['start-day', 'Enter the date the order was made'],
    ])
    expect(issues(doloSchema(now, true).safeParse({}))).toEqual([
      ['end-day', 'Enter the date the order ended'],
    ])
    expect(
      doloSchema(now, true).parse({ ...day('start', '2026-09-14'), ...day('end', '2027-01-10') }),
    ).toEqual({
      start: null,
      end: '2027-01-10',
    })
  })

  it('refuses a date that is not real, or in the future', () => {
    expect(issues(doloSchema(now, false).safeParse({ ...day('start', '2026-02-30') }))).toEqual([
      ['start-day', 'The date the order was made must be a real date'],
    ])
    expect(issues(doloSchema(now, false).safeParse({ ...day('start', '2027-03-21') }))).toEqual([
      ['start-day', 'The date the order was made must be today or in the past'],
    ])
  })

  it('asks a reason to delete an order', () => {
    expect(issues(doloDeleteSchema.safeParse({ doloId: '4', reason: ' ' }))).toEqual([
      ['reason', 'Enter why the order is being deleted'],
    ])
    expect(doloDeleteSchema.parse({ doloId: '4', reason: 'Recorded on the wrong child' })).toEqual({
      doloId: 4,
      reason: 'Recorded on the wrong child',
    })
  })
})

describe('doloRefusal (rules 702, 705, 708, 710, and only while looked after)', () => {
  it.each([
    ['an order in a children’s home', { start: '2026-09-14', end: null }, {}, null],
    ['ending after it starts', { start: '2026-09-14', end: '2026-09-15' }, {}, null],
    ['ending the day it starts (702)', { start: '2026-09-14', end: '2026-09-14' }, {}, 'end-day'],
    ['ending before it starts (702)', { start: '2026-09-14', end: '2026-09-01' }, {}, 'end-day'],
    ['starting before care began', { start: '2026-05-31', end: null }, {}, 'start-day'],
    [
      'starting on the day of birth (708)',
      { start: '2011-05-04', end: null },
      { periodStart: '2011-05-04' },
      'start-day',
    ],
    [
      'overlapping an order that ended (705)',
      { start: '2026-09-14', end: null },
      { others: [{ id: 1, start: '2026-07-01', end: '2026-09-15' }] },
      'start-day',
    ],
    [
      'starting the day the last one ended',
      { start: '2026-09-15', end: null },
      { others: [{ id: 1, start: '2026-07-01', end: '2026-09-15' }] },
      null,
    ],
    [
      'before an order still in force (705)',
      { start: '2026-07-01', end: '2026-08-01' },
      { others: [{ id: 1, start: '2026-09-01', end: null }] },
      null,
    ],
    [
      'overlapping an order still in force (705)',
      { start: '2026-07-01', end: '2026-09-02' },
      { others: [{ id: 1, start: '2026-09-01', end: null }] },
      'start-day',
    ],
    [
      'while placed with parents (710)',
      { start: '2026-09-14', end: null },
      {
        episodes: [
          { start: '2026-06-01', end: '2026-10-01', place: 'K2' },
          { start: '2026-10-01', end: null, place: 'P1' },
        ],
      },
      'start-day',
    ],
    [
      'ended before a move to supported accommodation',
      { start: '2026-09-14', end: '2026-09-30' },
      {
        episodes: [
          { start: '2026-06-01', end: '2026-10-01', place: 'K2' },
          { start: '2026-10-01', end: null, place: 'K3' },
        ],
      },
      null,
    ],
  ])('%s', (_, d, s, field) => {
    expect(doloRefusal(d, { ...state, ...s })?.field ?? null).toBe(field)
  })

  it('says which placement rule 710 forbids', () => {
    const refused = doloRefusal(
      { start: '2026-09-14', end: null },
      { ...state, episodes: [{ start: '2026-06-01', end: null, place: 'K1' }] },
    )
    expect(refused?.message).toBe(
      'A child with a deprivation of liberty order cannot be placed in a secure children’s home (the child was from 1 June 2026)',
    )
  })

  it('checks the end of the order in force against its own start, on the end field', () => {
    expect(doloRefusal({ start: '2026-09-14', end: '2026-09-10' }, state, true)).toEqual({
      field: 'end-day',
      message: 'The date the order ended must be after 14 September 2026, when it was made',
    })
  })

  it('words the chronology', () => {
    expect(doloWords('started', { start: '2026-09-14', end: null })).toBe(
      'Deprivation of liberty order made 14 September 2026',
    )
    expect(doloWords('deleted', { start: '2026-09-14', end: null }, 'Wrong child')).toBe(
      'Deprivation of liberty order from 14 September 2026 deleted: Wrong child',
    )
  })
})
