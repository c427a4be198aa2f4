/**
 * Review child protection conferences through the pages, on a fixed clock (Wednesday 20 May 2026,
 * noon): a brother and sister on plans from an initial conference on Monday 2 March. The review
 * is arranged from Ava's plan with Leo (the first review due by 2 June); the police and a health
 * visitor are invited (expiring grants) and the officer sends a report; the review is held with
 * Ava's plan continuing and Leo's ending on the review's date, the clocks moving on or stopping.
 * Refused with nothing saved: a date before the plans started, a stale form, a manager without
 * the case, a review for a child whose plan has ended meanwhile, a missing reason.
 */
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AuditContext } from '../../src/platform/audit/audit.js'
import { fixedClock } from '../../src/platform/calendar/clock.js'
import { startChildProtectionPlans } from '../../src/modules/protection/plan-service.js'
import { openCaseWith } from '../support/frontdoor.js'
import { Browser, pageText, type TestApp, openTestApp } from '../support/web.js'

const clock = fixedClock('2026-05-20T11:00:00Z')
const AUDIT: AuditContext = { userId: null, username: 'review-test', requestId: 'review-test' }
let t: TestApp
const db = () => t.database.db
let ava = 0
let leo = 0
let zoe = 0
let avaPlan = 0
let leoPlan = 0
let zoePlan = 0
let reviewId = 0
let policeInvitation = 0
let healthInvitation = 0

