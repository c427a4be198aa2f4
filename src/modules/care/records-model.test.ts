import { describe, expect, it } from 'vitest'
import {
  dateUascCeased,
  missingRefusal,
  missingSchema,
  previousPermanenceRefusal,
  previousPermanenceSchema,
  previousPermanenceSummary,
  uascRefusal,
  uascSchema,
  uascSummary,
} from './records-model.js'

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

describe('previous permanence', () => {
  const schema = previousPermanenceSchema(now)

  it('reads none, or an order with its date and authority', () => {
    expect(schema.parse({ prevPerm: 'Z1', ...day('order', '2020-01-01'), orderLa: '883' })).toEqual({
      kind: 'Z1',
      orderDate: null,
      orderLa: null,
    })
    expect(schema.parse({ prevPerm: 'P2', ...day('order', '2021-06-14'), orderLa: ' sco ' })).toEqual({
      kind: 'P2',
      orderDate: '2021-06-14',
      orderLa: 'SCO',
    })
    expect(schema.parse({ prevPerm: 'P1', ...day('order', '2021-06-14'), orderLa: '' })).toMatchObject({
      orderLa: null,
    })
  })

  it.each([
    [{}, 'prevPerm', 'Select the order the child was under before, or none'],
    [{ prevPerm: 'P4' }, 'prevPerm', 'Select the order the child was under before, or none'],
    [{ prevPerm: 'P3' }, 'order-day', 'Enter the date the order was made'],
    [
      { prevPerm: 'P3', ...day('order', '2027-01-01') },
      'order-day',
      'The date of the order must be today or in the past',
    ],
    [
      { prevPerm: 'P3', ...day('order', '2021-01-01'), orderLa: '88' },
      'orderLa',
      'The authority must be its three-digit DfE code, or WAL, SCO, NIR or NUK',
    ],
  ])('refuses %j on %s', (answers, field, message) => {
    expect(issues(schema.safeParse(answers))).toContainEqual([field, message])
  })

  it('dates an order before care started and after the child was born (rule 632)', () => {
    const s = { periodStart: '2026-03-02', dateOfBirth: '2016-05-01' }
    const order = (orderDate: string) => ({ kind: 'P2', orderDate, orderLa: null })
    expect(previousPermanenceRefusal(order('2026-03-01'), s)).toBeNull()
    expect(previousPermanenceRefusal(order('2026-03-02'), s)?.message).toBe(
      'The date of the order must be before 2 March 2026, when the child started to be looked after',
    )
    expect(previousPermanenceRefusal(order('2016-04-30'), s)?.field).toBe('order-day')
    expect(previousPermanenceRefusal({ kind: 'Z1', orderDate: null, orderLa: null }, s)).toBeNull()
  })

  it('reads in words on the chronology', () => {
    expect(previousPermanenceSummary({ kind: 'P2', orderDate: '2021-06-14', orderLa: '883' })).toBe(
      'Previous permanence recorded: special guardianship order (SGO) made 14 June 2021, arranged by 883',
    )
    expect(previousPermanenceSummary({ kind: 'Z1', orderDate: null, orderLa: null })).toBe(
      'Previous permanence recorded: none, or not known',
    )
  })
})

