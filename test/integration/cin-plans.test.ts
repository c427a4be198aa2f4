/**
 * Child in need plans through their pages, on a fixed clock (Friday 20 March 2026, noon): a plan
 * started from an assessment authorised on Friday 27 February (a start before it refused, nothing
 * saved); a second open plan refused; an action due on Good Friday, tracked to delivery; a form
 * from an older version refused; a visit and a review moving their clocks on; the end with an RC
 * code, which the worker cannot authorise and the manager does; a manager who proposed an end
 * refused its authorisation; who may not see the plan; and the CIN census carrying the plan's
 * dates under the 2025/26 rules. Runs on PGlite and on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { validateCin } from '../../src/modules/returns/cin/validate.js'
import { readCinString } from '../../src/modules/returns/cin/xml-read.js'
import { fixedClock } from '../../src/platform/calendar/clock.js'
import { caseworkFactory } from '../support/casework.js'
import { cinCensusXml } from '../support/census.js'
import { pageText, type TestApp, openTestApp } from '../support/web.js'

const clock = fixedClock('2026-03-20T12:00:00Z')
let t: TestApp
const f = caseworkFactory(() => t)
const db = () => t.database.db
let ava = 0
let leo = 0
let worker = 0
let manager = 0
let plan = 0
let referral = 0

/** An assessment of the child from the referral, authorised with the outcome "CIN plan". */
async function authorisedAssessment(childId: number, referralId: number, authorisedOn: string) {
  const { id } = await db()
    .insertInto('assessment')
    .values({
      child_id: childId,
      referral_id: referralId,
      started_on: '2026-02-02',
      started_by: worker,
      started_at: new Date('2026-02-02T10:00:00Z'),
      status: 'authorised',
      seen_on: '2026-02-04',
      seen_alone: true,
      factors: ['2B'],
      primary_need: 'N1',
      outcome: 'cin_plan',
      authorised_on: authorisedOn,
      authorised_by: manager,
      updated_by: manager,
      updated_at: new Date(`${authorisedOn}T15:00:00Z`),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

async function tasksOf(subjectType: string, subjectId: number, open = true) {
  const rows = await db()
    .selectFrom('task')
    .select(['clock_code', 'due_at', 'stopped_at', 'assigned_user_id'])
    .where('subject_type', '=', subjectType)
    .where('subject_id', '=', String(subjectId))
    .orderBy('started_at')
    .orderBy('clock_code')
    .execute()
  return rows.filter((r) => !open || r.stopped_at === null).map((r) => [r.clock_code, r.due_at.toISOString()])
}

async function version(id = plan) {
  const row = await db()
    .selectFrom('cin_plan')
    .select('version')
    .where('id', '=', id)
    .executeTakeFirstOrThrow()
  return String(row.version)
}

const plansOf = (childId: number) =>
  db().selectFrom('cin_plan').selectAll().where('child_id', '=', childId).orderBy('id').execute()

const startAnswers = (source: string, day: string) => ({
  source,
  frequency: '4w',
  'start-day': day,
  'start-month': day === '26' ? '2' : '3',
  'start-year': '2026',
})

beforeAll(async () => {
  t = await openTestApp({ clock })
  worker = await f.userId('social.worker')
  manager = await f.userId('team.manager')
  await db().updateTable('app_user').set({ display_name: 'Helen Price' }).where('id', '=', manager).execute()
  ava = await f.child({ given: 'Ava', family: 'Brook', dob: '2016-05-01' })
  leo = await f.child({ given: 'Leo', family: 'Hart', dob: '2019-09-12' })
  await db()
    .updateTable('person')
    .set({ sex: 'F', ethnicity: 'WBRI', upn_unknown_reason: 'UN2' })
    .where('id', 'in', [ava, leo])
    .execute()
  referral = await f.referral(ava, '2026-02-02')
  await authorisedAssessment(ava, referral, '2026-02-27')
  await authorisedAssessment(leo, await f.referral(leo, '2026-02-02'), '2026-02-27')
}, 60_000)
afterAll(async () => t.close())

describe('starting a child in need plan', () => {
  it('starts from the authorised assessment: a start before it is refused with nothing saved; the visit and review clocks go on the worker’s list', async () => {
    const b = await f.signedIn('social.worker')
    expect(pageText((await b.get(`/children/${ava}`)).body)).toContain('Start a child in need plan')
    const form = await b.get(`/children/${ava}/cin-plans/new`)
    const source = /name="source" type="radio" value="([^"]+)"/.exec(form.body)?.[1] ?? ''
    expect(source).toMatch(/^assessment:\d+$/)

    const early = await b.post(`/children/${ava}/cin-plans/new`, startAnswers(source, '26'))
    expect(early.statusCode).toBe(400)
    expect(pageText(early.body)).toContain(
      'Start date must be on or after the day the assessment was authorised',
    )
    const future = await b.post(`/children/${ava}/cin-plans/new`, { ...startAnswers(source, '23') })
    expect(future.statusCode).toBe(400)
    expect(await plansOf(ava)).toEqual([])

    const ok = await b.post(`/children/${ava}/cin-plans/new`, startAnswers(source, '2'))
    expect(ok.statusCode, pageText(ok.body).slice(0, 300)).toBe(303)
    plan = Number(/\/cin-plans\/(\d+)$/.exec(String(ok.headers.location))?.[1])
    // Started on a date, not at a time: the record's chronology and the multi-agency one show the
    // date alone (the event sits at the day's start only to order it).
    const dateOfLine = (html: string) =>
      pageText(
        /Child in need plan started after the assessment[\s\S]*?<p class="moj-timeline__date">(.*?)<\/p>/.exec(
          html,
        )?.[1] ?? '',
      )
    expect(dateOfLine((await b.get(`/children/${ava}`)).body)).toBe('2 March 2026')
    expect(dateOfLine((await b.get(`/children/${ava}/chronology`)).body)).toBe('2 March 2026')
    // 4 weeks from Monday 2 March is Monday 30 March (British Summer Time from the 29th); the
    // first review within 3 months, by 2 June.
    expect(await tasksOf('cin_plan', plan)).toEqual([
      ['cin-review-first-3m', '2026-06-02T22:59:59.999Z'],
      ['cin-visit', '2026-03-30T22:59:59.999Z'],
    ])
    const assigned = await db()
      .selectFrom('task')
      .select('assigned_user_id')
      .where('subject_type', '=', 'cin_plan')
      .where('subject_id', '=', String(plan))
      .execute()
    expect(assigned.map((r) => r.assigned_user_id)).toEqual([worker, worker])
    expect(
      await db().selectFrom('protection_cin_plan_v').selectAll().where('child_id', '=', ava).execute(),
    ).toEqual([
      {
        plan_id: plan,
        child_id: ava,
        referral_id: referral,
        start_date: '2026-03-02',
        end_date: null,
        end_reason: null,
      },
    ])
    const record = pageText((await b.get(`/children/${ava}`)).body)
    expect(record).toContain('Plan from 2 March 2026 (open), next review due by 2 June 2026')
    expect(record).not.toContain('Start a child in need plan')
  })

  it('refuses a second open plan, saving nothing', async () => {
    const second = await authorisedAssessment(ava, await f.referral(ava, '2026-02-20'), '2026-03-06')
    const b = await f.signedIn('social.worker')
    const res = await b.post(`/children/${ava}/cin-plans/new`, startAnswers(`assessment:${second}`, '9'))
    expect(res.statusCode).toBe(409)
    expect(pageText(res.body)).toContain('This child is already on a child in need plan')
    expect((await plansOf(ava)).length).toBe(1)
    // Taken away again, so the census below has one episode for Ava, as the journey left her.
    await db().deleteFrom('assessment').where('id', '=', second).execute()
    await db()
      .deleteFrom('referral')
      .where('child_id', '=', ava)
      .where('referral_date', '=', '2026-02-20')
      .execute()
  })

  it('is refused to someone with no link to the child, and audited', async () => {
    const police = await f.signedIn('police')
    const res = await police.get(`/cin-plans/${plan}`)
    expect([403, 404]).toContain(res.statusCode)
    expect(res.body).not.toContain('Brook')
    const denied = await db()
      .selectFrom('audit_event')
      .select('outcome')
      .where('request_id', '=', String(res.headers['x-request-id']))
      .execute()
    expect(denied).toEqual([{ outcome: 'denied' }])
  })
})

describe('stepping down from child protection', () => {
  it('starts from a CP plan ended as no longer at continuing risk, not before its end', async () => {
    const zoe = await f.child({ given: 'Zoe', family: 'Marsh', dob: '2018-01-20' })
    const { id: cpPlan } = await db()
      .insertInto('cp_plan')
      .values({
        child_id: zoe,
        start_date: '2025-09-01',
        initial_category: 'NEG',
        latest_category: 'NEG',
        end_date: '2026-03-10',
        end_reason: 'no_longer_at_risk',
        ended_by: manager,
        ended_at: new Date('2026-03-10T16:00:00Z'),
        started_by: worker,
        recorded_at: new Date('2025-09-01T12:00:00Z'),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const b = await f.signedIn('social.worker')
    expect(pageText((await b.get(`/children/${zoe}/cin-plans/new`)).body)).toContain(
      'The child protection plan that ended on 10 March 2026 (no longer at continuing risk)',
    )
    const early = await b.post(`/children/${zoe}/cin-plans/new`, startAnswers(`cp_plan:${cpPlan}`, '9'))
    expect(pageText(early.body)).toContain(
      'Start date must be on or after the day the child protection plan ended',
    )
    expect(await plansOf(zoe)).toEqual([])
    const ok = await b.post(`/children/${zoe}/cin-plans/new`, startAnswers(`cp_plan:${cpPlan}`, '10'))
    expect(ok.statusCode).toBe(303)
    const [row] = await plansOf(zoe)
    expect([row?.cp_plan_id, row?.assessment_id, row?.start_date]).toEqual([cpPlan, null, '2026-03-10'])
  })
})

describe('on the plan', () => {
  it('an action due on Good Friday goes on the worklist, and stops when delivered; a form from an older version is refused', async () => {
    const b = await f.signedIn('social.worker')
    const stale = String(Number(await version()) - 1)
    const answers = {
      outcomeId: 'new',
      newOutcome: 'Ava goes to school every day',
      action: 'Attendance plan agreed with the school',
      ownerKind: 'agency',
      ownerName: 'Greenfield Primary',
      'due-day': '3',
      'due-month': '4',
      'due-year': '2026',
    }
    const bad = await b.post(`/cin-plans/${plan}/actions/new`, {
      ...answers,
      version: await version(),
      action: '',
    })
    expect(bad.statusCode).toBe(400)
    const ok = await b.post(`/cin-plans/${plan}/actions/new`, { ...answers, version: await version() })
    expect(ok.statusCode, pageText(ok.body).slice(0, 300)).toBe(303)
    const [action] = await db()
      .selectFrom('cin_plan_action')
      .select('id')
      .where('action', '=', answers.action)
      .execute()
    expect(await tasksOf('cin_plan_action', action!.id)).toEqual([
      ['cin-plan-action-due', '2026-04-03T22:59:59.999Z'],
    ])
    const conflict = await b.post(`/cin-plans/${plan}/actions/new`, { ...answers, version: stale })
    expect(conflict.statusCode).toBe(409)
    expect(pageText(conflict.body)).toContain('Someone else has changed this plan')
    const delivered = await b.post(`/cin-plans/${plan}/actions/${action!.id}`, {
      version: await version(),
      status: 'delivered',
      'delivered-day': '19',
      'delivered-month': '3',
      'delivered-year': '2026',
    })
    expect(delivered.statusCode).toBe(303)
    expect(await tasksOf('cin_plan_action', action!.id)).toEqual([])
    expect(pageText((await b.get(`/cin-plans/${plan}`)).body)).toContain('Actions delivered 1 of 1')
  })

  it('a visit moves the visit clock on at the plan’s frequency; a review moves the review clock to 6 months', async () => {
    const b = await f.signedIn('social.worker')
    const visit = await b.post(`/cin-plans/${plan}/visits/new`, {
      version: await version(),
      'visited-day': '19',
      'visited-month': '3',
      'visited-year': '2026',
      'visited-time': '10:00',
      seen: 'yes',
      seenAlone: 'yes',
      announced: 'no',
    })
    expect(visit.statusCode, pageText(visit.body).slice(0, 300)).toBe(303)
    const review = await b.post(`/cin-plans/${plan}/reviews/new`, {
      version: await version(),
      'held-day': '20',
      'held-month': '3',
      'held-year': '2026',
      summary: 'Attendance is up to 96%; the family want the plan to carry on.',
    })
    expect(review.statusCode, pageText(review.body).slice(0, 300)).toBe(303)
    expect(await tasksOf('cin_plan', plan)).toEqual([
      // Thursday 19 March + 4 weeks; Friday 20 March + 6 months.
      ['cin-visit', '2026-04-16T22:59:59.999Z'],
      ['cin-review-6m', '2026-09-20T22:59:59.999Z'],
    ])
    const page = pageText((await b.get(`/cin-plans/${plan}`)).body)
    expect(page).toContain('Seen alone')
    expect(page).toContain('Attendance is up to 96%')
  })

  it('the end goes to a manager with its RC code: the worker cannot authorise it; the manager does, and every clock stops', async () => {
    const b = await f.signedIn('social.worker')
    const answers = { 'end-day': '20', 'end-month': '3', 'end-year': '2026' }
    const wrong = await b.post(`/cin-plans/${plan}/end`, {
      ...answers,
      version: await version(),
      reason: 'RC10',
    })
    expect(wrong.statusCode).toBe(400)
    const proposed = await b.post(`/cin-plans/${plan}/end`, {
      ...answers,
      version: await version(),
      reason: 'RC7',
    })
    expect(proposed.statusCode, pageText(proposed.body).slice(0, 300)).toBe(303)
    const note = {
      outcome: 'authorise',
      oversightNote: 'Attendance is sustained; the family no longer need a plan.',
    }
    expect((await b.post(`/cin-plans/${plan}/end/authorisation`, note)).statusCode).toBe(403)
    const m = await f.signedIn('team.manager')
    const ok = await m.post(`/cin-plans/${plan}/end/authorisation`, note)
    expect(ok.statusCode, pageText(ok.body).slice(0, 300)).toBe(303)
    const [row] = await plansOf(ava)
    expect([row?.end_date, row?.end_reason, row?.ended_by]).toEqual(['2026-03-20', 'RC7', manager])
    expect(await tasksOf('cin_plan', plan)).toEqual([])
    const chronology = await db()
      .selectFrom('case_event')
      .select('type')
      .where('subject_type', '=', 'cin_plan')
      .where('subject_id', '=', String(plan))
      .orderBy('occurred_at')
      .orderBy('id')
      .execute()
    expect(chronology.map((e) => e.type)).toEqual([
      'cin_plan.started',
      'cin_visit.held',
      'cin_review.held',
      'cin_plan.ended',
    ])
    expect(pageText((await b.get(`/children/${ava}`)).body)).toContain(
      'ended 20 March 2026: RC7: Services ceased for any other reason',
    )
  })

  it('a manager who proposed the end may not authorise it', async () => {
    const m = await f.signedIn('team.manager')
    const source = /name="source" type="radio" value="([^"]+)"/.exec(
      (await m.get(`/children/${leo}/cin-plans/new`)).body,
    )?.[1]
    const started = await m.post(`/children/${leo}/cin-plans/new`, startAnswers(source ?? '', '2'))
    expect(started.statusCode, pageText(started.body).slice(0, 300)).toBe(303)
    const [leoPlan] = await plansOf(leo)
    const proposed = await m.post(`/cin-plans/${leoPlan!.id}/end`, {
      version: await version(leoPlan!.id),
      'end-day': '20',
      'end-month': '3',
      'end-year': '2026',
      reason: 'RC5',
    })
    expect(proposed.statusCode).toBe(303)
    const page = pageText((await m.get(`/cin-plans/${leoPlan!.id}/end/authorisation`)).body)
    expect(page).toContain('another manager must authorise it')
    const own = await m.post(`/cin-plans/${leoPlan!.id}/end/authorisation`, {
      outcome: 'authorise',
      oversightNote: 'The family have moved to Essex; services transferred.',
    })
    expect(own.statusCode).toBe(403)
    expect((await plansOf(leo))[0]?.end_date).toBeNull()
    const denied = await db()
      .selectFrom('audit_event')
      .select('record_id')
      .where('action', '=', 'cin_plan.end_authorise')
      .where('outcome', '=', 'denied')
      .execute()
    expect(denied.map((r) => r.record_id)).toContain(String(leoPlan!.id))
  })
})

describe('the CIN census', () => {
  it('carries the plan’s start and end in the episode of the assessment’s referral, with no errors under the 2025/26 rules', async () => {
    const xml = await cinCensusXml(db(), '2025/26', 'cin-plans-test')
    const child = xml.slice(xml.indexOf(`<LAchildID>${ava}</LAchildID>`))
    const episode = child.slice(child.indexOf('<CINreferralDate>2026-02-02</CINreferralDate>'))
    expect(episode.slice(0, episode.indexOf('</CINdetails>'))).toMatch(
      /<CINPlanStartDate>2026-03-02<\/CINPlanStartDate>\s*<CINPlanEndDate>2026-03-20<\/CINPlanEndDate>/,
    )
    const result = await validateCin(readCinString(xml), '2025/26')
    expect(result.findings.filter((f) => f.type === 'error')).toEqual([])
  })
})
