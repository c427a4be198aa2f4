/**
 * Reviews and the IRO through their pages, on a fixed clock (Wednesday 15 April 2026, noon). Ava
 * (born 1 May 2016) comes into care on Monday 2 March: her first review is due by Monday 30 March.
 * Nobody but a manager allocates an IRO, and an IRO sees nothing of a child until allocated; a
 * review cannot be recorded without an IRO. The team manager allocates Ruth Okonjo, who is given a
 * grant and sees Ava on her home page; bad reviews (in the future, before care, PN0 for a child of
 * 9, late without a reason, the report neither dated nor explained) are refused with nothing saved.
 * Ruth records the review held late on Thursday 2 April: the 20-working-day clock stops, the
 * 3-month one starts (due 2 July) and the minutes' clock (due 5 May, after Easter and the May bank
 * holiday) lands on her list. The minutes are recorded; a second IRO replaces her (her grant
 * revoked, the history kept); care ends, revoking the second's. Runs on PGlite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/platform/calendar/clock.js'
import { caseworkFactory } from '../support/casework.js'
import { pageText, type TestApp, openTestApp } from '../support/web.js'
import { careStartForm, dayFields as day } from '../support/care.js'

const clock = fixedClock('2026-04-15T12:00:00Z')
let t: TestApp
const f = caseworkFactory(() => t)
const db = () => t.database.db
let ava = 0
let iro = 0
let iro2 = 0

const review = (over: Record<string, string> = {}) => ({
  ...day('held', '2026-04-02'),
  participation: 'PN1',
  reportShared: 'yes',
  ...day('report', '2026-03-30'),
  reportNotSharedReason: '',
  lateReason: 'IROAVAIL',
  ...over,
})

const reviewsSaved = () => db().selectFrom('lac_review').selectAll().where('child_id', '=', ava).execute()
const eventsOf = (type: string) =>
  db().selectFrom('case_event').select('id').where('child_id', '=', ava).where('type', '=', type).execute()
const grantsOf = (userId: number) =>
  db()
    .selectFrom('child_access')
    .select(['basis', 'revoked_at', 'revoked_reason'])
    .where('child_id', '=', ava)
    .where('user_id', '=', userId)
    .orderBy('id')
    .execute()
const auditOf = (action: string) =>
  db()
    .selectFrom('audit_event')
    .select(['action', 'outcome', 'basis', 'user_id'])
    .where('child_id', '=', ava)
    .where('action', '=', action)
    .orderBy('id')
    .execute()

/** How many refusals of this member of staff the audit trail holds (a refusal by role names no child). */
async function refusalsOf(username: string): Promise<number> {
  const rows = await db()
    .selectFrom('audit_event')
    .select('id')
    .where('user_id', '=', await f.userId(username))
    .where('outcome', '=', 'denied')
    .execute()
  return rows.length
}

/** The child's statutory tasks: clock, due, whether stopped, how closed, and whose. */
async function tasks() {
  const rows = await db()
    .selectFrom('task')
    .select(['clock_code', 'due_at', 'stopped_at', 'closed_by', 'assigned_user_id'])
    .where('child_id', '=', ava)
    .where('clock_code', 'like', 'lac-review%')
    .orderBy('started_at')
    .orderBy('id')
    .execute()
  return rows.map((r) => [r.clock_code, r.due_at.toISOString(), r.stopped_at !== null, r.assigned_user_id])
}

beforeAll(async () => {
  t = await openTestApp({ clock })
  iro = await f.userId('iro')
  ava = await f.child({ given: 'Ava', family: 'Brook', dob: '2016-05-01' })
  const b = await f.signedIn('social.worker')
  const started = await b.post(
    `/children/${ava}/care/start`,
    careStartForm('2026-03-02', { homePostcode: '', postcode: '' }),
  )
  expect(started.statusCode, pageText(started.body).slice(0, 300)).toBe(303)
  const { id } = await db()
    .insertInto('app_user')
    .values({ username: 'iro.two', display_name: 'Kwame Mensah', role: 'independent_reviewing_officer' })
    .returning('id')
    .executeTakeFirstOrThrow()
  iro2 = id
}, 60_000)
afterAll(async () => t.close())

