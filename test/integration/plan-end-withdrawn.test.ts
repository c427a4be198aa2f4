/**
 * A plan's proposed end waiting for a manager when the plan ends another way (issue: stale
 * sign-offs), through the pages on a fixed clock (Wednesday 20 May 2026, noon): a review
 * conference ends Ava's plan, and the receiving authority's transfer-in conference ends Leo's,
 * while each plan's end proposed by the worker waits. In the same transaction the waiting sign-off
 * is withdrawn with the reason (audited), its task leaves the manager's Sign-offs list and home
 * count, and the manager can no longer authorise it. A proposal the manager decides first is
 * untouched by the platform's withdrawal (nothing waits).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AuditContext } from '../../src/platform/audit/audit.js'
import { fixedClock } from '../../src/platform/calendar/clock.js'
import { startChildProtectionPlans } from '../../src/modules/protection/plan-service.js'
import { withdrawSignOff } from '../../src/platform/signoff/service.js'
import { openCaseWith } from '../support/frontdoor.js'
import { caseworkFactory } from '../support/casework.js'
import { pageText, type TestApp, openTestApp } from '../support/web.js'

const clock = fixedClock('2026-05-20T11:00:00Z')
const AUDIT: AuditContext = { userId: null, username: 'withdraw-test', requestId: 'withdraw-test' }
let t: TestApp
const db = () => t.database.db
let ava = 0
let leo = 0
let avaPlan = 0
let leoPlan = 0

const f = caseworkFactory(() => t)
const { signedIn, userId } = f
const person = (given: string, dob: string) => f.person({ given, family: 'Thorne', dob })

async function version(planId: number) {
  return String(
    (await db().selectFrom('cp_plan').select('version').where('id', '=', planId).executeTakeFirstOrThrow())
      .version,
  )
}

/** The worker proposes the plan's end, which waits for the team manager. */
async function proposeEnd(planId: number) {
  const b = await signedIn('social.worker')
  const res = await b.post(`/cp-plans/${planId}/end`, {
    version: await version(planId),
    'end-day': '20',
    'end-month': '5',
    'end-year': '2026',
    reason: 'no_longer_at_risk',
  })
  expect(res.statusCode, pageText(res.body).slice(0, 300)).toBe(303)
}

async function signOffOf(planId: number) {
  return db()
    .selectFrom('sign_off')
    .select(['id', 'status', 'withdrawn_by', 'withdrawn_at', 'withdraw_reason', 'decided_by'])
    .where('subject_type', '=', 'cp_plan')
    .where('subject_id', '=', String(planId))
    .orderBy('id')
    .execute()
}

async function signOffTask(planId: number) {
  return db()
    .selectFrom('task')
    .select(['stopped_at', 'closed_by'])
    .where('clock_code', '=', 'sign-off')
    .where('subject_id', '=', `cp_plan:${planId}`)
    .executeTakeFirstOrThrow()
}

/** What the team manager sees: the Sign-offs list's text and the home page's count. */
async function managerSees() {
  const m = await signedIn('team.manager')
  const list = pageText((await m.get('/worklists/sign-offs')).body)
  const home = (await m.get('/')).body
  const count = /data-testid="sign-offs-waiting">[\s\S]*?>(\d+|No) sign-off/.exec(home)?.[1] ?? 'none'
  return { list, count }
}

beforeAll(async () => {
  t = await openTestApp({ clock })
  ava = await person('Ava', '2016-05-01')
  leo = await person('Leo', '2019-09-12')
  for (const c of [ava, leo]) await openCaseWith(db(), c)
  const manager = await userId('safeguarding.manager')
  ;[avaPlan, leoPlan] = (await db()
    .transaction()
    .execute((trx) =>
      startChildProtectionPlans(
        trx,
        { db: db(), clock },
        { id: manager },
        AUDIT,
        [ava, leo].map((childId) => ({
          childId,
          conferenceId: null as unknown as number,
          startDate: '2026-03-02',
          category: 'NEG' as const,
        })),
      ),
    )) as [number, number]
}, 60_000)
afterAll(async () => t.close())

