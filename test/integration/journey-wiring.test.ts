/**
 * The assessment and child protection journey wired together (issue 14), through the pages on a
 * fixed clock: a strategy discussion that continues the assessment starts the referral's
 * assessment (or leads to the one it has); a section 47 outcome returned by the manager with a
 * reason, recorded again and authorised, the manager who sent one never authorising it (refused,
 * audited); the manager's "waiting for your sign-off" page; and the visits on the worklists.
 * Monday 14 December 2026.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/platform/calendar/clock.js'
import { openCaseWith } from '../support/frontdoor.js'
import { Browser, pageText, type TestApp, openTestApp } from '../support/web.js'

const clock = fixedClock('2026-12-14T10:00:00Z')
let t: TestApp
const db = () => t.database.db
let ava = 0
let leo = 0
let referralId = 0

async function signedIn(username: string) {
  const b = new Browser(t.app)
  expect((await b.signIn(username)).statusCode, `${username} signs in`).toBe(303)
  return b
}

async function user(username: string) {
  return db()
    .selectFrom('app_user')
    .select(['id', 'team_id'])
    .where('username', '=', username)
    .executeTakeFirstOrThrow()
}

async function person(given: string, kind: 'child' | 'adult') {
  const row = await db()
    .insertInto('person')
    .values({
      kind,
      given_name: given,
      family_name: 'Pennick',
      date_of_birth: kind === 'child' ? '2017-03-03' : '1988-01-01',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

async function discussion(childId: number, referral: number | null) {
  const row = await db()
    .insertInto('strategy_discussion')
    .values({
      child_id: childId,
      referral_id: referral,
      requested_by: (await user('team.manager')).id,
      requested_at: new Date('2026-12-14T08:00:00Z'),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

const held = (outcome: string) => ({
  'held-day': '14',
  'held-month': '12',
  'held-year': '2026',
  'held-time': '09:00',
  'participant-0-agency': 'social_care',
  'participant-0-name': 'Amara Lewis',
  'participant-1-agency': 'police',
  'participant-1-name': 'DC Sam Turner',
  'participant-2-agency': 'health',
  'participant-2-name': 'Nia Barker',
  outcome,
  actions: 'Visit the children this week.',
})

async function auditRows(requestId: string) {
  return db()
    .selectFrom('audit_event')
    .select(['action', 'outcome', 'child_id', 'detail'])
    .where('request_id', '=', requestId)
    .orderBy('id')
    .execute()
}

const AUTHORISE = {
  outcome: 'authorise',
  oversightNote: 'Read the enquiry and the agencies’ information; the outcome follows from what was found.',
}

beforeAll(async () => {
  t = await openTestApp({ clock })
  ava = await person('Ava', 'child')
  leo = await person('Leo', 'child')
  const mother = await person('Rose', 'adult')
  await db()
    .insertInto('person_relationship')
    .values([
      { person_id: mother, related_person_id: ava, relationship_type: 'mother', household_member: true },
      { person_id: mother, related_person_id: leo, relationship_type: 'mother', household_member: true },
    ])
    .execute()
  await openCaseWith(db(), ava)
  await openCaseWith(db(), leo)
  const w = await user('social.worker')
  const row = await db()
    .insertInto('referral')
    .values({
      child_id: ava,
      referral_date: '2026-12-10',
      referral_source: '6',
      re_referral: false,
      status: 'allocated',
      team_id: w.team_id,
      worker_id: w.id,
      allocated_at: new Date('2026-12-10T15:00:00Z'),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  referralId = row.id
}, 60_000)
afterAll(async () => t.close())

describe('a strategy discussion that continues the assessment', () => {
  it('starts the referral’s assessment in the same transaction and leads to it; a second leads to the same one', async () => {
    const b = await signedIn('social.worker')
    const first = await discussion(ava, referralId)
    const res = await b.post(`/strategy-discussions/${first}/held`, held('cin_assessment'))
    expect(res.statusCode, res.body).toBe(303)
    const rows = await db().selectFrom('assessment_v').selectAll().where('child_id', '=', ava).execute()
    expect(rows.map((r) => [r.referral_id, r.start_date, r.status])).toEqual([
      [referralId, '2026-12-14', 'in_progress'],
    ])
    const assessmentId = rows[0]?.assessment_id as number
    expect(res.headers.location).toBe(`/children/${ava}/assessments/${assessmentId}`)
    // One assessment per referral: a later discussion on the referral leads to the same one.
    const second = await discussion(ava, referralId)
    const again = await b.post(`/strategy-discussions/${second}/held`, held('cin_assessment'))
    expect(again.statusCode, again.body).toBe(303)
    expect(again.headers.location).toBe(`/children/${ava}/assessments/${assessmentId}`)
    expect(
      await db().selectFrom('assessment').select('id').where('child_id', '=', ava).execute(),
    ).toHaveLength(1)
  })

  it('shows the assessment’s visit measures on the worker’s worklist', async () => {
    const w = await user('social.worker')
    // The next child protection visit (its clock's task) is due in 3 working days.
    await db()
      .insertInto('task')
      .values({
        instance_key: 'test:cp-visit:leo',
        clock_code: 'cp-visit-10wd',
        child_id: leo,
        subject_type: 'cp_plan',
        subject_id: '999',
        title: 'Child protection visit',
        started_at: new Date('2026-12-04T00:00:00Z'),
        due_at: new Date('2026-12-17T23:59:59Z'),
        due_soon_at: new Date('2026-12-15T00:00:00Z'),
        assigned_user_id: w.id,
      })
      .execute()
    const b = await signedIn('social.worker')
    const home = pageText((await b.get('/')).body)
    expect(home).toContain('Not yet visited')
    expect(home).toContain('1 of 1 other child in the household not seen')
    expect(home).toContain('Child protection visit due in 3 working days')
  })
})

describe('a section 47 outcome through the manager', () => {
  let s47 = 0

  it('is returned with a reason, recorded again and authorised: its completed date is the authorisation day', async () => {
    const b = await signedIn('social.worker')
    const sd = await discussion(leo, null)
    expect((await b.post(`/strategy-discussions/${sd}/held`, held('s47_single'))).statusCode).toBe(303)
    s47 = (
      await db().selectFrom('s47_enquiry').select('id').where('child_id', '=', leo).executeTakeFirstOrThrow()
    ).id
    const outcome = {
      outcome: 'not_substantiated',
      likelyHarm: 'no',
      conferenceNeeded: 'no',
      noConferenceReason: 'Support as a child in need.',
    }
    expect((await b.post(`/s47-enquiries/${s47}/outcome`, outcome)).statusCode).toBe(303)
    // Sent twice: the second is refused while the first waits.
    expect((await b.post(`/s47-enquiries/${s47}/outcome`, outcome)).statusCode).toBe(409)

    // The manager's list shows it, with who asked and a link to the enquiry; the read is audited.
    const m = await signedIn('team.manager')
    const list = await m.get('/worklists/sign-offs')
    expect(list.statusCode).toBe(200)
    const text = pageText(list.body)
    expect(text).toContain('Section 47 outcome')
    expect(text).toContain('Leo Pennick')
    expect(list.body).toContain(`href="/s47-enquiries/${s47}"`)
    // The demo authority has one assessment waiting for this manager already.
    expect(await auditRows(list.headers['x-request-id'] as string)).toMatchObject([
      { action: 'sign_off.list', outcome: 'allowed', detail: { childIds: expect.arrayContaining([leo]) } },
    ])
    expect(pageText((await m.get('/')).body)).toContain('2 sign-offs waiting for you')
    // A worker has no such page.
    expect((await b.get('/worklists/sign-offs')).statusCode).toBe(403)

    const back = await m.post(`/s47-enquiries/${s47}/authorisation`, {
      outcome: 'return',
      returnReason: 'Speak to the school before closing this.',
    })
    expect(back.statusCode, back.body).toBe(303)
    expect(
      (await db().selectFrom('s47_enquiry').select('outcome').where('id', '=', s47).executeTakeFirstOrThrow())
        .outcome,
    ).toBe(null)
    expect(pageText((await b.get(`/s47-enquiries/${s47}/outcome`)).body)).toContain(
      'Speak to the school before closing this.',
    )

    clock.set('2026-12-15T11:00:00Z')
    expect((await b.post(`/s47-enquiries/${s47}/outcome`, outcome)).statusCode).toBe(303)
    expect((await m.post(`/s47-enquiries/${s47}/authorisation`, AUTHORISE)).statusCode).toBe(303)
    const view = await db()
      .selectFrom('protection_s47_v')
      .selectAll()
      .where('s47_id', '=', s47)
      .executeTakeFirstOrThrow()
    expect([view.outcome, view.icpc_not_required, view.completed_date]).toEqual([
      'not_substantiated',
      true,
      '2026-12-15',
    ])
    // No conference: the ICPC clock is cancelled on the authorisation.
    const task = await db()
      .selectFrom('task')
      .select('closed_by')
      .where('subject_type', '=', 's47')
      .where('subject_id', '=', String(s47))
      .executeTakeFirstOrThrow()
    expect(task.closed_by).toBe('cancel')
    // Authorised, it leaves the manager's list (the demo's own assessment still waits there).
    const after = await m.get('/worklists/sign-offs')
    expect(after.body).not.toContain(`href="/s47-enquiries/${s47}"`)
    expect(pageText(after.body)).toContain('1 sign-off waiting')
  })

  it('never lets the manager who sent an outcome authorise it: refused (403) and audited; another manager may', async () => {
    const m = await signedIn('team.manager')
    const sd = await discussion(ava, null)
    expect((await m.post(`/strategy-discussions/${sd}/held`, held('s47_joint'))).statusCode).toBe(303)
    const id = (
      await db()
        .selectFrom('s47_enquiry')
        .select('id')
        .where('strategy_discussion_id', '=', sd)
        .executeTakeFirstOrThrow()
    ).id
    expect(
      (
        await m.post(`/s47-enquiries/${id}/outcome`, {
          outcome: 'substantiated',
          likelyHarm: 'yes',
          conferenceNeeded: 'yes',
        })
      ).statusCode,
    ).toBe(303)
    const own = await m.post(`/s47-enquiries/${id}/authorisation`, AUTHORISE)
    expect(own.statusCode).toBe(403)
    expect(pageText(own.body)).toContain(
      'You sent this section 47 outcome for authorisation, so another manager must authorise it.',
    )
    expect(
      (await auditRows(own.headers['x-request-id'] as string)).filter((r) => r.outcome === 'denied'),
    ).toMatchObject([{ action: 's47.outcome_authorise', child_id: ava }])
    expect(
      (
        await db()
          .selectFrom('s47_enquiry')
          .select('completed_on')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).completed_on,
    ).toBe(null)
    const sm = await signedIn('service.manager')
    const ok = await sm.post(`/s47-enquiries/${id}/authorisation`, AUTHORISE)
    expect(ok.statusCode, ok.body).toBe(303)
    expect(pageText((await m.get(`/s47-enquiries/${id}`)).body)).toContain(
      'Arrange the initial child protection conference',
    )
  })
})
