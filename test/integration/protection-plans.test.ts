/**
 * Child protection plans through the service the conference calls and through the plan's pages,
 * on a fixed clock (Friday 20 March 2026, noon): two siblings' plans started by one initial
 * conference on Monday 2 March; a second plan refused with nothing written; an action added,
 * overdue on the worklists and delivered; two people editing one plan (the second told, nothing
 * overwritten); a core group, a visit and a review conference moving their clocks on; who may
 * and may not; and the plan's end stopping every clock.
 */
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AuditContext } from '../../src/platform/audit/audit.js'
import { fixedClock } from '../../src/platform/calendar/clock.js'
import {
  recordReviewConference,
  startChildProtectionPlans,
} from '../../src/modules/protection/plan-service.js'
import { openCaseWith } from '../support/frontdoor.js'
import { Browser, pageText, type TestApp, openTestApp } from '../support/web.js'

const clock = fixedClock('2026-03-20T12:00:00Z')
const AUDIT: AuditContext = { userId: null, username: 'conference-test', requestId: 'conference-test' }
let t: TestApp
const db = () => t.database.db
const deps = () => ({ db: db(), clock })
let ava = 0
let leo = 0
let zoe = 0
let worker = 0
let manager = 0
let avaPlan = 0
let leoPlan = 0

async function signedIn(username: string) {
  const b = new Browser(t.app)
  await b.signIn(username)
  return b
}

async function userId(username: string) {
  const row = await db()
    .selectFrom('app_user')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow()
  return row.id
}

async function child(given: string) {
  const row = await db()
    .insertInto('person')
    .values({ kind: 'child', given_name: given, family_name: 'Marsh', date_of_birth: '2017-06-01' })
    .returning('id')
    .executeTakeFirstOrThrow()
  await openCaseWith(db(), row.id)
  return row.id
}

async function tasksOf(subjectType: string, subjectId: number) {
  const rows = await db()
    .selectFrom('task')
    .select(['clock_code', 'due_at', 'stopped_at', 'closed_by', 'assigned_user_id', 'assigned_team_id'])
    .where('subject_type', '=', subjectType)
    .where('subject_id', '=', String(subjectId))
    .orderBy('started_at')
    .orderBy('clock_code')
    .execute()
  return rows.map((r) => ({ ...r, due_at: r.due_at.toISOString() }))
}

const openTasks = async (subjectType: string, id: number) =>
  (await tasksOf(subjectType, id)).filter((r) => r.stopped_at === null).map((r) => [r.clock_code, r.due_at])

async function version(planId: number) {
  const row = await db()
    .selectFrom('cp_plan')
    .select('version')
    .where('id', '=', planId)
    .executeTakeFirstOrThrow()
  return String(row.version)
}

const start = (plans: Parameters<typeof startChildProtectionPlans>[4]) =>
  db()
    .transaction()
    .execute((trx) => startChildProtectionPlans(trx, deps(), { id: worker }, AUDIT, plans))

beforeAll(async () => {
  t = await openTestApp({ clock })
  ava = await child('Ava')
  leo = await child('Leo')
  zoe = await child('Zoe')
  worker = await userId('social.worker')
  // The conferences the plans and reviews below come from (each plan names its conference).
  manager = await userId('team.manager')
  await sql`
    insert into child_protection_conference (id, kind, scheduled_at, chair_id, arranged_by, arranged_at)
    overriding system value
    select id, kind, '2026-03-02T10:00:00Z', ${manager}, ${manager}, '2026-02-20T10:00:00Z'
      from (values (501, 'initial'), (502, 'initial'), (503, 'initial'),
                   (601, 'review'), (602, 'review'), (603, 'review')) as c (id, kind)`.execute(db())
}, 60_000)
afterAll(async () => t.close())