describe('missing and away episodes', () => {
  const s = {
    periodStart: '2026-03-02',
    others: [{ id: 9, start: '2026-03-05', end: '2026-03-06' }],
    isNew: true,
  }
  const episode = (
    over: Partial<{ start: string; end: string | null; rhiOffered: string | null; rhiHeld: string | null }>,
  ) => ({
    start: '2026-03-10',
    end: '2026-03-11',
    rhiOffered: '2026-03-12',
    rhiHeld: '2026-03-13',
    ...over,
  })

  it('takes an episode in care with its return and interview in order', () => {
    expect(missingRefusal(episode({}), s)).toBeNull()
    expect(missingRefusal(episode({ end: null, rhiOffered: null, rhiHeld: null }), s)).toBeNull()
    // Offered the day the child came back, and held the same day.
    expect(missingRefusal(episode({ rhiOffered: '2026-03-11', rhiHeld: '2026-03-11' }), s)).toBeNull()
  })

  it.each([
    [
      { start: '2026-03-01' },
      'start-day',
      'The date the episode started must be on or after 2 March 2026, when the child started to be looked after',
    ],
    [
      { end: '2026-03-09' },
      'end-day',
      'The date the child came back must be on or after 10 March 2026, when the episode started',
    ],
    [
      { end: null },
      'end-day',
      'Enter the date the child came back: an interview is offered after the return',
    ],
    [
      { rhiOffered: '2026-03-10' },
      'offered-day',
      'The date the interview was offered must be on or after 11 March 2026, when the child came back',
    ],
    [{ rhiOffered: null }, 'offered-day', 'Enter the date the interview was offered'],
    [
      { rhiHeld: '2026-03-11' },
      'held-day',
      'The date of the interview must be on or after 12 March 2026, when it was offered',
    ],
    [
      { start: '2026-03-06', end: '2026-03-07' },
      'start-day',
      'Another episode from 5 March 2026 to 6 March 2026 overlaps these dates',
    ],
    [
      { start: '2026-03-04', end: null, rhiOffered: null, rhiHeld: null },
      'start-day',
      'Another episode from 5 March 2026 to 6 March 2026 overlaps these dates',
    ],
  ])('refuses %j on %s', (over, field, message) => {
    expect(missingRefusal(episode(over), s)).toEqual({ field, message })
  })

  it('asks the start of a new episode, and only the return of an open one', () => {
    expect(missingSchema(now, false).parse({ kind: 'A', ...day('start', '2026-03-18') })).toEqual({
      kind: 'A',
      start: '2026-03-18',
      end: null,
      rhiOffered: null,
      rhiHeld: null,
    })
    expect(issues(missingSchema(now, false).safeParse({}))).toEqual([
      ['kind', 'Select whether the child was missing or away from placement'],
      ['start-day', 'Enter the date the episode started'],
    ])
    expect(
      issues(missingSchema(now, true).safeParse({ kind: 'M', ...day('offered', '2026-03-19') })),
    ).toEqual([['end-day', 'Enter the date the child came back']])
    expect(missingSchema(now, true).parse({ ...day('end', '2026-03-19') })).toMatchObject({
      kind: null,
      start: null,
      end: '2026-03-19',
    })
  })
})

describe('unaccompanied asylum-seeking children', () => {
  const child = { dateOfBirth: '2009-07-15' }
  const status = (over: Partial<{ from: string; ceased: string | null }>) => ({
    from: '2026-01-10',
    ceased: null,
    assessment: null,
    assessedOn: null,
    ...over,
  })

  it('ends the status on the 18th birthday unless it ended before (DUC, rule 304)', () => {
    expect(dateUascCeased({ ceased: null }, '2009-07-15')).toBe('2027-07-15')
    expect(dateUascCeased({ ceased: '2026-05-01' }, '2009-07-15')).toBe('2026-05-01')
    expect(uascRefusal(status({ ceased: '2027-07-15' }), child)).toBeNull()
    expect(uascRefusal(status({ ceased: '2027-07-16' }), child)?.message).toBe(
      'The date the status ended must be on or before 15 July 2027, the child’s 18th birthday, when it ends in any case',
    )
    expect(uascRefusal(status({ ceased: '2026-01-09' }), child)?.field).toBe('ceased-day')
    expect(uascRefusal(status({ from: '2009-07-14' }), child)?.field).toBe('from-day')
    expect(uascRefusal(status({}), { dateOfBirth: null })?.field).toBe('form')
  })

  it('reads the form: an assessment needs its date', () => {
    expect(
      uascSchema(now).parse({
        ...day('from', '2026-01-10'),
        assessment: 'older',
        ...day('assessed', '2026-02-01'),
      }),
    ).toEqual({
      from: '2026-01-10',
      ceased: null,
      assessment: 'older',
      assessedOn: '2026-02-01',
    })
    expect(
      issues(uascSchema(now).safeParse({ ...day('from', '2026-01-10'), assessment: 'accepted' })),
    ).toEqual([['assessed-day', 'Enter the date of the age assessment']])
    expect(issues(uascSchema(now).safeParse({}))).toContainEqual([
      'assessment',
      'Select whether the child’s age was assessed, and its outcome',
    ])
    expect(
      uascSummary({ from: '2026-01-10', ceased: null, assessment: 'older', assessedOn: '2026-02-01' }),
    ).toBe(
      'Unaccompanied asylum-seeking child from 10 January 2026; age assessed 1 February 2026: found to be older than claimed',
    )
  })
})
