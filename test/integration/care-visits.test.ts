/**
 * Statutory visits to a looked-after child through their pages, on a fixed clock (Friday 20 March
 * 2026, noon). Ava starts care on Monday 2 March (a first visit due by the end of the 9th) and
 * moves on Thursday the 5th, before anyone has visited: the first placement's visit is cancelled
 * and the new placement's is due by the end of the 12th. Visits dated before care started, in the
 * future, or with answers missing are refused with nothing saved. A visit on Tuesday the 10th at
 * which she is seen alone stops the week's clock (late: it was due on the 12th, so met) and starts
 * the six-weekly one, due on 21 April; it counts as Ava seen. A visit recorded late in the
 * placement she just left is taken; one in an earlier placement is refused. Who may not record a
 * visit is refused and audited. Runs on PGlite and on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/platform/calendar/clock.js'
import { caseworkFactory } from '../support/casework.js'
import { pageText, type TestApp, openTestApp } from '../support/web.js'
import { careStartForm, dayFields as day } from '../support/care.js'

const clock = fixedClock('2026-03-20T12:00:00Z')
let t: TestApp
const f = caseworkFactory(() => t)
const db = () => t.database.db
let ava = 0

const start = careStartForm('2026-03-02')

const move = (date: string, carer: string) => ({
  ...day('change', date),
  sameCarer: 'no',
  place: 'U4',
  provider: 'PR4',
  carer,
  urn: '',
  postcode: 'SS17 0AA',
  reasonPlaceChange: 'CARPL',
  legalStatus: 'V2',
})

const visit = (date: string, over: Record<string, string> = {}) => ({
  ...day('visited', date),
  visitedBy: 'Sam Patel',
  location: 'placement',
  seen: 'yes',
  seenAlone: 'yes',
  note: 'Ava showed me her new room.',
  ...over,
})

/** The period's visit clocks: each instance's due time and how it closed. */
async function visitTasks() {
  const rows = await db()
    .selectFrom('task')
    .select(['clock_code', 'due_at', 'closed_by'])
    .where('child_id', '=', ava)
    .where('clock_code', 'like', 'lac-visit%')
    .orderBy('started_at')
    .orderBy('id')
    .execute()
  return rows.map((r) => [r.clock_code, r.due_at.toISOString(), r.closed_by])
}

const saved = async () => ({
  visits: (await db().selectFrom('care_visit').select('id').where('child_id', '=', ava).execute()).length,
  events: (
    await db()
      .selectFrom('case_event')
      .select('id')
      .where('child_id', '=', ava)
      .where('type', '=', 'lac_visit.held')
      .execute()
  ).length,
  audits: (
    await db()
      .selectFrom('audit_event')
      .select('id')
      .where('child_id', '=', ava)
      .where('action', '=', 'care.visit_record')
      .where('outcome', '=', 'allowed')
      .execute()
  ).length,
})

beforeAll(async () => {
  t = await openTestApp({ clock })
  ava = await f.child({ given: 'Ava', family: 'Brook', dob: '2016-05-01' })
}, 60_000)
afterAll(async () => t.close())

describe('the first week', () => {
  it('refuses a visit while the child is not looked after', async () => {
    const b = await f.signedIn('social.worker')
    const page = await b.get(`/children/${ava}/care/visit`)
    expect(page.statusCode).toBe(409)
    expect(pageText(page.body)).toContain('Ava Brook is not looked after')
    expect((await b.post(`/children/${ava}/care/visit`, visit('2026-03-18'))).statusCode).toBe(409)
    expect(await saved()).toEqual({ visits: 0, events: 0, audits: 0 })
  })

  it('a move before the first visit starts a new week for the new placement', async () => {
    const b = await f.signedIn('social.worker')
    expect((await b.post(`/children/${ava}/care/start`, start)).statusCode).toBe(303)
    expect(await visitTasks()).toEqual([['lac-visit-1w', '2026-03-09T23:59:59.999Z', null]])
    const moved = await b.post(`/children/${ava}/care/placement`, move('2026-03-05', 'Ann Lee'))
    expect(moved.statusCode, pageText(moved.body).slice(0, 300)).toBe(303)
    // The Greens' first visit is no longer owed: cancelled, neither met nor missed.
    expect(await visitTasks()).toEqual([
      ['lac-visit-1w', '2026-03-09T23:59:59.999Z', 'cancel'],
      ['lac-visit-1w', '2026-03-12T23:59:59.999Z', null],
    ])
  })
})