describe('starting plans at the initial conference', () => {
  it('starts a plan for each sibling on the conference’s date, with its clocks on the allocated worker’s and team’s lists', async () => {
    ;[avaPlan, leoPlan] = (await start([
      { childId: ava, conferenceId: 501, startDate: '2026-03-02', category: 'NEG', referralId: null },
      { childId: leo, conferenceId: 501, startDate: '2026-03-02', category: 'EMO' },
    ])) as [number, number]
    const tasks = await tasksOf('cp_plan', avaPlan)
    // 10 working days from Monday 2 March is Monday 16 March; 3 months is 2 June (end of the London day).
    expect(tasks.map((r) => [r.clock_code, r.due_at])).toEqual([
      ['core-group-first-10wd', '2026-03-16T23:59:59.999Z'],
      ['cp-review-first-3m', '2026-06-02T22:59:59.999Z'],
      ['cp-visit-10wd', '2026-03-16T23:59:59.999Z'],
    ])
    expect(new Set(tasks.map((r) => r.assigned_user_id))).toEqual(new Set([worker]))
    expect(tasks.every((r) => r.assigned_team_id !== null)).toBe(true)
    const published = await db()
      .selectFrom('protection_cp_plan_v')
      .selectAll()
      .where('child_id', 'in', [ava, leo])
      .orderBy('plan_id')
      .execute()
    expect(published).toEqual([
      {
        plan_id: avaPlan,
        child_id: ava,
        referral_id: null,
        start_date: '2026-03-02',
        end_date: null,
        initial_category: 'NEG',
        latest_category: 'NEG',
        end_reason: null,
      },
      {
        plan_id: leoPlan,
        child_id: leo,
        referral_id: null,
        start_date: '2026-03-02',
        end_date: null,
        initial_category: 'EMO',
        latest_category: 'EMO',
        end_reason: null,
      },
    ])
    const events = await db()
      .selectFrom('case_event')
      .select(['type', 'summary'])
      .where('subject_type', '=', 'cp_plan')
      .where('subject_id', '=', String(avaPlan))
      .execute()
    expect(events).toEqual([{ type: 'cp_plan.started', summary: 'Child protection plan started: neglect' }])
  })

  it('refuses a second open plan for a child already on one, writing nothing for any child of the conference', async () => {
    await expect(
      start([
        { childId: zoe, conferenceId: 502, startDate: '2026-03-19', category: 'PHY' },
        { childId: ava, conferenceId: 502, startDate: '2026-03-19', category: 'PHY' },
      ]),
    ).rejects.toThrow(/already on a child protection plan/)
    const zoePlans = await db().selectFrom('cp_plan').select('id').where('child_id', '=', zoe).execute()
    expect(zoePlans).toEqual([])
    await expect(
      start([{ childId: zoe, conferenceId: 502, startDate: '2026-03-19', category: 'XYZ' as 'NEG' }]),
    ).rejects.toThrow(/category/)
  })
})