describe('before an IRO is allocated', () => {
  it('keeps the IRO out of a child not allocated to them, and a social worker from allocating one', async () => {
    const asIro = await f.signedIn('iro')
    expect((await asIro.get(`/children/${ava}/care`)).statusCode).toBe(403)
    const sw = await f.signedIn('social.worker')
    expect((await sw.get(`/children/${ava}/care/iro`)).statusCode).toBe(403)
    expect((await sw.post(`/children/${ava}/care/iro`, { iro: String(iro) })).statusCode).toBe(403)
    expect(
      await db().selectFrom('care_iro_allocation').selectAll().where('child_id', '=', ava).execute(),
    ).toEqual([])
    expect(await refusalsOf('iro')).toBeGreaterThan(0)
    expect(await refusalsOf('social.worker')).toBeGreaterThan(1)
  })

  it('refuses a review with no IRO to chair it, saving nothing', async () => {
    const sw = await f.signedIn('social.worker')
    const page = pageText((await sw.get(`/children/${ava}/care`)).body)
    expect(page).toContain('Independent reviewing officer None allocated')
    expect(page).toContain('First looked-after child review: by 30 March 2026')
    const res = await sw.post(`/children/${ava}/care/reviews/new`, review())
    expect(res.statusCode).toBe(409)
    expect(pageText(res.body)).toContain('Allocate an independent reviewing officer first')
    expect(await reviewsSaved()).toEqual([])
  })
})

describe('allocating the IRO', () => {
  it('lets the team manager allocate the IRO: a grant, its history and audit, and the IRO sees the child', async () => {
    const tm = await f.signedIn('team.manager')
    const form = pageText((await tm.get(`/children/${ava}/care/iro`)).body)
    expect(form).toContain('Ruth Okonjo')
    const bad = await tm.post(`/children/${ava}/care/iro`, { iro: '' })
    expect(bad.statusCode).toBe(400)
    expect(pageText(bad.body)).toContain('Select the independent reviewing officer')
    const notIro = await tm.post(`/children/${ava}/care/iro`, {
      iro: String(await f.userId('social.worker')),
    })
    expect(notIro.statusCode).toBe(409)
    expect(
      await db().selectFrom('care_iro_allocation').selectAll().where('child_id', '=', ava).execute(),
    ).toEqual([])

    const ok = await tm.post(`/children/${ava}/care/iro`, { iro: String(iro) })
    expect(ok.statusCode, pageText(ok.body).slice(0, 300)).toBe(303)
    expect(await grantsOf(iro)).toEqual([
      { basis: 'independent_reviewing_officer', revoked_at: null, revoked_reason: null },
    ])
    const again = await tm.post(`/children/${ava}/care/iro`, { iro: String(iro) })
    expect(pageText(again.body)).toContain('Ruth Okonjo is already this child’s IRO')
    expect(await auditOf('care.iro_allocate')).toEqual([
      {
        action: 'care.iro_allocate',
        outcome: 'allowed',
        basis: 'team_manager',
        user_id: await f.userId('team.manager'),
      },
    ])

    const asIro = await f.signedIn('iro')
    const home = pageText((await asIro.get('/')).body)
    expect(home).toContain('Ava Brook')
    const page = await asIro.get(`/children/${ava}/care`)
    expect(page.statusCode).toBe(200)
    expect(pageText(page.body)).toContain('Independent reviewing officer Ruth Okonjo, since 15 April 2026')
    // An IRO allocates nobody.
    expect((await asIro.get(`/children/${ava}/care/iro`)).statusCode).toBe(403)
  })
})