async function signedIn(username: string) {
  const b = new Browser(t.app)
  const res = await b.signIn(username)
  expect(res.statusCode, `${username} signs in`).toBe(303)
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

async function person(given: string, kind: 'child' | 'adult', dob: string) {
  const row = await db()
    .insertInto('person')
    .values({ kind, given_name: given, family_name: 'Marlowe', date_of_birth: dob })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

async function version(planId: number) {
  const row = await db()
    .selectFrom('cp_plan')
    .select('version')
    .where('id', '=', planId)
    .executeTakeFirstOrThrow()
  return String(row.version)
}

async function reviewConferences() {
  return db().selectFrom('child_protection_conference').select('id').where('kind', '=', 'review').execute()
}

async function openTasks(planId: number) {
  const rows = await db()
    .selectFrom('task')
    .select(['clock_code', 'due_at'])
    .where('subject_type', '=', 'cp_plan')
    .where('subject_id', '=', String(planId))
    .where('stopped_at', 'is', null)
    .orderBy('clock_code')
    .execute()
  return rows.map((r) => [r.clock_code, r.due_at.toISOString()])
}

const arrange = async (b: Browser, planId: number, extra: [string, string][]) =>
  b.postMany(`/cp-plans/${planId}/review-conference`, [
    ['version', await version(planId)],
    ['scheduled-time', '10:00'],
    ['chair', String(await userId('safeguarding.manager'))],
    ...extra,
  ])

const day = (d: number, m: number): [string, string][] => [
  ['scheduled-day', String(d)],
  ['scheduled-month', String(m)],
  ['scheduled-year', '2026'],
]

beforeAll(async () => {
  t = await openTestApp({ clock })
  ava = await person('Ava', 'child', '2016-05-01')
  leo = await person('Leo', 'child', '2019-09-12')
  zoe = await person('Zoe', 'child', '2021-01-30')
  const mother = await person('Sophie', 'adult', '1990-02-02')
  await db()
    .insertInto('person_relationship')
    .values(
      [ava, leo, zoe].map((c) => ({
        person_id: mother,
        related_person_id: c,
        relationship_type: 'mother',
        household_member: true,
      })),
    )
    .execute()
  for (const c of [ava, leo, zoe]) await openCaseWith(db(), c)
  const manager = await userId('safeguarding.manager')
  await sql`
    insert into child_protection_conference (id, kind, scheduled_at, chair_id, arranged_by, arranged_at)
    overriding system value
    values (701, 'initial', '2026-03-02T10:00:00Z', ${manager}, ${manager}, '2026-02-20T10:00:00Z')`.execute(
    db(),
  )
  ;[avaPlan, leoPlan, zoePlan] = (await db()
    .transaction()
    .execute((trx) =>
      startChildProtectionPlans(
        trx,
        { db: db(), clock },
        { id: manager },
        AUDIT,
        [ava, leo, zoe].map((childId) => ({
          childId,
          conferenceId: 701,
          startDate: '2026-03-02',
          category: 'NEG' as const,
        })),
      ),
    )) as [number, number, number]
  // A health visitor with a partner account (the demo has the police only).
}, 60_000)
afterAll(async () => t.close())

describe('arranging a review from a plan', () => {
  it('offers the review on the plan, with the first review due within 3 months of the initial conference', async () => {
    const b = await signedIn('social.worker')
    const plan = pageText((await b.get(`/cp-plans/${avaPlan}`)).body)
    expect(plan).toContain('Arrange a review conference')
    expect(plan).toContain('The next review is due by 2 June 2026')
    const form = await b.get(`/cp-plans/${avaPlan}/review-conference`)
    expect(form.statusCode).toBe(200)
    const text = pageText(form.body)
    expect(text).toContain('The first review is due by 2 June 2026')
    expect(text).toContain('Leo Marlowe')
    expect(text).toContain('Zoe Marlowe')
  })

  it('refuses a date before the plans started, and a stale form, saving nothing', async () => {
    const b = await signedIn('social.worker')
    const early = await arrange(b, avaPlan, [['siblings', String(leo)], ...day(1, 3)])
    expect(early.statusCode).toBe(400)
    expect(pageText(early.body)).toContain('There is a problem')
    expect(pageText(early.body)).toContain(
      'The review cannot be before Ava Marlowe’s child protection plan started (2 March 2026)',
    )
    // Someone records a visit meanwhile: the plan moves on, the form shown before is stale.
    const old = await version(avaPlan)
    const visit = await b.post(`/cp-plans/${avaPlan}/visits/new`, {
      version: old,
      'visited-day': '19',
      'visited-month': '5',
      'visited-year': '2026',
      'visited-time': '16:00',
      whoPresent: 'Ava and her mother',
      seen: 'yes',
      seenAlone: 'yes',
      announced: 'yes',
    })
    expect(visit.statusCode, visit.body).toBe(303)
    const stale = await b.postMany(`/cp-plans/${avaPlan}/review-conference`, [
      ['version', old],
      ['siblings', String(leo)],
      ...day(19, 5),
      ['scheduled-time', '10:00'],
      ['chair', String(await userId('safeguarding.manager'))],
    ])
    expect(stale.statusCode).toBe(409)
    expect(pageText(stale.body)).toContain('Someone else has changed this plan')
    expect(await reviewConferences()).toEqual([])
  })

  it('refuses a worker without the case', async () => {
    const other = await signedIn('social.worker2')
    const res = await other.get(`/cp-plans/${avaPlan}/review-conference`)
    expect([403, 404]).toContain(res.statusCode)
    expect(await reviewConferences()).toEqual([])
  })

  it('arranges one review for the brother and sister', async () => {
    const b = await signedIn('social.worker')
    const res = await arrange(b, avaPlan, [['siblings', String(leo)], ...day(19, 5)])
    expect(res.statusCode, res.body).toBe(303)
    const rows = await reviewConferences()
    expect(rows).toHaveLength(1)
    reviewId = rows[0]?.id as number
    expect(res.headers.location).toBe(`/conferences/${reviewId}`)
    const kids = await db()
      .selectFrom('conference_child')
      .select(['child_id', 's47_id'])
      .where('conference_id', '=', reviewId)
      .orderBy('child_id')
      .execute()
    expect(kids).toEqual([
      { child_id: ava, s47_id: null },
      { child_id: leo, s47_id: null },
    ])
    const page = pageText((await b.get(`/conferences/${reviewId}`)).body)
    expect(page).toContain('Review child protection conference')
    // Arranged once: the plan links to it, and it is not offered again.
    const plan = pageText((await b.get(`/cp-plans/${leoPlan}`)).body)
    expect(plan).toContain('The next review is arranged for')
    expect(plan).not.toContain('Arrange a review conference')
    expect((await b.get(`/cp-plans/${leoPlan}/review-conference`)).statusCode).toBe(409)
    const again = await arrange(b, leoPlan, day(19, 5))
    expect(again.statusCode).toBe(409)
    expect(await reviewConferences()).toHaveLength(1)
  })

  it('invites the police and a health visitor, each given expiring access; the officer sends a report', async () => {
    const b = await signedIn('social.worker')
    for (const [agency, name, username] of [
      ['police', 'DC Sam Turner', 'police'],
      ['health', 'Nia Barker', 'health.visitor'],
    ] as const) {
      const res = await b.post(`/conferences/${reviewId}/invitations/new`, {
        agency,
        personName: name,
        userId: String(await userId(username)),
        reportRequested: 'yes',
      })
      expect(res.statusCode, res.body).toBe(303)
    }
    const invitations = await db()
      .selectFrom('protection_invitation')
      .select(['id', 'agency_kind'])
      .where('conference_id', '=', reviewId)
      .orderBy('id')
      .execute()
    policeInvitation = invitations[0]?.id as number
    healthInvitation = invitations[1]?.id as number
    const grants = await db()
      .selectFrom('child_access')
      .select(['child_id', 'basis', 'expires_at'])
      .where('user_id', '=', await userId('health.visitor'))
      .where('child_id', 'in', [ava, leo])
      .orderBy('child_id')
      .execute()
    // Tuesday 19 May, 10 working days on (Spring bank holiday on 25 May): Wednesday 3 June.
    expect(grants.map((g) => [g.child_id, g.basis, new Date(g.expires_at as Date).toISOString()])).toEqual([
      [ava, 'process_participant', '2026-06-03T22:59:59.999Z'],
      [leo, 'process_participant', '2026-06-03T22:59:59.999Z'],
    ])
    // The platform reads grants against the system's time, not this test's clock: let them run on.
    await db()
      .updateTable('child_access')
      .set({ expires_at: new Date(Date.now() + 86_400_000) })
      .where('basis', '=', 'process_participant')
      .where('user_id', '=', await userId('police'))
      .execute()
    const officer = await signedIn('police')
    expect((await officer.get(`/conferences/${reviewId}`)).statusCode).toBe(200)
    const report = await officer.post(`/invitations/${policeInvitation}/contribution`, {
      contribution: 'No call-outs to the address since the initial conference.',
    })
    expect(report.statusCode, report.body).toBe(303)
    // Zoe is not part of this review: the officer has no access to her.
    expect((await officer.get(`/children/${zoe}`)).statusCode).toBe(404)
  })
})

describe('the review held', () => {
  const held = (extra: Record<string, string> = {}) => ({
    'held-day': '19',
    'held-month': '5',
    'held-year': '2026',
    'held-time': '10:00',
    [`attendance-${policeInvitation}`]: 'attended',
    [`attendance-${healthInvitation}`]: 'apologies',
    childParticipation: 'views_through_worker',
    familyParticipation: 'attended',
    [`decision-${ava}`]: 'continue',
    [`category-${ava}`]: 'PHY',
    [`decision-${leo}`]: 'end',
    ...extra,
  })

  async function nothingSaved() {
    const c = await db()
      .selectFrom('child_protection_conference')
      .select('held_at')
      .where('id', '=', reviewId)
      .executeTakeFirstOrThrow()
    expect(c.held_at).toBe(null)
    expect(await db().selectFrom('cp_plan_review').select('id').execute()).toEqual([])
    const plans = await db()
      .selectFrom('cp_plan')
      .select(['end_date', 'latest_category'])
      .where('id', 'in', [avaPlan, leoPlan])
      .orderBy('id')
      .execute()
    expect(plans).toEqual([
      { end_date: null, latest_category: 'NEG' },
      { end_date: null, latest_category: 'NEG' },
    ])
  }

  it('starts each child’s category from their plan’s latest', async () => {
    const b = await signedIn('social.worker')
    const form = await b.get(`/conferences/${reviewId}/held`)
    expect(form.statusCode).toBe(200)
    expect(form.body).toMatch(new RegExp(`<option value="NEG" selected>`))
  })

  it('refuses an ending with no reason, and a date before the plans started, saving nothing', async () => {
    const b = await signedIn('social.worker')
    const noReason = await b.post(`/conferences/${reviewId}/held`, held())
    expect(noReason.statusCode).toBe(400)
    expect(pageText(noReason.body)).toContain('Select why Leo Marlowe’s plan ends')
    await nothingSaved()
    const early = await b.post(
      `/conferences/${reviewId}/held`,
      held({ [`endReason-${leo}`]: 'no_longer_at_risk', 'held-day': '1', 'held-month': '3' }),
    )
    expect(early.statusCode).toBe(409)
    expect(pageText(early.body)).toContain('There is a problem')
    expect(pageText(early.body)).toContain(
      'The review cannot be before Ava Marlowe’s child protection plan started',
    )
    await nothingSaved()
  })

  it('records the review: Ava’s plan continues (latest category), Leo’s ends on the review’s date', async () => {
    const b = await signedIn('social.worker')
    const res = await b.post(
      `/conferences/${reviewId}/held`,
      held({ [`endReason-${leo}`]: 'no_longer_at_risk' }),
    )
    expect(res.statusCode, res.body).toBe(303)
    const plans = await db()
      .selectFrom('protection_cp_plan_v')
      .select(['plan_id', 'end_date', 'latest_category', 'end_reason'])
      .where('plan_id', 'in', [avaPlan, leoPlan])
      .orderBy('plan_id')
      .execute()
    expect(plans).toEqual([
      { plan_id: avaPlan, end_date: null, latest_category: 'PHY', end_reason: null },
      { plan_id: leoPlan, end_date: '2026-05-19', latest_category: 'NEG', end_reason: 'no_longer_at_risk' },
    ])
    const reviews = await db()
      .selectFrom('cp_plan_review')
      .select(['cp_plan_id', 'conference_id', 'held_on', 'continues'])
      .orderBy('cp_plan_id')
      .execute()
    expect(reviews).toEqual([
      { cp_plan_id: avaPlan, conference_id: reviewId, held_on: '2026-05-19', continues: true },
      { cp_plan_id: leoPlan, conference_id: reviewId, held_on: '2026-05-19', continues: false },
    ])
    // Ava's first review clock stops and the 6-monthly one starts; every one of Leo's stops.
    expect((await openTasks(avaPlan)).filter(([code]) => String(code).startsWith('cp-review'))).toEqual([
      ['cp-review-6m', '2026-11-19T23:59:59.999Z'],
    ])
    expect(await openTasks(leoPlan)).toEqual([])
    const published = await db()
      .selectFrom('protection_conference_v')
      .select(['child_id', 'kind', 'held_on', 'decision', 'category'])
      .where('conference_id', '=', reviewId)
      .orderBy('child_id')
      .execute()
    expect(published).toEqual([
      { child_id: ava, kind: 'review', held_on: '2026-05-19', decision: 'continue', category: 'PHY' },
      { child_id: leo, kind: 'review', held_on: '2026-05-19', decision: 'end', category: null },
    ])

    const conference = pageText((await b.get(`/conferences/${reviewId}`)).body)
    expect(conference).toContain('The child protection plan continues')
    expect(conference).toContain('No longer at continuing risk of significant harm')
    const leoPage = pageText((await b.get(`/cp-plans/${leoPlan}`)).body)
    expect(leoPage).toContain('Ended')
    expect(leoPage).toContain('19 May 2026: Plan ended: No longer at continuing risk of significant harm')
    const avaPage = pageText((await b.get(`/cp-plans/${avaPlan}`)).body)
    expect(avaPage).toContain('19 May 2026: Plan continues: Physical abuse')
    expect(avaPage).toContain('The next review is due by 19 November 2026')
    expect(pageText((await b.get(`/children/${leo}`)).body)).toContain(
      'ended 19 May 2026: No longer at continuing risk of significant harm',
    )
    expect(pageText((await b.get(`/children/${ava}`)).body)).toContain('next review due by 19 November 2026')
    // Recorded once.
    expect((await b.get(`/conferences/${reviewId}/held`)).statusCode).toBe(409)
  })

  it('refuses a review whose child’s plan ended after it was arranged, saving nothing', async () => {
    const b = await signedIn('social.worker')
    const arranged = await arrange(b, zoePlan, day(20, 5))
    expect(arranged.statusCode, arranged.body).toBe(303)
    const zoeReview = Number(String(arranged.headers.location).split('/').pop())
    const ended = await b.post(`/cp-plans/${zoePlan}/end`, {
      version: await version(zoePlan),
      'end-day': '20',
      'end-month': '5',
      'end-year': '2026',
      reason: 'became_looked_after',
    })
    expect(ended.statusCode, ended.body).toBe(303)
    // The end takes effect when a manager authorises it.
    const authorised = await (
      await signedIn('service.manager')
    ).post(`/cp-plans/${zoePlan}/end/authorisation`, {
      outcome: 'authorise',
      oversightNote: 'Zoe is looked after now; her care plan takes over from the CP plan.',
    })
    expect(authorised.statusCode, authorised.body).toBe(303)
    const res = await b.post(`/conferences/${zoeReview}/held`, {
      'held-day': '20',
      'held-month': '5',
      'held-year': '2026',
      'held-time': '10:00',
      childParticipation: 'too_young',
      familyParticipation: 'attended',
      [`decision-${zoe}`]: 'continue',
      [`category-${zoe}`]: 'NEG',
    })
    expect(res.statusCode).toBe(409)
    expect(pageText(res.body)).toContain('Zoe Marlowe’s child protection plan has already ended')
    const c = await db()
      .selectFrom('child_protection_conference')
      .select('held_at')
      .where('id', '=', zoeReview)
      .executeTakeFirstOrThrow()
    expect(c.held_at).toBe(null)
    expect(
      await db().selectFrom('cp_plan_review').select('id').where('cp_plan_id', '=', zoePlan).execute(),
    ).toEqual([])
    // And an ended plan offers no review.
    expect((await b.get(`/cp-plans/${zoePlan}/review-conference`)).statusCode).toBe(409)
  })
})