describe('the plan’s pages', () => {
  it('shows the plan on the child’s record and its own page', async () => {
    const b = await signedIn('social.worker')
    const record = pageText((await b.get(`/children/${ava}`)).body)
    expect(record).toContain('Child protection plans')
    expect(record).toContain('Plan from 2 March 2026 (open)')
    const page = await b.get(`/cp-plans/${avaPlan}`)
    expect(page.statusCode).toBe(200)
    const text = pageText(page.body)
    expect(text).toContain('Initial category of abuse Neglect')
    expect(text).toContain('First core group meeting held: by 16 March 2026')
    expect(text).toContain('Add an action')
  })

  it('adds an action under a new outcome; bad answers save nothing; the action is on the worklists until delivered', async () => {
    const b = await signedIn('social.worker')
    const bad = await b.post(`/cp-plans/${avaPlan}/actions/new`, {
      version: await version(avaPlan),
      outcomeId: 'new',
      newOutcome: 'Ava is at school every day',
    })
    expect(bad.statusCode).toBe(400)
    expect(pageText(bad.body)).toContain('There is a problem')
    expect(pageText(bad.body)).toContain('Enter what is to be done')
    expect(pageText(bad.body)).toContain('Ava is at school every day') // kept
    expect(
      await db().selectFrom('cp_plan_outcome').select('id').where('cp_plan_id', '=', avaPlan).execute(),
    ).toEqual([])
    const res = await b.post(`/cp-plans/${avaPlan}/actions/new`, {
      version: await version(avaPlan),
      outcomeId: 'new',
      newOutcome: 'Ava is at school every day',
      action: 'Walk Ava to school each morning',
      ownerKind: 'agency',
      ownerName: 'Family support service',
      'due-day': '18',
      'due-month': '3',
      'due-year': '2026',
    })
    expect(res.statusCode, res.body).toBe(303)
    expect(res.headers.location).toBe(`/cp-plans/${avaPlan}`)
    const [action] = await db()
      .selectFrom('cp_plan_action')
      .select(['id', 'status'])
      .orderBy('id', 'desc')
      .limit(1)
      .execute()
    const actionId = Number(action?.id)
    // Due on 18 March, not delivered on the 20th: overdue on the worker's and the team's lists.
    const tasks = await tasksOf('cp_plan_action', actionId)
    expect(tasks).toMatchObject([
      {
        clock_code: 'cp-plan-action-due',
        due_at: '2026-03-18T23:59:59.999Z',
        stopped_at: null,
        assigned_user_id: worker,
      },
    ])
    expect(tasks[0]?.assigned_team_id).not.toBeNull()
    const page = pageText((await b.get(`/cp-plans/${avaPlan}`)).body)
    expect(page).toContain(
      'Walk Ava to school each morning Family support service (agency) 18 March 2026 Overdue',
    )
    expect((await b.get(`/cp-plan-actions/${actionId}`)).headers.location).toBe(
      `/cp-plans/${avaPlan}#action-${actionId}`,
    )
    // On the worker's own list and the team manager's, linking to the plan.
    expect(pageText((await b.get('/worklist')).body)).toContain('Child protection plan action due')
    const manager = await signedIn('team.manager')
    const team = await manager.get('/worklist?status=overdue')
    expect(team.body).toContain(`/cp-plan-actions/${actionId}`)

    const delivered = await b.post(`/cp-plans/${avaPlan}/actions/${actionId}`, {
      version: await version(avaPlan),
      status: 'delivered',
      'delivered-day': '19',
      'delivered-month': '3',
      'delivered-year': '2026',
    })
    expect(delivered.statusCode, delivered.body).toBe(303)
    expect(await tasksOf('cp_plan_action', actionId)).toMatchObject([{ closed_by: 'stop' }])
    expect(pageText((await b.get(`/cp-plans/${avaPlan}`)).body)).toContain('Delivered on 19 March 2026')
    // Recorded once: the form now says so.
    expect((await b.get(`/cp-plans/${avaPlan}/actions/${actionId}`)).statusCode).toBe(409)
  })

  it('tells the second of two people editing the plan that it changed, and overwrites nothing', async () => {
    const first = await signedIn('social.worker')
    const second = await signedIn('team.manager')
    const shownTo = await version(avaPlan)
    const action = (what: string) => ({
      version: shownTo,
      outcomeId: 'new',
      newOutcome: 'Ava’s home is warm and clean',
      action: what,
      ownerKind: 'person',
      ownerName: 'Jo Marsh (mother)',
      'due-day': '10',
      'due-month': '4',
      'due-year': '2026',
    })
    expect((await first.post(`/cp-plans/${avaPlan}/actions/new`, action('Buy a heater'))).statusCode).toBe(
      303,
    )
    const clash = await second.post(`/cp-plans/${avaPlan}/actions/new`, action('Fix the boiler'))
    expect(clash.statusCode).toBe(409)
    const text = pageText(clash.body)
    expect(text).toContain('There is a problem')
    expect(text).toContain('Someone else has changed this plan since you opened this page')
    expect(text).toContain('Fix the boiler') // their answers kept
    const actions = await db()
      .selectFrom('cp_plan_action')
      .select('action')
      .where('action', 'in', ['Buy a heater', 'Fix the boiler'])
      .execute()
    expect(actions).toEqual([{ action: 'Buy a heater' }])
  })

  it('records a core group: the first is met and the next is due 4 weeks later', async () => {
    const b = await signedIn('social.worker')
    const [action] = await db()
      .selectFrom('cp_plan_action')
      .select('id')
      .where('action', '=', 'Buy a heater')
      .execute()
    const res = await b.postMany(`/cp-plans/${avaPlan}/core-groups/new`, [
      ['version', await version(avaPlan)],
      ['held-day', '13'],
      ['held-month', '3'],
      ['held-year', '2026'],
      ['attended', 'social_care'],
      ['attended', 'health'],
      ['attended', 'education'],
      [`progress-${action?.id}`, 'Heater ordered'],
      ['notes', 'School reports better attendance.'],
    ])
    expect(res.statusCode, res.body).toBe(303)
    expect(await openTasks('cp_plan', avaPlan)).toEqual([
      ['cp-review-first-3m', '2026-06-02T22:59:59.999Z'],
      ['cp-visit-10wd', '2026-03-16T23:59:59.999Z'],
      ['core-group-4w', '2026-04-10T22:59:59.999Z'],
    ])
    const page = pageText((await b.get(`/cp-plans/${avaPlan}`)).body)
    expect(page).toContain('social care, Health, Education')
    expect(page).toContain('Progress: Buy a heater Heater ordered')
  })

  it('records a visit, seen alone and unannounced: the next is due 10 working days later', async () => {
    const b = await signedIn('social.worker')
    const bad = await b.post(`/cp-plans/${avaPlan}/visits/new`, {
      version: await version(avaPlan),
      'visited-day': '1',
      'visited-month': '3',
      'visited-year': '2026',
      'visited-time': '10:00',
      seen: 'yes',
      announced: 'no',
    })
    expect(bad.statusCode).toBe(400)
    expect(pageText(bad.body)).toContain('Date of the visit must be on or after the plan started')
    const res = await b.post(`/cp-plans/${avaPlan}/visits/new`, {
      version: await version(avaPlan),
      'visited-day': '19',
      'visited-month': '3',
      'visited-year': '2026',
      'visited-time': '16:30',
      whoPresent: 'Ava and her mother',
      seen: 'yes',
      seenAlone: 'yes',
      announced: 'no',
    })
    expect(res.statusCode, res.body).toBe(303)
    const visits = await db()
      .selectFrom('protection_cp_visit_v')
      .selectAll()
      .where('plan_id', '=', avaPlan)
      .execute()
    expect(visits).toEqual([
      {
        plan_id: avaPlan,
        child_id: ava,
        visited_at: new Date('2026-03-19T16:30:00Z'),
        seen: true,
        seen_alone: true,
      },
    ])
    expect((await openTasks('cp_plan', avaPlan)).find((t) => t[0] === 'cp-visit-10wd')).toEqual([
      'cp-visit-10wd',
      '2026-04-02T22:59:59.999Z',
    ])
  })

  it('refuses people with no part in the case, and audits the refusal', async () => {
    const police = await signedIn('police')
    expect([403, 404]).toContain((await police.get(`/cp-plans/${avaPlan}`)).statusCode)
    const other = await signedIn('social.worker2')
    const res = await other.post(`/cp-plans/${avaPlan}/end`, {
      version: await version(avaPlan),
      'end-day': '20',
      'end-month': '3',
      'end-year': '2026',
      reason: 'other',
    })
    expect(res.statusCode).toBe(403)
    const denied = await db()
      .selectFrom('audit_event')
      .select(['action', 'outcome'])
      .where('child_id', '=', ava)
      .where('outcome', '=', 'denied')
      .execute()
    expect(denied.length).toBeGreaterThan(0)
    expect(
      (await db().selectFrom('cp_plan').select('end_date').where('id', '=', avaPlan).executeTakeFirst())
        ?.end_date,
    ).toBeNull()
  })
})