describe('recording a review', () => {
  it('refuses a review in the future, before care, PN0 for a child of 9, late without a reason, or with the report unexplained, saving nothing', async () => {
    const b = await f.signedIn('iro')
    const future = await b.post(`/children/${ava}/care/reviews/new`, review(day('held', '2026-04-16')))
    expect(future.statusCode).toBe(400)
    expect(pageText(future.body)).toContain('The date of the review must be today or in the past')
    const before = await b.post(`/children/${ava}/care/reviews/new`, review(day('held', '2026-03-01')))
    expect(before.statusCode).toBe(409)
    expect(pageText(before.body)).toContain(
      'The date of the review must be on or after 2 March 2026, when the child started to be looked after',
    )
    const pn0 = await b.post(`/children/${ava}/care/reviews/new`, review({ participation: 'PN0' }))
    expect(pn0.statusCode).toBe(409)
    const pn0Text = pageText(pn0.body)
    expect(pn0Text).toContain('There is a problem')
    expect(pn0Text).toContain(
      'The child was 9 years old on the day of the review: PN0 is only for a child under 4',
    )
    expect(pn0.body).toContain('href="#participation"')
    const late = await b.post(`/children/${ava}/care/reviews/new`, review({ lateReason: '' }))
    expect(late.statusCode).toBe(409)
    expect(pageText(late.body)).toContain(
      'The review was due by 30 March 2026: select the reason it was held late',
    )
    const unexplained = await b.post(
      `/children/${ava}/care/reviews/new`,
      review({ reportShared: 'no', 'report-day': '', 'report-month': '', 'report-year': '' }),
    )
    expect(unexplained.statusCode).toBe(400)
    expect(pageText(unexplained.body)).toContain('Enter why the report was not shared before the review')
    const reportAfter = await b.post(`/children/${ava}/care/reviews/new`, review(day('report', '2026-04-03')))
    expect(pageText(reportAfter.body)).toContain(
      'The report must have been shared on or before the day of the review',
    )
    expect(await reviewsSaved()).toEqual([])
    expect(await eventsOf('lac_review.held')).toEqual([])
    expect(await tasks()).toEqual([
      ['lac-review-20wd', '2026-03-30T22:59:59.999Z', false, expect.any(Number)],
    ])
  })

  it('refuses a worker who holds no case of the child, and a partner, auditing the refusal', async () => {
    const other = await f.signedIn('social.worker2')
    const before = await refusalsOf('social.worker2')
    expect((await other.post(`/children/${ava}/care/reviews/new`, review())).statusCode).toBe(403)
    expect(await refusalsOf('social.worker2')).toBeGreaterThan(before)
    const police = await f.signedIn('police')
    expect([403, 404]).toContain(
      (await police.post(`/children/${ava}/care/reviews/new`, review())).statusCode,
    )
    expect(await reviewsSaved()).toEqual([])
  })

  it('records the IRO’s late review: the first clock stops, the 3-month clock and the minutes’ clock start', async () => {
    const b = await f.signedIn('iro')
    const ok = await b.post(`/children/${ava}/care/reviews/new`, review())
    expect(ok.statusCode, pageText(ok.body).slice(0, 400)).toBe(303)
    const [saved] = await reviewsSaved()
    expect(saved).toMatchObject({
      held_on: '2026-04-02',
      participation: 'PN1',
      chair_user_id: iro,
      report_shared_on: '2026-03-30',
      report_not_shared_reason: null,
      due_on: '2026-03-30',
      late_reason: 'IROAVAIL',
      minutes_distributed_on: null,
    })
    const worker = await f.userId('social.worker')
    // 3 months from 2 April is 2 July (British Summer Time); 20 working days from Thursday 2 April,
    // over Good Friday, Easter Monday and the early May bank holiday, is Tuesday 5 May.
    expect(await tasks()).toEqual([
      ['lac-review-20wd', '2026-03-30T22:59:59.999Z', true, worker],
      ['lac-review-3m', '2026-07-02T22:59:59.999Z', false, worker],
      ['lac-review-minutes', '2026-05-05T22:59:59.999Z', false, iro],
    ])
    const first = await db()
      .selectFrom('task')
      .select('closed_by')
      .where('child_id', '=', ava)
      .where('clock_code', '=', 'lac-review-20wd')
      .executeTakeFirstOrThrow()
    expect(first.closed_by).not.toBe('met')
    expect(await auditOf('care.review_record')).toEqual([
      {
        action: 'care.review_record',
        outcome: 'allowed',
        basis: 'independent_reviewing_officer',
        user_id: iro,
      },
    ])
    const page = pageText((await b.get(`/children/${ava}/care`)).body)
    expect(page).toContain('2 April 2026 Chaired by Ruth Okonjo')
    expect(page).toContain('PN1: Child attends and speaks for themselves')
    expect(page).toContain('Late (due by 30 March 2026): The IRO was not available')
    expect(page).toContain('Not yet distributed: due by 5 May 2026')
    expect(page).toContain('Second looked-after child review: by 2 July 2026')
    const chronology = pageText((await b.get(`/children/${ava}/chronology`)).body)
    expect(chronology).toContain('Looked-after review held, chaired by Ruth Okonjo')
    // The IRO's worklist has the minutes, leading to their form.
    const home = await b.get('/')
    expect(home.body).toContain(`/lac-reviews/${saved?.id}/minutes`)
    // The same day twice is refused.
    const twice = await b.post(`/children/${ava}/care/reviews/new`, review())
    expect(pageText(twice.body)).toContain('must be after 2 April 2026, when the last review was held')
    expect((await reviewsSaved()).length).toBe(1)
  })

  it('records the minutes distributed once, on or after the review, stopping their clock', async () => {
    const [saved] = await reviewsSaved()
    const path = `/lac-reviews/${saved?.id}/minutes`
    const b = await f.signedIn('iro')
    expect((await b.get(path)).statusCode).toBe(200)
    const early = await b.post(path, day('minutes', '2026-04-01'))
    expect(early.statusCode).toBe(409)
    expect(pageText(early.body)).toContain('on or after 2 April 2026, when the review was held')
    const ok = await b.post(path, day('minutes', '2026-04-14'))
    expect(ok.statusCode, pageText(ok.body).slice(0, 300)).toBe(303)
    expect((await tasks()).find((x) => x[0] === 'lac-review-minutes')?.[2]).toBe(true)
    expect((await reviewsSaved())[0]?.minutes_distributed_on).toBe('2026-04-14')
    expect((await b.post(path, day('minutes', '2026-04-15'))).statusCode).toBe(409)
    expect((await reviewsSaved())[0]?.minutes_distributed_on).toBe('2026-04-14')
    expect(await auditOf('care.review_minutes')).toEqual([
      expect.objectContaining({ outcome: 'allowed', basis: 'independent_reviewing_officer' }),
    ])
    const police = await f.signedIn('police')
    expect([403, 404]).toContain((await police.get(path)).statusCode)
  })
})