describe('recording a visit', () => {
  it('shows the form with today’s date and the visitor’s name', async () => {
    // The team manager: the worker's answers sent above are kept as their draft.
    const b = await f.signedIn('team.manager')
    const page = await b.get(`/children/${ava}/care/visit`)
    expect(page.statusCode).toBe(200)
    const text = pageText(page.body)
    expect(text).toContain('Record a statutory visit')
    expect(page.body).toMatch(/id="visited-day"[^>]*value="20"/)
    expect(page.body).toMatch(/id="visitedBy"[^>]*value="[^"]+"/)
  })

  it('refuses bad answers and dates outside care, saving nothing', async () => {
    const b = await f.signedIn('social.worker')
    const missing = await b.post(
      `/children/${ava}/care/visit`,
      visit('2026-03-10', { location: 'elsewhere', seen: 'no', seenAlone: '' }),
    )
    expect(missing.statusCode).toBe(400)
    const text = pageText(missing.body)
    expect(text).toContain('There is a problem')
    expect(text).toContain('Enter where the visit took place')
    expect(text).toContain('Enter why the child was not seen')
    const future = await b.post(`/children/${ava}/care/visit`, visit('2026-03-21'))
    expect(future.statusCode).toBe(400)
    expect(pageText(future.body)).toContain('The date of the visit must be today or in the past')
    const before = await b.post(`/children/${ava}/care/visit`, visit('2026-03-01'))
    expect(before.statusCode).toBe(409)
    expect(pageText(before.body)).toContain(
      'The date of the visit must be on or after 2 March 2026, when the child started to be looked after',
    )
    expect(await saved()).toEqual({ visits: 0, events: 0, audits: 0 })
  })

  it('a visit stops the week’s clock and starts the six-weekly one, with its audit row', async () => {
    const b = await f.signedIn('social.worker')
    const ok = await b.post(`/children/${ava}/care/visit`, visit('2026-03-10'))
    expect(ok.statusCode, pageText(ok.body).slice(0, 300)).toBe(303)
    expect(ok.headers.location).toBe(`/children/${ava}/care`)
    // 42 days from Tuesday 10 March is Tuesday 21 April, in British Summer Time.
    expect(await visitTasks()).toEqual([
      ['lac-visit-1w', '2026-03-09T23:59:59.999Z', 'cancel'],
      ['lac-visit-1w', '2026-03-12T23:59:59.999Z', 'stop'],
      ['lac-visit-6w', '2026-04-21T22:59:59.999Z', null],
    ])
    const row = await db()
      .selectFrom('care_visit')
      .select(['visited_on', 'visited_by', 'location', 'child_seen', 'seen_alone', 'not_seen_reason', 'note'])
      .where('child_id', '=', ava)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({
      visited_on: '2026-03-10',
      visited_by: 'Sam Patel',
      location: 'placement',
      child_seen: true,
      seen_alone: true,
      not_seen_reason: null,
      note: 'Ava showed me her new room.',
    })
    const event = await db()
      .selectFrom('case_event')
      .select(['occurred_at', 'summary'])
      .where('child_id', '=', ava)
      .where('type', '=', 'lac_visit.held')
      .executeTakeFirstOrThrow()
    expect([event.occurred_at.toISOString(), event.summary]).toEqual([
      '2026-03-10T12:00:00.000Z',
      'Statutory visit at the placement by Sam Patel: child seen alone',
    ])
    const audit = await db()
      .selectFrom('audit_event')
      .select(['outcome', 'record_type', 'detail'])
      .where('child_id', '=', ava)
      .where('action', '=', 'care.visit_record')
      .execute()
    expect(audit).toEqual([
      {
        outcome: 'allowed',
        record_type: 'care_visit',
        detail: expect.objectContaining({ visitedOn: '2026-03-10', seen: true, seenAlone: true }),
      },
    ])
    expect(await saved()).toEqual({ visits: 1, events: 1, audits: 1 })
  })

  it('counts the visit as the child seen', async () => {
    const seen = await db()
      .selectFrom('assessment_child_seen_v')
      .select(['seen_on', 'source'])
      .where('child_id', '=', ava)
      .execute()
    expect(seen).toContainEqual({ seen_on: '2026-03-10', source: 'lac_visit' })
  })

  it('lists the visits on the care page with the next due and the Pledge’s figure', async () => {
    const b = await f.signedIn('social.worker')
    const page = await b.get(`/children/${ava}/care`)
    const text = pageText(page.body)
    expect(text).toContain('Statutory visits')
    expect(text).toContain('Looked-after child visit: by 21 April 2026')
    expect(text).toContain('1 of 12 (the Pledge: 12 visits a year)')
    expect(text).toMatch(/10 March 2026\s+At the placement\s+Yes\s+Yes\s+Sam Patel/)
  })

  it('takes a visit recorded late in the placement just left, and refuses one in an earlier placement', async () => {
    const b = await f.signedIn('social.worker')
    expect(
      (await b.post(`/children/${ava}/care/placement`, move('2026-03-16', 'The Hills'))).statusCode,
    ).toBe(303)
    // Seen on Friday the 13th at Ann Lee's, not alone: written up after the move.
    const late = await b.post(
      `/children/${ava}/care/visit`,
      visit('2026-03-13', { seenAlone: 'no', location: 'elsewhere', locationDetail: 'Her school' }),
    )
    expect(late.statusCode).toBe(303)
    const earlier = await b.post(`/children/${ava}/care/visit`, visit('2026-03-04'))
    expect(earlier.statusCode).toBe(409)
    expect(pageText(earlier.body)).toContain(
      'a visit can be recorded in the current placement or the one before it',
    )
    expect(await saved()).toEqual({ visits: 2, events: 2, audits: 2 })
    // The late visit restarted the six weeks from the 13th; the move on the 16th owes a first visit by the 23rd.
    const open = (await visitTasks()).filter(([, , closed]) => closed === null)
    expect(open).toEqual([
      ['lac-visit-6w', '2026-04-24T22:59:59.999Z', null],
      ['lac-visit-1w', '2026-03-23T23:59:59.999Z', null],
    ])
  })

  it('lets the team manager record a visit', async () => {
    const b = await f.signedIn('team.manager')
    const ok = await b.post(`/children/${ava}/care/visit`, visit('2026-03-18', { visitedBy: 'Team manager' }))
    expect(ok.statusCode).toBe(303)
    expect((await saved()).visits).toBe(3)
  })
})

