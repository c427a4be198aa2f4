/**
 * Care proceedings and the independent visitor through the care page's forms, on a fixed clock
 * (Monday 6 July 2026, noon). Finn (born 3 March 2019) has proceedings issued on Monday 5 January
 * 2026, before he is looked after; he comes into care under an interim care order on 19 January.
 * The 26 weeks end on Sunday 5 July; the court extends by 8 weeks (9 weeks refused), and the
 * proceedings conclude with a care order. The clock's task appears at issue on the allocated
 * worker's list, is replaced at the extension and stops at the conclusion. Another worker with no
 * link to the child is refused with nothing saved. Runs on PGlite and on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/platform/calendar/clock.js'
import { caseworkFactory } from '../support/casework.js'
import { pageText, type TestApp, openTestApp } from '../support/web.js'

const clock = fixedClock('2026-07-06T11:00:00Z')
let t: TestApp
const f = caseworkFactory(() => t)
const db = () => t.database.db
let finn = 0

const day = (prefix: string, iso: string) => {
  const [y, m, d] = iso.split('-')
  return {
    [`${prefix}-day`]: String(Number(d)),
    [`${prefix}-month`]: String(Number(m)),
    [`${prefix}-year`]: y ?? '',
  }
}

const application = {
  ...day('issued', '2026-01-05'),
  court: 'Family Court at Chelmsford',
  applicant: 'Thurrock Council',
  ...day('letter', '2025-12-01'),
}

const tasks = async () =>
  (
    await db()
      .selectFrom('task')
      .select(['due_at', 'closed_by', 'assigned_user_id'])
      .where('child_id', '=', finn)
      .where('clock_code', '=', 'care-proceedings-26w')
      .orderBy('id')
      .execute()
  ).map((r) => [r.due_at.toISOString(), r.closed_by, r.assigned_user_id])
const count = async (table: 'care_proceedings' | 'care_proceedings_hearing' | 'care_proceedings_extension') =>
  (await db().selectFrom(table).select('child_id').where('child_id', '=', finn).execute()).length
const audits = async (action: string) =>
  (
    await db()
      .selectFrom('audit_event')
      .select('outcome')
      .where('child_id', '=', finn)
      .where('action', '=', action)
      .orderBy('id')
      .execute()
  ).map((r) => r.outcome)

beforeAll(async () => {
  t = await openTestApp({ clock })
  finn = await f.child({ given: 'Finn', family: 'Carter', dob: '2019-03-03' })
}, 60_000)
afterAll(async () => t.close())

describe('the application', () => {
  it('refuses dates out of order or in the future, with nothing saved', async () => {
    const b = await f.signedIn('social.worker')
    const letterAfter = await b.post(`/children/${finn}/care/proceedings`, {
      ...application,
      ...day('letter', '2026-01-06'),
    })
    expect(letterAfter.statusCode).toBe(400)
    const text = pageText(letterAfter.body)
    expect(text).toContain('There is a problem')
    expect(text).toContain(
      'The date of the letter before proceedings must be on or before the date the application was issued',
    )
    expect(letterAfter.body).toContain('value="Family Court at Chelmsford"')
    const future = await b.post(`/children/${finn}/care/proceedings`, {
      ...application,
      ...day('issued', '2026-07-07'),
    })
    expect(pageText(future.body)).toContain(
      'The date the application was issued must be today or in the past',
    )
    const beforeBirth = await b.post(`/children/${finn}/care/proceedings`, {
      ...application,
      ...day('issued', '2019-03-02'),
      ...day('letter', '2019-03-01'),
    })
    expect(beforeBirth.statusCode).toBe(409)
    expect(pageText(beforeBirth.body)).toContain('on or after 3 March 2019, the child’s date of birth')
    expect(await count('care_proceedings')).toBe(0)
    expect(await audits('care.proceedings_issue')).toEqual([])
  })

  it('records the proceedings before care, and the clock’s task goes on the worker’s list', async () => {
    const b = await f.signedIn('social.worker')
    expect((await b.post(`/children/${finn}/care/proceedings`, application)).statusCode).toBe(303)
    const worker = await f.userId('social.worker')
    // 26 weeks beginning with Monday 5 January end on Sunday 5 July, at the end of the London day.
    expect(await tasks()).toEqual([['2026-07-05T22:59:59.999Z', null, worker]])
    const row = await db()
      .selectFrom('care_proceedings_v')
      .select(['period_id', 'weeks_26_end', 'timetable_end', 'extensions'])
      .where('child_id', '=', finn)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({
      period_id: null,
      weeks_26_end: '2026-07-05',
      timetable_end: '2026-07-05',
      extensions: 0,
    })
    const again = await b.post(`/children/${finn}/care/proceedings`, application)
    expect(again.statusCode).toBe(409)
    expect(await count('care_proceedings')).toBe(1)
    expect(await audits('care.proceedings_issue')).toEqual(['allowed'])
  })
})

describe('hearings', () => {
  it('refuses a hearing before the application, then records one with its order', async () => {
    const b = await f.signedIn('social.worker')
    const early = await b.post(`/children/${finn}/care/proceedings/hearing`, {
      ...day('heard', '2026-01-02'),
      kind: 'cmh',
      outcome: 'Directions given',
      order: 'interim_care_order',
    })
    expect(early.statusCode).toBe(409)
    expect(pageText(early.body)).toContain(
      'The date of the hearing must be on or after 5 January 2026, when the application was issued',
    )
    expect(await count('care_proceedings_hearing')).toBe(0)
    const cmh = await b.post(`/children/${finn}/care/proceedings/hearing`, {
      ...day('heard', '2026-01-19'),
      kind: 'cmh',
      outcome: 'Parenting assessment ordered; IRH listed',
      order: 'interim_care_order',
    })
    expect(cmh.statusCode).toBe(303)
    const page = pageText((await b.get(`/children/${finn}/care`)).body)
    expect(page).toContain('Care proceedings')
    expect(page).toContain('Legal status not yet changed to C1')
    expect(page).toContain('Stage 2: case management hearing')
    expect(page).toContain('Week 27: beyond the 26 weeks')
  })

  it('shows the legal status change beside the order once the care form records it, and links the period', async () => {
    const b = await f.signedIn('social.worker')
    const start = await b.post(`/children/${finn}/care/start`, {
      ...day('start', '2026-01-19'),
      admission: 'emergency',
      legalStatus: 'C1',
      categoryOfNeed: 'N1',
      homePostcode: 'RM17 6AB',
      place: 'U6',
      provider: 'PR1',
      carer: 'Jo and Sam Green',
      urn: '',
      postcode: 'RM16 2TX',
    })
    expect(start.statusCode).toBe(303)
    expect(
      (
        await b.post(`/children/${finn}/care/proceedings/hearing`, {
          ...day('heard', '2026-05-11'),
          kind: 'irh',
          outcome: 'Issues narrowed; final hearing listed',
        })
      ).statusCode,
    ).toBe(303)
    const page = pageText((await b.get(`/children/${finn}/care`)).body)
    expect(page).toMatch(/Legal status C1: .* from 19 January 2026/)
    const period = await db()
      .selectFrom('care_proceedings')
      .select('period_id')
      .where('child_id', '=', finn)
      .executeTakeFirstOrThrow()
    expect(period.period_id).not.toBeNull()
  })
})

describe('extensions', () => {
  it('refuses an extension of more than 8 weeks, then moves the due date by 8 weeks', async () => {
    const b = await f.signedIn('social.worker')
    const long = await b.post(`/children/${finn}/care/proceedings/extension`, {
      ...day('granted', '2026-07-01'),
      ...day('to', '2026-08-31'),
      reason: 'Expert report delayed',
    })
    expect(long.statusCode).toBe(409)
    expect(pageText(long.body)).toContain(
      'An extension can be no longer than 8 weeks: the latest the timetable can end is 30 August 2026',
    )
    expect(await count('care_proceedings_extension')).toBe(0)
    expect((await tasks()).length).toBe(1)
    const ok = await b.post(`/children/${finn}/care/proceedings/extension`, {
      ...day('granted', '2026-07-01'),
      ...day('to', '2026-08-30'),
      reason: 'Expert report delayed',
    })
    expect(ok.statusCode).toBe(303)
    const worker = await f.userId('social.worker')
    expect(await tasks()).toEqual([
      ['2026-07-05T22:59:59.999Z', 'cancel', worker],
      ['2026-08-30T22:59:59.999Z', null, worker],
    ])
    const page = pageText((await b.get(`/children/${finn}/care`)).body)
    expect(page).toContain('By 8 weeks, from 5 July 2026 to 30 August 2026')
    expect(page).toContain('30 August 2026, as extended')
  })
})

describe('who may record them', () => {
  it('refuses a worker with no link to the child, audits it, and saves nothing', async () => {
    const other = await f.signedIn('social.worker2')
    const before = await tasks()
    for (const [form, answers] of [
      ['proceedings/hearing', { ...day('heard', '2026-07-02'), kind: 'other', outcome: 'Adjourned' }],
      ['proceedings/extension', { ...day('granted', '2026-07-02'), ...day('to', '2026-09-01'), reason: 'x' }],
      ['proceedings/conclusion', { ...day('concluded', '2026-07-02'), finalOrder: 'care_order' }],
      ['independent-visitor', { ...day('assessed', '2026-07-02'), needed: 'yes' }],
    ] as const) {
      const post = await other.post(`/children/${finn}/care/${form}`, answers)
      expect([403, 404], form).toContain(post.statusCode)
      const audit = await db()
        .selectFrom('audit_event')
        .select('outcome')
        .where('request_id', '=', String(post.headers['x-request-id']))
        .execute()
      expect(audit, form).toEqual([{ outcome: 'denied' }])
    }
    expect(await count('care_proceedings_hearing')).toBe(2)
    expect(await count('care_proceedings_extension')).toBe(1)
    expect(await tasks()).toEqual(before)
  })
})

describe('the conclusion', () => {
  it('refuses a date before the last hearing, then stops the clock', async () => {
    const b = await f.signedIn('social.worker')
    const early = await b.post(`/children/${finn}/care/proceedings/conclusion`, {
      ...day('concluded', '2026-05-01'),
      finalOrder: 'care_order',
    })
    expect(early.statusCode).toBe(409)
    expect(pageText(early.body)).toContain('on or after 1 July 2026, when the last extension was granted')
    const done = await b.post(`/children/${finn}/care/proceedings/conclusion`, {
      ...day('concluded', '2026-07-06'),
      finalOrder: 'care_order',
    })
    expect(done.statusCode).toBe(303)
    expect((await tasks()).map(([, closed]) => closed)).toEqual(['cancel', 'stop'])
    const row = await db()
      .selectFrom('care_proceedings_v')
      .select(['concluded_on', 'final_order', 'duration_days', 'within_26_weeks'])
      .where('child_id', '=', finn)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({
      concluded_on: '2026-07-06',
      final_order: 'care_order',
      duration_days: 183,
      within_26_weeks: false,
    })
    const page = pageText((await b.get(`/children/${finn}/care`)).body)
    expect(page).toContain('Concluded in week 27, beyond the 26 weeks')
    expect(await audits('care.proceedings_conclude')).toEqual(['allowed'])
    const chronology = pageText((await b.get(`/children/${finn}/chronology`)).body)
    expect(chronology).toContain('Care proceedings issued by Thurrock Council at Family Court at Chelmsford')
    expect(chronology).toContain('Care proceedings concluded in week 27: care order')
  })
})

describe('the independent visitor', () => {
  it('records the need, the request, the match, a visit and the end, in order', async () => {
    const b = await f.signedIn('social.worker')
    const before = await b.post(`/children/${finn}/care/independent-visitor`, {
      ...day('assessed', '2026-01-10'),
      needed: 'yes',
    })
    expect(before.statusCode).toBe(409)
    expect(pageText(before.body)).toContain(
      'on or after 19 January 2026, when the child started to be looked after',
    )
    expect(
      (
        await b.post(`/children/${finn}/care/independent-visitor`, {
          ...day('assessed', '2026-02-02'),
          needed: 'yes',
        })
      ).statusCode,
    ).toBe(303)
    const noName = await b.post(`/children/${finn}/care/independent-visitor/arrangement`, {
      ...day('requested', '2026-02-09'),
      ...day('matched', '2026-03-02'),
    })
    expect(noName.statusCode).toBe(400)
    expect(pageText(noName.body)).toContain('Enter the independent visitor’s name')
    expect(
      (
        await b.post(`/children/${finn}/care/independent-visitor/arrangement`, {
          ...day('requested', '2026-02-09'),
          ...day('matched', '2026-03-02'),
          visitorName: 'Pat Evans',
        })
      ).statusCode,
    ).toBe(303)
    const earlyVisit = await b.post(`/children/${finn}/care/independent-visitor/visit`, {
      ...day('visited', '2026-02-20'),
    })
    expect(earlyVisit.statusCode).toBe(409)
    expect(
      (
        await b.post(`/children/${finn}/care/independent-visitor/visit`, {
          ...day('visited', '2026-03-14'),
          note: 'Bowling',
        })
      ).statusCode,
    ).toBe(303)
    const page = pageText((await b.get(`/children/${finn}/care`)).body)
    expect(page).toContain('Pat Evans, matched 2 March 2026')
    expect(page).toContain('1 recorded, the last on 14 March 2026')
    expect(
      (
        await b.post(`/children/${finn}/care/independent-visitor/end`, {
          ...day('ended', '2026-06-30'),
          reason: 'Volunteer moved away',
        })
      ).statusCode,
    ).toBe(303)
    const rows = await db()
      .selectFrom('care_independent_visitor_v')
      .select(['needed', 'requested_on', 'matched_on', 'ended_on', 'visits', 'last_visit_on'])
      .where('child_id', '=', finn)
      .execute()
    expect(rows).toEqual([
      {
        needed: true,
        requested_on: '2026-02-09',
        matched_on: '2026-03-02',
        ended_on: '2026-06-30',
        visits: 1,
        last_visit_on: '2026-03-14',
      },
    ])
    expect(await audits('care.independent_visitor_assess')).toEqual(['allowed'])
    expect(await audits('care.independent_visitor_end')).toEqual(['allowed'])
  })
})
