/**
 * An arranged review or transfer-in conference re-arranged or cancelled through the pages, on a
 * fixed clock (Wednesday 20 May 2026, noon). Mia's plan started on Monday 2 March; her review is
 * arranged, moved (a blank or unchanged date, or one before the plan started, refused with a GOV.UK
 * error summary and nothing saved), then cancelled with a reason and arranged again; the review
 * clock never moves. Noah's transfer-in conference is arranged, moved, cancelled and arranged anew
 * from the notification, and held: the transfer-in clock runs from the notification throughout and
 * stops when the new conference is held. Each change is audited and on the chronology.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AuditContext } from '../../src/platform/audit/audit.js'
import { fixedClock } from '../../src/platform/calendar/clock.js'
import { startChildProtectionPlans } from '../../src/modules/protection/plan-service.js'
import { openCaseWith } from '../support/frontdoor.js'
import { caseworkFactory, scheduledIn2026 as when } from '../support/casework.js'
import { Browser, pageText, type TestApp, openTestApp } from '../support/web.js'

const clock = fixedClock('2026-05-20T11:00:00Z')
const AUDIT: AuditContext = { userId: null, username: 'change-test', requestId: 'change-test' }
let t: TestApp
const db = () => t.database.db
let mia = 0
let noah = 0
let miaPlan = 0

const f = caseworkFactory(() => t)
const { signedIn, userId } = f
const person = (given: string, dob: string) => f.person({ given, family: 'Ashby', dob })

async function conference(id: number) {
  return db()
    .selectFrom('child_protection_conference')
    .select(['scheduled_at', 'cancelled_at', 'cancelled_reason', 'held_at'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow()
}

async function openTasks(childId: number, clockCode: string) {
  const rows = await db()
    .selectFrom('task')
    .select(['due_at', 'stopped_at'])
    .where('child_id', '=', childId)
    .where('clock_code', '=', clockCode)
    .orderBy('id')
    .execute()
  return rows.map((r) => [r.due_at.toISOString(), r.stopped_at])
}

async function actions(childId: number) {
  const rows = await db()
    .selectFrom('audit_event')
    .select('action')
    .where('child_id', '=', childId)
    .where('action', 'in', ['conference.arrange', 'conference.rearrange', 'conference.cancel'])
    .orderBy('id')
    .execute()
  return rows.map((r) => r.action)
}

beforeAll(async () => {
  t = await openTestApp({ clock })
  mia = await person('Mia', '2017-04-04')
  noah = await person('Noah', '2018-08-08')
  for (const c of [mia, noah]) await openCaseWith(db(), c)
  const manager = await userId('safeguarding.manager')
  ;[miaPlan] = (await db()
    .transaction()
    .execute((trx) =>
      startChildProtectionPlans(trx, { db: db(), clock }, { id: manager }, AUDIT, [
        { childId: mia, conferenceId: null as unknown as number, startDate: '2026-03-02', category: 'NEG' },
      ]),
    )) as [number]
}, 60_000)
afterAll(async () => t.close())

describe('a review conference', () => {
  let reviewId = 0
  let reviewClock: unknown[][] = []

  const arrangeReview = async (b: Browser, d: string, m: string) => {
    const version = (
      await db().selectFrom('cp_plan').select('version').where('id', '=', miaPlan).executeTakeFirstOrThrow()
    ).version
    return b.post(`/cp-plans/${miaPlan}/review-conference`, {
      version: String(version),
      ...when(d, m),
      chair: String(await userId('safeguarding.manager')),
    })
  }

  it('is re-arranged to another date, with errors shown and nothing saved when the date is wrong', async () => {
    const b = await signedIn('social.worker')
    const arranged = await arrangeReview(b, '28', '5')
    expect(arranged.statusCode, pageText(arranged.body).slice(0, 300)).toBe(303)
    reviewId = Number(String(arranged.headers.location).split('/').pop())
    reviewClock = await openTasks(mia, 'cp-review-first-3m')
    expect(reviewClock).toHaveLength(1)
    const page = await b.get(`/conferences/${reviewId}`)
    expect(page.body).toContain('data-testid="change-conference"')

    const form = await b.get(`/conferences/${reviewId}/rearrange`)
    expect(form.statusCode).toBe(200)
    expect(pageText(form.body)).toContain('Re-arrange the review child protection conference')
    const blank = await b.post(`/conferences/${reviewId}/rearrange`, { 'scheduled-time': '' })
    expect(blank.statusCode).toBe(400)
    expect(blank.body).toContain('<title>Error:')
    expect(blank.body).toContain('govuk-error-summary')
    expect(pageText(blank.body)).toContain('Enter the new date of the conference')
    const same = await b.post(`/conferences/${reviewId}/rearrange`, when('28', '5'))
    expect(same.statusCode).toBe(400)
    expect(pageText(same.body)).toContain('the conference is already arranged for then')
    const early = await b.post(`/conferences/${reviewId}/rearrange`, when('1', '3'))
    expect(early.statusCode).toBe(409)
    expect(pageText(early.body)).toContain('There is a problem')
    expect((await conference(reviewId)).scheduled_at).toEqual(new Date('2026-05-28T09:00:00Z'))

    const moved = await b.post(`/conferences/${reviewId}/rearrange`, when('1', '6', '14:30'))
    expect(moved.statusCode, pageText(moved.body).slice(0, 300)).toBe(303)
    expect((await conference(reviewId)).scheduled_at).toEqual(new Date('2026-06-01T13:30:00Z'))
    expect(pageText((await b.get(`/conferences/${reviewId}`)).body)).toContain(
      'Conference re-arranged for 1 June 2026',
    )
    // The review clock runs from the plan's start: moving the conference does not move it.
    expect(await openTasks(mia, 'cp-review-first-3m')).toEqual(reviewClock)
    const events = await db()
      .selectFrom('case_event')
      .select('summary')
      .where('child_id', '=', mia)
      .where('type', '=', 'conference.rearranged')
      .execute()
    expect(events).toEqual([
      { summary: 'Review child protection conference re-arranged from 28 May 2026 to 1 June 2026' },
    ])
  })

  it('is cancelled with a reason (kept on the record), and another can be arranged', async () => {
    const b = await signedIn('social.worker')
    const blank = await b.post(`/conferences/${reviewId}/cancel`, { reason: ' ' })
    expect(blank.statusCode).toBe(400)
    expect(pageText(blank.body)).toContain('Enter why the conference is cancelled')
    expect((await conference(reviewId)).cancelled_at).toBe(null)
    // A partner cannot.
    expect([403, 404]).toContain(
      (await (await signedIn('police')).post(`/conferences/${reviewId}/cancel`, { reason: 'No' })).statusCode,
    )
    const res = await b.post(`/conferences/${reviewId}/cancel`, {
      reason: 'The chair is ill; to be re-booked.',
    })
    expect(res.statusCode, pageText(res.body).slice(0, 300)).toBe(303)
    expect(await conference(reviewId)).toMatchObject({
      cancelled_at: new Date('2026-05-20T11:00:00Z'),
      cancelled_reason: 'The chair is ill; to be re-booked.',
      held_at: null,
    })
    const page = pageText((await b.get(`/conferences/${reviewId}`)).body)
    expect(page).toContain('Cancelled')
    expect(page).toContain('The chair is ill; to be re-booked.')
    expect(await openTasks(mia, 'cp-review-first-3m')).toEqual(reviewClock)
    // Cancelled: it is not moved, cancelled again or recorded as held.
    expect((await b.get(`/conferences/${reviewId}/rearrange`)).statusCode).toBe(409)
    expect((await b.post(`/conferences/${reviewId}/cancel`, { reason: 'Again' })).statusCode).toBe(409)
    expect((await b.get(`/conferences/${reviewId}/held`)).statusCode).toBe(409)
    const again = await arrangeReview(b, '2', '6')
    expect(again.statusCode, pageText(again.body).slice(0, 300)).toBe(303)
    expect(await actions(mia)).toEqual([
      'conference.arrange',
      'conference.rearrange',
      'conference.cancel',
      'conference.arrange',
    ])
  })
})

describe('a transfer-in conference', () => {
  it('is moved, cancelled and arranged anew from the notification; the clock runs from the notification until one is held', async () => {
    const b = await signedIn('social.worker')
    const notified = await b.post(`/children/${noah}/cp-transfer-in/new`, {
      la: '881',
      'notified-day': '18',
      'notified-month': '5',
      'notified-year': '2026',
      workerName: 'Jo Reeve',
      workerContact: '01245 000000',
      [`start-${noah}-day`]: '3',
      [`start-${noah}-month`]: '11',
      [`start-${noah}-year`]: '2025',
      [`category-${noah}`]: 'NEG',
    })
    expect(notified.statusCode, pageText(notified.body).slice(0, 300)).toBe(303)
    const transferPage = String(notified.headers.location)
    const chair = String(await userId('team.manager'))
    const arranged = await b.post(`${transferPage}/conference`, { ...when('26', '5'), chair })
    expect(arranged.statusCode, pageText(arranged.body).slice(0, 300)).toBe(303)
    const first = Number(String(arranged.headers.location).split('/').pop())
    // Monday 18 May + 15 working days (25 May a bank holiday): Tuesday 9 June.
    const due = [['2026-06-09T22:59:59.999Z', null]]
    expect(await openTasks(noah, 'cp-transfer-in-conference-15wd')).toEqual(due)

    const early = await b.post(`/conferences/${first}/rearrange`, when('15', '5'))
    expect(early.statusCode).toBe(409)
    expect(pageText(early.body)).toContain('cannot be before the notification of the move (18 May 2026)')
    expect((await b.post(`/conferences/${first}/rearrange`, when('27', '5'))).statusCode).toBe(303)
    expect((await conference(first)).scheduled_at).toEqual(new Date('2026-05-27T09:00:00Z'))
    expect(
      (await b.post(`/conferences/${first}/cancel`, { reason: 'The family has not yet moved in.' }))
        .statusCode,
    ).toBe(303)
    expect(await openTasks(noah, 'cp-transfer-in-conference-15wd')).toEqual(due)
    const notice = pageText((await b.get(transferPage)).body)
    expect(notice).toContain('cancelled: The family has not yet moved in.')
    expect(notice).toContain('Arrange a new transfer-in conference')
    // The notification still awaits its conference: no second notification (and clock) for Noah.
    expect((await b.get(`/children/${noah}/cp-transfer-in/new`)).statusCode).toBe(409)

    const anew = await b.post(`${transferPage}/conference`, { ...when('3', '6'), chair })
    expect(anew.statusCode, pageText(anew.body).slice(0, 300)).toBe(303)
    const second = Number(String(anew.headers.location).split('/').pop())
    expect(second).not.toBe(first)
    clock.set('2026-06-03T15:00:00Z')
    const held = await b.post(`/conferences/${second}/held`, {
      'held-day': '3',
      'held-month': '6',
      'held-year': '2026',
      'held-time': '10:00',
      childParticipation: 'views_through_worker',
      familyParticipation: 'attended',
      [`decision-${noah}`]: 'plan',
      [`category-${noah}`]: 'NEG',
    })
    expect(held.statusCode, pageText(held.body).slice(0, 300)).toBe(303)
    const [stopped] = await openTasks(noah, 'cp-transfer-in-conference-15wd')
    expect(stopped?.[1]).not.toBe(null)
    expect(await actions(noah)).toEqual([
      'conference.arrange',
      'conference.rearrange',
      'conference.cancel',
      'conference.arrange',
    ])
    clock.set('2026-05-20T11:00:00Z')
  })
})