describe('a placement agreed as long-term', () => {
  it('after its first year, a visit sets the next at 3 months', async () => {
    const leo = await f.child({ given: 'Leo', family: 'Hart', dob: '2014-02-11' })
    const b = await f.signedIn('social.worker')
    expect(
      (await b.post(`/children/${leo}/care/start`, { ...start, ...day('start', '2025-01-06') })).statusCode,
    ).toBe(303)
    const early = await b.post(`/children/${leo}/care/long-term`, day('agreed', '2025-01-05'))
    expect(early.statusCode).toBe(409)
    expect(pageText(early.body)).toContain('on or after 6 January 2025, when the placement started')
    const ok = await b.post(`/children/${leo}/care/long-term`, day('agreed', '2025-03-03'))
    expect(ok.statusCode).toBe(303)
    const again = await b.post(`/children/${leo}/care/long-term`, day('agreed', '2025-03-04'))
    expect(again.statusCode).toBe(409)
    expect(pageText(again.body)).toContain('already agreed as long-term on 3 March 2025')
    expect(
      await db()
        .selectFrom('audit_event')
        .select(['action', 'record_type'])
        .where('child_id', '=', leo)
        .where('action', '=', 'care.long_term_agree')
        .where('outcome', '=', 'allowed')
        .execute(),
    ).toEqual([{ action: 'care.long_term_agree', record_type: 'care_placement' }])
    expect((await b.post(`/children/${leo}/care/visit`, visit('2026-03-10'))).statusCode).toBe(303)
    const open = await db()
      .selectFrom('task')
      .select(['clock_code', 'due_at'])
      .where('child_id', '=', leo)
      .where('clock_code', 'like', 'lac-visit%')
      .where('stopped_at', 'is', null)
      .execute()
    // Three months from Tuesday 10 March 2026: Wednesday 10 June, in British Summer Time.
    expect(open.map((r) => [r.clock_code, r.due_at.toISOString()])).toEqual([
      ['lac-visit-6w', '2026-06-10T22:59:59.999Z'],
    ])
    const page = pageText((await b.get(`/children/${leo}/care`)).body)
    expect(page).toContain('The placement was agreed as long-term on 3 March 2025')
    expect(page).toContain('by 10 June 2026')
  })
})

describe('who may record a visit', () => {
  it('refuses a reader who may see but not change the record, and someone with no link, auditing both', async () => {
    await f.grant(ava, 'health.visitor', 'process_participant', { reason: 'Health assessment' })
    const nurse = await f.signedIn('health.visitor')
    expect((await nurse.get(`/children/${ava}/care`)).statusCode).toBe(200)
    const police = await f.signedIn('police')
    for (const b of [nurse, police]) {
      const res = await b.post(`/children/${ava}/care/visit`, visit('2026-03-19'))
      expect([403, 404]).toContain(res.statusCode)
      expect(res.body).not.toContain('Sam Patel')
      const denied = await db()
        .selectFrom('audit_event')
        .select('outcome')
        .where('request_id', '=', String(res.headers['x-request-id']))
        .execute()
      expect(denied).toEqual([{ outcome: 'denied' }])
    }
    expect((await saved()).visits).toBe(3)
  })
})
