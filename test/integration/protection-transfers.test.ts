/**
 * Child protection transfers between authorities through the pages, on a fixed clock (issue 14):
 * two siblings on Essex's plans notified on Monday 18 May 2026 (their 15 working days skip the
 * late May bank holiday: due Tuesday 9 June); their transfer-in conference arranged and held,
 * starting a plan for each on the conference's date; a child already on a plan refused; then one
 * of them moving on to Southend, the plan staying open until Southend's conference and ending on
 * its date. Refusals leave nothing saved.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AuditContext } from '../../src/platform/audit/audit.js'
import { fixedClock } from '../../src/platform/calendar/clock.js'
import { startChildProtectionPlans } from '../../src/modules/protection/plan-service.js'
import { openCaseWith } from '../support/frontdoor.js'
import { Browser, pageText, type TestApp, openTestApp } from '../support/web.js'

const clock = fixedClock('2026-06-03T12:00:00Z')
const AUDIT: AuditContext = { userId: null, username: 'transfer-test', requestId: 'transfer-test' }
let t: TestApp
const db = () => t.database.db
let ava = 0
let leo = 0
let zoe = 0
let transferId = 0
let conferenceId = 0
let avaPlan = 0
let transferOutId = 0

async function signedIn(username: string) {
  const b = new Browser(t.app)
  const res = await b.signIn(username)
  expect(res.statusCode, `${username} signs in`).toBe(303)
  return b
}

async function person(given: string, kind: 'child' | 'adult', dob: string) {
  const row = await db()
    .insertInto('person')
    .values({ kind, given_name: given, family_name: 'Okafor', date_of_birth: dob })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

async function tasksOf(subjectType: string, subjectId: number) {
  return db()
    .selectFrom('task')
    .select(['child_id', 'clock_code', 'due_at', 'stopped_at', 'closed_by'])
    .where('subject_type', '=', subjectType)
    .where('subject_id', '=', String(subjectId))
    .orderBy('child_id')
    .orderBy('clock_code')
    .execute()
}

const count = async (table: 'cp_transfer_in' | 'cp_transfer_out' | 'cp_plan') =>
  Number((await db().selectFrom(table).select(db().fn.countAll().as('n')).executeTakeFirstOrThrow()).n)

const notification = (extra: Record<string, string> = {}): [string, string][] =>
  Object.entries({
    la: '881',
    'notified-day': '18',
    'notified-month': '5',
    'notified-year': '2026',
    workerName: 'Grace Adeyemi',
    workerContact: '01245 000000',
    [`start-${ava}-day`]: '3',
    [`start-${ava}-month`]: '11',
    [`start-${ava}-year`]: '2025',
    [`category-${ava}`]: 'NEG',
    [`start-${leo}-day`]: '3',
    [`start-${leo}-month`]: '11',
    [`start-${leo}-year`]: '2025',
    [`category-${leo}`]: 'EMO',
    ...extra,
  })

beforeAll(async () => {
  t = await openTestApp({ clock })
  ava = await person('Ava', 'child', '2016-05-01')
  leo = await person('Leo', 'child', '2019-09-12')
  zoe = await person('Zoe', 'child', '2015-01-20')
  const mother = await person('Ruth', 'adult', '1988-03-03')
  await db()
    .insertInto('person_relationship')
    .values([
      { person_id: mother, related_person_id: ava, relationship_type: 'mother', household_member: true },
      { person_id: mother, related_person_id: leo, relationship_type: 'mother', household_member: true },
    ])
    .execute()
  for (const c of [ava, leo, zoe]) await openCaseWith(db(), c)
}, 60_000)
afterAll(async () => t.close())

describe('transfer-in', () => {
  it('refuses a notification with dates out of order, saving nothing, and keeps the answers', async () => {
    const b = await signedIn('social.worker')
    const form = await b.get(`/children/${ava}/cp-transfer-in/new`)
    expect(form.statusCode).toBe(200)
    expect(pageText(form.body)).toContain('Leo Okafor')
    const future = await b.postMany(`/children/${ava}/cp-transfer-in/new`, [
      ...notification({ 'notified-day': '4', 'notified-month': '6' }),
      ['siblings', String(leo)],
    ])
    expect(future.statusCode).toBe(400)
    expect(pageText(future.body)).toContain('Date notified must be today or in the past')
    const late = await b.postMany(`/children/${ava}/cp-transfer-in/new`, [
      ...notification({
        [`start-${leo}-month`]: '5',
        [`start-${leo}-day`]: '20',
        [`start-${leo}-year`]: '2026',
      }),
      ['siblings', String(leo)],
    ])
    expect(late.statusCode).toBe(400)
    expect(pageText(late.body)).toContain('Leo Okafor’s plan start date must be today or in the past')
    expect(late.body).toContain('Grace Adeyemi')
    expect(await count('cp_transfer_in')).toBe(0)
  })

  it('records two siblings on one notification, each with a clock due in 15 working days past the bank holiday', async () => {
    const b = await signedIn('social.worker')
    const res = await b.postMany(`/children/${ava}/cp-transfer-in/new`, [
      ...notification(),
      ['siblings', String(leo)],
    ])
    expect(res.statusCode, res.body).toBe(303)
    transferId = (await db().selectFrom('cp_transfer_in').select('id').executeTakeFirstOrThrow()).id
    expect(res.headers.location).toBe(`/cp-transfers-in/${transferId}`)
    const tasks = await tasksOf('cp_transfer_in', transferId)
    // Monday 18 May + 15 working days, Monday 25 May a bank holiday: Tuesday 9 June, end of the London day.
    expect(tasks.map((r) => [r.child_id, r.clock_code, r.due_at.toISOString(), r.stopped_at])).toEqual([
      [ava, 'cp-transfer-in-conference-15wd', '2026-06-09T22:59:59.999Z', null],
      [leo, 'cp-transfer-in-conference-15wd', '2026-06-09T22:59:59.999Z', null],
    ])
    const page = await b.get(`/cp-transfers-in/${transferId}`)
    expect(page.statusCode).toBe(200)
    expect(pageText(page.body)).toContain('Essex (881)')
    expect(pageText(page.body)).toContain('9 June 2026')
    // A second notification for the same child is refused while this one awaits its conference.
    expect((await b.get(`/children/${leo}/cp-transfer-in/new`)).statusCode).toBe(409)
  })

  it('refuses a child already on a plan here, writing nothing', async () => {
    const worker = await db()
      .selectFrom('app_user')
      .select('id')
      .where('username', '=', 'social.worker')
      .executeTakeFirstOrThrow()
    await db()
      .transaction()
      .execute((trx) =>
        startChildProtectionPlans(trx, { db: db(), clock }, worker, AUDIT, [
          { childId: zoe, conferenceId: null as unknown as number, startDate: '2026-04-01', category: 'PHY' },
        ]),
      )
    const b = await signedIn('social.worker')
    expect((await b.get(`/children/${zoe}/cp-transfer-in/new`)).statusCode).toBe(409)
    const res = await b.postMany(
      `/children/${zoe}/cp-transfer-in/new`,
      notification({
        [`start-${zoe}-day`]: '1',
        [`start-${zoe}-month`]: '1',
        [`start-${zoe}-year`]: '2026',
        [`category-${zoe}`]: 'PHY',
      }),
    )
    expect(res.statusCode).toBe(409)
    expect(await count('cp_transfer_in')).toBe(1)
  })

  it('refuses someone who may not change the children', async () => {
    const partner = await signedIn('police')
    expect([403, 404]).toContain((await partner.get(`/cp-transfers-in/${transferId}`)).statusCode)
    expect([403, 404]).toContain((await partner.get(`/cp-transfers-in/${transferId}/conference`)).statusCode)
  })

  it('arranges the conference for both children, never before the notification', async () => {
    const b = await signedIn('social.worker')
    const chair = await db()
      .selectFrom('app_user')
      .select('id')
      .where('username', '=', 'team.manager')
      .executeTakeFirstOrThrow()
    const answers = (day: string) => ({
      'scheduled-day': day,
      'scheduled-month': '5',
      'scheduled-year': '2026',
      'scheduled-time': '10:00',
      chair: String(chair.id),
    })
    const early = await b.post(`/cp-transfers-in/${transferId}/conference`, answers('15'))
    expect(early.statusCode).toBe(409)
    expect(pageText(early.body)).toContain('cannot be before the notification of the move (18 May 2026)')
    expect(await db().selectFrom('child_protection_conference').select('id').execute()).toEqual([])
    const res = await b.post(`/cp-transfers-in/${transferId}/conference`, {
      ...answers('4'),
      'scheduled-month': '6',
    })
    expect(res.statusCode, res.body).toBe(303)
    const conference = await db()
      .selectFrom('child_protection_conference')
      .select(['id', 'kind'])
      .executeTakeFirstOrThrow()
    conferenceId = conference.id
    expect(conference.kind).toBe('transfer_in')
    expect(res.headers.location).toBe(`/conferences/${conferenceId}`)
    const children = await db()
      .selectFrom('conference_child')
      .select('child_id')
      .where('conference_id', '=', conferenceId)
      .orderBy('child_id')
      .execute()
    expect(children.map((c) => c.child_id)).toEqual([ava, leo].sort((a, b) => a - b))
    // Arranged already: the form says so.
    expect((await b.get(`/cp-transfers-in/${transferId}/conference`)).statusCode).toBe(409)
  })

  it('holds it: a date before the notification is refused with nothing saved; then both plans start on its date', async () => {
    clock.set('2026-06-04T15:00:00Z')
    const b = await signedIn('social.worker')
    const held = (day: string, month: string) => ({
      'held-day': day,
      'held-month': month,
      'held-year': '2026',
      'held-time': '10:00',
      childParticipation: 'views_through_worker',
      familyParticipation: 'attended',
      [`decision-${ava}`]: 'plan',
      [`category-${ava}`]: 'NEG',
      [`decision-${leo}`]: 'plan',
      [`category-${leo}`]: 'MUL',
    })
    const early = await b.post(`/conferences/${conferenceId}/held`, held('15', '5'))
    expect(early.statusCode).toBe(409)
    expect(pageText(early.body)).toContain('cannot be before the notification of the move')
    expect(await count('cp_plan')).toBe(1)
    expect(
      (await db().selectFrom('child_protection_conference').select('held_at').executeTakeFirstOrThrow())
        .held_at,
    ).toBe(null)

    const res = await b.post(`/conferences/${conferenceId}/held`, held('4', '6'))
    expect(res.statusCode, res.body).toBe(303)
    const plans = await db()
      .selectFrom('protection_cp_plan_v')
      .select(['plan_id', 'child_id', 'referral_id', 'start_date', 'end_date', 'initial_category'])
      .where('child_id', 'in', [ava, leo])
      .orderBy('child_id')
      .execute()
    expect(plans.map(({ plan_id: _id, ...p }) => p)).toEqual(
      [
        {
          child_id: ava,
          referral_id: null,
          start_date: '2026-06-04',
          end_date: null,
          initial_category: 'NEG',
        },
        {
          child_id: leo,
          referral_id: null,
          start_date: '2026-06-04',
          end_date: null,
          initial_category: 'MUL',
        },
      ].sort((a, b) => a.child_id - b.child_id),
    )
    avaPlan = plans.find((p) => p.child_id === ava)?.plan_id as number
    const tasks = await tasksOf('cp_transfer_in', transferId)
    expect(tasks.every((r) => r.stopped_at !== null)).toBe(true)
    const page = await b.get(`/cp-transfers-in/${transferId}`)
    expect(pageText(page.body)).toContain('Started 4 June 2026')
    const record = await b.get(`/children/${ava}`)
    expect(pageText(record.body)).toMatch(/Transfer-in from Essex, notified 18 May 2026 ?, conference held/)
  })
})

describe('transfer-out', () => {
  it('records the move from the plan: a stale form refused; the plan stays open with its clocks', async () => {
    clock.set('2026-06-08T12:00:00Z')
    const b = await signedIn('social.worker')
    const plan = await b.get(`/cp-plans/${avaPlan}`)
    expect(plan.body).toContain(`/cp-plans/${avaPlan}/transfer-out`)
    const version = String(
      (await db().selectFrom('cp_plan').select('version').where('id', '=', avaPlan).executeTakeFirstOrThrow())
        .version,
    )
    const answers = {
      version,
      la: '882',
      'notified-day': '8',
      'notified-month': '6',
      'notified-year': '2026',
      'conference-day': '22',
      'conference-month': '6',
      'conference-year': '2026',
    }
    const stale = await b.post(`/cp-plans/${avaPlan}/transfer-out`, {
      ...answers,
      version: String(Number(version) - 1 || 99),
    })
    expect(stale.statusCode).toBe(409)
    expect(pageText(stale.body)).toContain('Someone else has changed this plan')
    const beforePlan = await b.post(`/cp-plans/${avaPlan}/transfer-out`, {
      ...answers,
      'notified-month': '5',
    })
    expect(beforePlan.statusCode).toBe(400)
    expect(await count('cp_transfer_out')).toBe(0)
    const res = await b.post(`/cp-plans/${avaPlan}/transfer-out`, answers)
    expect(res.statusCode, res.body).toBe(303)
    transferOutId = (await db().selectFrom('cp_transfer_out').select('id').executeTakeFirstOrThrow()).id
    expect(res.headers.location).toBe(`/cp-transfers-out/${transferOutId}`)
    const open = await db()
      .selectFrom('cp_plan')
      .select('end_date')
      .where('id', '=', avaPlan)
      .executeTakeFirstOrThrow()
    expect(open.end_date).toBe(null)
    const clocks = await tasksOf('cp_plan', avaPlan)
    expect(clocks.filter((r) => r.stopped_at === null).length).toBeGreaterThan(0)
    expect((await b.get(`/cp-plans/${avaPlan}/transfer-out`)).statusCode).toBe(409)
  })

  it('ends the plan on the date the receiving authority held its conference, stopping its clocks', async () => {
    clock.set('2026-06-23T12:00:00Z')
    const b = await signedIn('social.worker')
    const version = String(
      (await db().selectFrom('cp_plan').select('version').where('id', '=', avaPlan).executeTakeFirstOrThrow())
        .version,
    )
    const early = await b.post(`/cp-transfers-out/${transferOutId}/held`, {
      version,
      'held-day': '5',
      'held-month': '6',
      'held-year': '2026',
    })
    expect(early.statusCode).toBe(400)
    expect(pageText(early.body)).toContain('Date held must be on or after 8 June 2026')
    const future = await b.post(`/cp-transfers-out/${transferOutId}/held`, {
      version,
      'held-day': '24',
      'held-month': '6',
      'held-year': '2026',
    })
    expect(future.statusCode).toBe(400)
    const res = await b.post(`/cp-transfers-out/${transferOutId}/held`, {
      version,
      'held-day': '22',
      'held-month': '6',
      'held-year': '2026',
    })
    expect(res.statusCode, res.body).toBe(303)
    expect(res.headers.location).toBe(`/cp-plans/${avaPlan}`)
    const ended = await db()
      .selectFrom('protection_cp_plan_v')
      .select(['end_date', 'end_reason'])
      .where('plan_id', '=', avaPlan)
      .executeTakeFirstOrThrow()
    expect(ended).toEqual({ end_date: '2026-06-22', end_reason: 'transferred_out' })
    // The record's transfers: the move in, its conference held, and the move away with theirs.
    const record = pageText((await b.get(`/children/${ava}`)).body)
    expect(record).toMatch(/Transfer-in from Essex, notified 18 May 2026 ?, conference held/)
    expect(record).toMatch(/Moving to [^,]+, notified 8 June 2026 ?, their conference held 22 June 2026/)
    const clocks = await tasksOf('cp_plan', avaPlan)
    expect(clocks.every((r) => r.stopped_at !== null)).toBe(true)
    const again = await b.post(`/cp-transfers-out/${transferOutId}/held`, {
      version,
      'held-day': '22',
      'held-month': '6',
      'held-year': '2026',
    })
    expect(again.statusCode).toBe(409)
    const audit = await db()
      .selectFrom('audit_event')
      .select('action')
      .where('action', 'in', ['cp_transfer_out.conference_held', 'cp_plan.end_transferred'])
      .orderBy('id')
      .execute()
    expect(audit.map((a) => a.action)).toEqual(['cp_plan.end_transferred', 'cp_transfer_out.conference_held'])
  })
})