describe('review conferences and the plan’s end', () => {
  it('a review continuing the plan records the latest category, and the next review is due 6 months on', async () => {
    await db()
      .transaction()
      .execute((trx) =>
        recordReviewConference(trx, deps(), { id: worker }, AUDIT, {
          planId: leoPlan,
          conferenceId: 601,
          heldOn: '2026-03-18',
          outcome: { continue: true, latestCategory: 'MUL' },
        }),
      )
    expect(
      await db().selectFrom('protection_cp_review_v').selectAll().where('plan_id', '=', leoPlan).execute(),
    ).toEqual([{ plan_id: leoPlan, child_id: leo, review_date: '2026-03-18' }])
    const plan = await db()
      .selectFrom('protection_cp_plan_v')
      .selectAll()
      .where('plan_id', '=', leoPlan)
      .executeTakeFirstOrThrow()
    expect([plan.initial_category, plan.latest_category]).toEqual(['EMO', 'MUL'])
    expect((await openTasks('cp_plan', leoPlan)).find((t) => String(t[0]).startsWith('cp-review'))).toEqual([
      'cp-review-6m',
      '2026-09-18T22:59:59.999Z',
    ])
    await expect(
      db()
        .transaction()
        .execute((trx) =>
          recordReviewConference(trx, deps(), { id: worker }, AUDIT, {
            planId: leoPlan,
            conferenceId: 602,
            heldOn: '2026-03-01',
            outcome: { continue: true, latestCategory: 'MUL' },
          }),
        ),
    ).rejects.toThrow(/on or after the date the plan started/)
  })

  it('a review ending the plan ends it on the review’s date, stopping every clock', async () => {
    await db()
      .transaction()
      .execute((trx) =>
        recordReviewConference(trx, deps(), { id: worker }, AUDIT, {
          planId: leoPlan,
          conferenceId: 603,
          heldOn: '2026-03-20',
          outcome: { continue: false, endReason: 'no_longer_at_risk' },
        }),
      )
    const plan = await db()
      .selectFrom('protection_cp_plan_v')
      .selectAll()
      .where('plan_id', '=', leoPlan)
      .executeTakeFirstOrThrow()
    expect([plan.end_date, plan.end_reason]).toEqual(['2026-03-20', 'no_longer_at_risk'])
    expect(await openTasks('cp_plan', leoPlan)).toEqual([])
  })

  it('the worker proposes the end with a reason (an end before the start is refused); the manager returns it, then authorises it: every clock and open action stops', async () => {
    const b = await signedIn('social.worker')
    const before = await b.post(`/cp-plans/${avaPlan}/end`, {
      version: await version(avaPlan),
      'end-day': '1',
      'end-month': '3',
      'end-year': '2026',
      reason: 'transferred_out',
    })
    expect(before.statusCode).toBe(400)
    expect(pageText(before.body)).toContain('End date must be on or after the date the plan started')
    const propose = async () => {
      const res = await b.post(`/cp-plans/${avaPlan}/end`, {
        version: await version(avaPlan),
        'end-day': '20',
        'end-month': '3',
        'end-year': '2026',
        reason: 'transferred_out',
      })
      expect(res.statusCode, res.body).toBe(303)
    }
    const planRow = () =>
      db().selectFrom('cp_plan').selectAll().where('id', '=', avaPlan).executeTakeFirstOrThrow()
    await propose()
    // Waiting: the plan is open, the end proposed; the worker cannot authorise it (a manager's step).
    expect((await planRow()).end_date).toBe(null)
    expect((await planRow()).end_proposed_on).toBe('2026-03-20')
    const note = {
      outcome: 'authorise',
      oversightNote: 'The family has moved; the receiving authority has the plan and reports.',
    }
    expect((await b.post(`/cp-plans/${avaPlan}/end/authorisation`, note)).statusCode).toBe(403)
    const m = await signedIn('team.manager')
    const back = await m.post(`/cp-plans/${avaPlan}/end/authorisation`, {
      outcome: 'return',
      returnReason: 'Confirm the transfer-in conference date first.',
    })
    expect(back.statusCode, back.body).toBe(303)
    expect([(await planRow()).end_date, (await planRow()).end_proposed_on]).toEqual([null, null])
    expect(pageText((await b.get(`/cp-plans/${avaPlan}`)).body)).toContain(
      'Confirm the transfer-in conference date first.',
    )
    await propose()
    const ok = await m.post(`/cp-plans/${avaPlan}/end/authorisation`, note)
    expect(ok.statusCode, ok.body).toBe(303)
    const plan = await planRow()
    // The plan ends on the proposed date; the manager who authorised it ended it.
    expect([plan.end_date, plan.end_reason, plan.ended_by]).toEqual([
      '2026-03-20',
      'transferred_out',
      manager,
    ])
    expect(await openTasks('cp_plan', avaPlan)).toEqual([])
    const [heater] = await db()
      .selectFrom('cp_plan_action')
      .select('id')
      .where('action', '=', 'Buy a heater')
      .execute()
    expect(await tasksOf('cp_plan_action', Number(heater?.id))).toMatchObject([{ closed_by: 'cancel' }])
    const page = pageText((await b.get(`/cp-plans/${avaPlan}`)).body)
    expect(page).toContain('Why it ended Transferred to another local authority')
    expect(page).not.toContain('Add an action')
    expect((await b.get(`/cp-plans/${avaPlan}/visits/new`)).statusCode).toBe(409)
    // A new plan may start now the old one has ended.
    const [again] = await start([
      { childId: ava, conferenceId: 503, startDate: '2026-03-20', category: 'PHY' },
    ])
    expect(again).toBeGreaterThan(avaPlan)
  })
})