describe('a new IRO, and care ending', () => {
  it('replaces the IRO: the first loses access, the history is kept', async () => {
    const sm = await f.signedIn('service.manager')
    const ok = await sm.post(`/children/${ava}/care/iro`, { iro: String(iro2) })
    expect(ok.statusCode, pageText(ok.body).slice(0, 300)).toBe(303)
    expect(await grantsOf(iro)).toEqual([
      {
        basis: 'independent_reviewing_officer',
        revoked_at: expect.any(Date),
        revoked_reason: 'Another IRO allocated: Kwame Mensah',
      },
    ])
    expect((await grantsOf(iro2)).map((g) => g.revoked_at)).toEqual([null])
    const history = await db()
      .selectFrom('care_iro_allocation')
      .select(['iro_user_id', 'to_at', 'end_reason'])
      .where('child_id', '=', ava)
      .orderBy('id')
      .execute()
    expect(history).toEqual([
      { iro_user_id: iro, to_at: expect.any(Date), end_reason: 'Replaced by Kwame Mensah' },
      { iro_user_id: iro2, to_at: null, end_reason: null },
    ])
    const asIro = await f.signedIn('iro')
    expect((await asIro.get(`/children/${ava}/care`)).statusCode).toBe(403)
    const page = pageText((await sm.get(`/children/${ava}/care`)).body)
    expect(page).toContain('Kwame Mensah, since 15 April 2026')
    expect(page).toContain('Ruth Okonjo, 15 April 2026 to 15 April 2026 (Replaced by Kwame Mensah)')
  })

  it('ends the IRO’s allocation and grant when care ends', async () => {
    const sw = await f.signedIn('social.worker')
    const ok = await sw.post(`/children/${ava}/care/end`, { ...day('end', '2026-04-15'), reason: 'E4A' })
    expect(ok.statusCode, pageText(ok.body).slice(0, 300)).toBe(303)
    expect(await grantsOf(iro2)).toEqual([
      {
        basis: 'independent_reviewing_officer',
        revoked_at: expect.any(Date),
        revoked_reason: 'The period of care ended',
      },
    ])
    const open = await db()
      .selectFrom('care_iro_allocation')
      .select('id')
      .where('child_id', '=', ava)
      .where('to_at', 'is', null)
      .execute()
    expect(open).toEqual([])
    expect(await auditOf('care.iro_end')).toEqual([expect.objectContaining({ outcome: 'allowed' })])
    // The next review's clock is cancelled with care; the minutes already went out.
    expect((await tasks()).every((x) => x[2])).toBe(true)
  })
})