describe('a proposed end waiting when a review conference ends the plan', () => {
  it('is withdrawn with the reason in the same transaction, off the manager’s list and count', async () => {
    await proposeEnd(avaPlan)
    const before = await managerSees()
    expect(before.list).toContain('Ava Thorne')
    const waitingCount = Number(before.count)
    expect(waitingCount).toBeGreaterThanOrEqual(1)

    const b = await signedIn('social.worker')
    const arranged = await b.postMany(`/cp-plans/${avaPlan}/review-conference`, [
      ['version', await version(avaPlan)],
      ['scheduled-day', '19'],
      ['scheduled-month', '5'],
      ['scheduled-year', '2026'],
      ['scheduled-time', '10:00'],
      ['chair', String(await userId('safeguarding.manager'))],
    ])
    expect(arranged.statusCode, pageText(arranged.body).slice(0, 300)).toBe(303)
    const reviewId = Number(String(arranged.headers.location).split('/').pop())
    const held = await b.post(`/conferences/${reviewId}/held`, {
      'held-day': '19',
      'held-month': '5',
      'held-year': '2026',
      'held-time': '10:00',
      childParticipation: 'views_through_worker',
      familyParticipation: 'attended',
      [`decision-${ava}`]: 'end',
      [`endReason-${ava}`]: 'no_longer_at_risk',
    })
    expect(held.statusCode, pageText(held.body).slice(0, 300)).toBe(303)

    const plan = await db()
      .selectFrom('cp_plan')
      .select(['end_date', 'end_proposed_on'])
      .where('id', '=', avaPlan)
      .executeTakeFirstOrThrow()
    expect(plan).toEqual({ end_date: '2026-05-19', end_proposed_on: null })
    expect(await signOffOf(avaPlan)).toEqual([
      {
        id: expect.any(Number),
        status: 'withdrawn',
        withdrawn_by: await userId('social.worker'),
        withdrawn_at: new Date('2026-05-20T11:00:00Z'),
        withdraw_reason:
          'The plan ended on 19 May 2026 (no longer at continuing risk of significant harm) before the proposed end was authorised.',
        decided_by: null,
      },
    ])
    expect(await signOffTask(avaPlan)).toEqual({
      stopped_at: new Date('2026-05-20T11:00:00Z'),
      closed_by: 'cancel',
    })
    const audit = await db()
      .selectFrom('audit_event')
      .select(['action', 'record_type', 'outcome'])
      .where('child_id', '=', ava)
      .where('action', 'in', ['sign_off.withdraw', 'cp_review.record'])
      .orderBy('id')
      .execute()
    expect(audit).toEqual([
      { action: 'sign_off.withdraw', record_type: 'sign_off', outcome: 'allowed' },
      { action: 'cp_review.record', record_type: 'cp_plan', outcome: 'allowed' },
    ])
    const events = await db()
      .selectFrom('case_event')
      .select('type')
      .where('child_id', '=', ava)
      .where('type', 'like', 'sign_off.%')
      .orderBy('id')
      .execute()
    expect(events.map((e) => e.type)).toEqual(['sign_off.asked', 'sign_off.withdrawn'])

    const after = await managerSees()
    expect(after.list).not.toContain('Ava Thorne')
    expect(after.count === 'No' ? 0 : Number(after.count)).toBe(waitingCount - 1)
    // The manager can no longer authorise an end of a plan that has ended.
    const m = await signedIn('team.manager')
    expect((await m.get(`/cp-plans/${avaPlan}/end/authorisation`)).statusCode).toBe(409)
    const late = await m.post(`/cp-plans/${avaPlan}/end/authorisation`, {
      outcome: 'authorise',
      oversightNote: 'Agreed: the review conference found Ava no longer at continuing risk.',
    })
    expect(late.statusCode).toBe(409)
    expect((await signOffOf(avaPlan))[0]?.status).toBe('withdrawn')
    expect(pageText((await b.get(`/cp-plans/${avaPlan}`)).body)).toContain(
      'was withdrawn: The plan ended on 19 May 2026',
    )
  })
})

describe('a proposed end waiting when a move away ends the plan', () => {
  it('is withdrawn when the receiving authority’s conference is recorded as held', async () => {
    await proposeEnd(leoPlan)
    expect((await managerSees()).list).toContain('Leo Thorne')
    const b = await signedIn('social.worker')
    const moved = await b.post(`/cp-plans/${leoPlan}/transfer-out`, {
      version: await version(leoPlan),
      la: '882',
      'notified-day': '18',
      'notified-month': '5',
      'notified-year': '2026',
      'conference-day': '20',
      'conference-month': '5',
      'conference-year': '2026',
    })
    expect(moved.statusCode, pageText(moved.body).slice(0, 300)).toBe(303)
    const transferOut = (
      await db()
        .selectFrom('cp_transfer_out')
        .select('id')
        .where('cp_plan_id', '=', leoPlan)
        .executeTakeFirstOrThrow()
    ).id
    // While the move is pending the proposal still waits: nothing has ended yet.
    expect((await signOffOf(leoPlan)).map((s) => s.status)).toEqual(['awaiting'])
    const held = await b.post(`/cp-transfers-out/${transferOut}/held`, {
      version: await version(leoPlan),
      'held-day': '20',
      'held-month': '5',
      'held-year': '2026',
    })
    expect(held.statusCode, pageText(held.body).slice(0, 300)).toBe(303)
    const [withdrawn] = await signOffOf(leoPlan)
    expect(withdrawn?.status).toBe('withdrawn')
    expect(withdrawn?.withdraw_reason).toBe(
      'The plan ended on 20 May 2026 (transferred to another local authority) before the proposed end was authorised.',
    )
    expect((await signOffTask(leoPlan)).closed_by).toBe('cancel')
    expect((await managerSees()).list).not.toContain('Leo Thorne')
    expect(
      await db()
        .selectFrom('audit_event')
        .select('action')
        .where('child_id', '=', leo)
        .where('action', 'in', ['sign_off.withdraw', 'cp_plan.end_transferred'])
        .orderBy('id')
        .execute(),
    ).toEqual([{ action: 'sign_off.withdraw' }, { action: 'cp_plan.end_transferred' }])
  })
})

describe('withdrawSignOff', () => {
  it('writes nothing when nothing waits, and wants a reason', async () => {
    const before = await db()
      .selectFrom('audit_event')
      .select(db().fn.countAll().as('n'))
      .executeTakeFirstOrThrow()
    const none = await db()
      .transaction()
      .execute((trx) =>
        withdrawSignOff(trx, AUDIT, {
          subjectType: 'cp_plan',
          subjectId: avaPlan,
          by: 1,
          at: clock.now(),
          reason: 'Nothing waits',
        }),
      )
    expect(none).toBe(null)
    const after = await db()
      .selectFrom('audit_event')
      .select(db().fn.countAll().as('n'))
      .executeTakeFirstOrThrow()
    expect(Number(after.n)).toBe(Number(before.n))
    await expect(
      db()
        .transaction()
        .execute((trx) =>
          withdrawSignOff(trx, AUDIT, {
            subjectType: 'cp_plan',
            subjectId: avaPlan,
            by: 1,
            at: clock.now(),
            reason: ' ',
          }),
        ),
    ).rejects.toThrow('A sign-off is withdrawn with a reason')
  })
})