describe('two plans started for one child at the same moment', () => {
  const ALREADY = 'This child is already on a child protection plan: end that plan before starting another'
  const planFor = (childId: number) => [
    { childId, conferenceId: 502, startDate: '2026-03-02', category: 'NEG' as const },
  ]
  const written = async (childId: number) => ({
    plans: (await db().selectFrom('cp_plan').select('id').where('child_id', '=', childId).execute()).length,
    audited: (
      await db()
        .selectFrom('audit_event')
        .select('id')
        .where('action', '=', 'cp_plan.start')
        .where('child_id', '=', childId)
        .execute()
    ).length,
  })

  it('starts one and refuses the other as already on a plan when the second starts before the first commits', async () => {
    const kit = await child('Kit')
    let inserted!: () => void
    let release!: () => void
    const firstInserted = new Promise<void>((r) => (inserted = r))
    const held = new Promise<void>((r) => (release = r))
    // The first has written its plan and holds its transaction open…
    const first = db()
      .transaction()
      .execute(async (trx) => {
        const ids = await startChildProtectionPlans(trx, deps(), { id: worker }, AUDIT, planFor(kit))
        inserted()
        await held
        return ids
      })
    await firstInserted
    // …while the second finds no open plan it can see and inserts too (on PostgreSQL it waits on
    // the unique index; on PGlite, one connection, for the first to commit).
    const second = start(planFor(kit)).then(
      () => 'started',
      (err: Error) => err.message,
    )
    await new Promise((r) => setTimeout(r, 300))
    release()
    expect(await first).toHaveLength(1)
    expect(await second).toBe(ALREADY)
    expect(await written(kit)).toEqual({ plans: 1, audited: 1 })
  })

  it('starts one and refuses the other when both are sent at once', async () => {
    const max = await child('Max')
    const outcomes = await Promise.allSettled([start(planFor(max)), start(planFor(max))])
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected'])
    const refused = outcomes.find((o) => o.status === 'rejected')
    expect((refused as PromiseRejectedResult).reason).toMatchObject({ message: ALREADY })
    expect(await written(max)).toEqual({ plans: 1, audited: 1 })
  })
})
