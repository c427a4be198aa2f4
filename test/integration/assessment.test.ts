/**
 * The child and family assessment through its pages, on a fixed clock (issue 14): started from a
 * referral by the allocated worker; its 45 working days counted from the referral date (a due
 * date worked out by hand over Christmas); sections with bad answers saving nothing; a stale form
 * refused; sent for authorisation through the platform's sign-off, whose task goes on the team
 * manager's list; returned with a reason, changed and sent again; authorised, its date the DfE's
 * authorisation date in `assessment_v`; the author never authorising their own; and a worker with
 * no relationship to the child refused and audited.
 * Friday 18 December 2026: 25 and 28 December and 1 January are bank holidays.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/platform/calendar/clock.js'
import { londonDate } from '../../src/platform/calendar/dates.js'
import {
  beginAssessment,
  decideAssessment,
  saveAssessmentSection,
  sendForAuthorisation,
} from '../../src/modules/assessment/service.js'
import { actingAs } from '../support/actors.js'
import { openCaseWith } from '../support/frontdoor.js'
import { Browser, pageText, openTestApp, type TestApp } from '../support/web.js'

const clock = fixedClock('2026-12-18T10:00:00Z')
let t: TestApp
const db = () => t.database.db
let ava = 0
let leo = 0
let referralId = 0

async function signedIn(username: string) {
  const b = new Browser(t.app)
  await b.signIn(username)
  return b
}

async function userId(username: string) {
  const row = await db()
    .selectFrom('app_user')
    .select(['id', 'team_id'])
    .where('username', '=', username)
    .executeTakeFirstOrThrow()
  return row
}

async function person(given: string, kind: 'child' | 'adult', dob: string) {
  const row = await db()
    .insertInto('person')
    .values({ kind, given_name: given, family_name: 'Marsh', date_of_birth: dob })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

async function referralFor(childId: number, date: string, worker = 'social.worker') {
  const w = await userId(worker)
  const row = await db()
    .insertInto('referral')
    .values({
      child_id: childId,
      referral_date: date,
      referral_source: '6',
      re_referral: false,
      status: 'allocated',
      team_id: w.team_id,
      worker_id: w.id,
      allocated_at: new Date(`${date}T15:00:00Z`),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

const assessmentRow = (id: number) =>
  db().selectFrom('assessment').selectAll().where('id', '=', id).executeTakeFirstOrThrow()

const SECTIONS: [string, [string, string][]][] = [
  [
    'seen',
    [
      ['seen-day', '16'],
      ['seen-month', '12'],
      ['seen-year', '2026'],
      ['seenAlone', 'yes'],
    ],
  ],
  [
    'wishes',
    [['wishesAndFeelings', 'Ava said she wants the shouting at home to stop and to keep her school.']],
  ],
  [
    'factors',
    [
      ['factors', '3B'],
      ['factors', '4B'],
    ],
  ],
  ['need', [['primaryNeed', 'N1']]],
  [
    'analysis',
    [['analysis', 'Mother is protective; the risk comes from the ex-partner, who has left the home.']],
  ],
  ['outcome', [['outcome', 'cin_plan']]],
]

let assessmentId = 0
const page = () => `/children/${ava}/assessments/${assessmentId}`

async function versionOf(id: number) {
  return String((await assessmentRow(id)).version)
}

beforeAll(async () => {
  t = await openTestApp({ clock })
  ava = await person('Ava', 'child', '2016-05-01')
  leo = await person('Leo', 'child', '2019-09-12')
  const mother = await person('Sophie', 'adult', '1990-02-02')
  await db()
    .insertInto('person_relationship')
    .values([
      { person_id: mother, related_person_id: ava, relationship_type: 'mother', household_member: true },
      { person_id: mother, related_person_id: leo, relationship_type: 'mother', household_member: true },
    ])
    .execute()
  await openCaseWith(db(), ava)
  await openCaseWith(db(), leo)
  referralId = await referralFor(ava, '2026-12-14')
}, 60_000)
afterAll(async () => t.close())

describe('child and family assessment', () => {
  it('is started from the referral by the allocated worker, due 45 working days from the referral date', async () => {
    const b = await signedIn('social.worker')
    const form = await b.get(`/children/${ava}/assessments/new`)
    expect(form.statusCode).toBe(200)
    expect(pageText(form.body)).toContain('Referral of 14 December 2026')
    const res = await b.post(`/children/${ava}/assessments/new`, { referralId: String(referralId) })
    expect(res.statusCode, res.body).toBe(303)
    assessmentId = Number(/assessments\/(\d+)$/.exec(res.headers.location as string)?.[1])
    expect(assessmentId).toBeGreaterThan(0)
    const row = await assessmentRow(assessmentId)
    expect(row).toMatchObject({ started_on: '2026-12-18', status: 'in_progress', referral_id: referralId })
    const started = await db()
      .selectFrom('case_event')
      .select('occurred_at')
      .where('type', '=', 'assessment.started')
      .where('subject_id', '=', String(assessmentId))
      .executeTakeFirstOrThrow()
    expect(started.occurred_at.toISOString()).toBe('2026-12-14T00:00:00.000Z')
    const task = await db()
      .selectFrom('task')
      .select(['due_at', 'assigned_user_id'])
      .where('clock_code', '=', 'assessment-45wd')
      .where('subject_id', '=', String(assessmentId))
      .executeTakeFirstOrThrow()
    // 45 working days after Monday 14 December 2026, skipping 25 and 28 December and 1 January.
    expect(londonDate(task.due_at.getTime())).toBe('2027-02-18')
    expect(task.assigned_user_id).toBe((await userId('social.worker')).id)
    // A second assessment from the same referral is refused.
    const again = await b.post(`/children/${ava}/assessments/new`, { referralId: String(referralId) })
    expect(again.statusCode).toBe(409)
    const text = pageText((await b.get(page())).body)
    expect(text).toContain('By 18 February 2027 (due in 41 working days)')
    expect(text).toContain('The child’s wishes and feelings')
  })

  it('refuses, and audits, a worker with no relationship to the child', async () => {
    const b = await signedIn('social.worker2')
    const res = await b.get(page())
    expect([403, 404]).toContain(res.statusCode)
    const post = await b.get(`${page()}/wishes`)
    expect([403, 404]).toContain(post.statusCode)
    const denied = await db()
      .selectFrom('audit_event')
      .select(['action', 'outcome'])
      .where('user_id', '=', (await userId('social.worker2')).id)
      .where('child_id', '=', ava)
      .where('outcome', '=', 'denied')
      .execute()
    expect(denied.length).toBeGreaterThanOrEqual(2)
    const { actor, ctx } = await actingAs(db(), 'social.worker2')
    await expect(beginAssessment({ db: db(), clock }, actor, leo, referralId, ctx)).rejects.toThrow()
  })

  it('keeps bad answers out, with an error summary, and refuses a stale form', async () => {
    const b = await signedIn('social.worker')
    const version = await versionOf(assessmentId)
    const bad = await b.postMany(`${page()}/seen`, [
      ['version', version],
      ['seenAlone', 'no'],
    ])
    expect(bad.statusCode).toBe(400)
    const text = pageText(bad.body)
    expect(text).toContain('There is a problem')
    expect(text).toContain('Enter the date the child was seen')
    expect(text).toContain('Enter why the child was not seen alone')
    const both = await b.postMany(`${page()}/factors`, [
      ['version', version],
      ['factors', '21'],
      ['factors', '3B'],
    ])
    expect(both.statusCode).toBe(400)
    expect(pageText(both.body)).toContain('not both')
    expect(await versionOf(assessmentId)).toBe(version)

    const first = await b.postMany(`${page()}/wishes`, [
      ['version', version],
      ['wishesAndFeelings', 'First go.'],
    ])
    expect(first.statusCode).toBe(303)
    // The same page sent again from the old version: someone changed it meanwhile.
    const stale = await b.postMany(`${page()}/wishes`, [
      ['version', version],
      ['wishesAndFeelings', 'Second go.'],
    ])
    expect(stale.statusCode).toBe(409)
    expect(pageText(stale.body)).toContain('Someone has changed this assessment since you opened this page')
    expect((await assessmentRow(assessmentId)).wishes_and_feelings).toBe('First go.')
  })

  it('cannot be sent until every section is complete, then goes to the team manager', async () => {
    const b = await signedIn('social.worker')
    const early = await b.postMany(`${page()}/check`, [['version', await versionOf(assessmentId)]])
    expect(early.statusCode).toBe(409)
    expect(pageText(early.body)).toContain('Complete every section')
    for (const [section, fields] of SECTIONS) {
      const res = await b.postMany(`${page()}/${section}`, [
        ['version', await versionOf(assessmentId)],
        ...fields,
      ])
      expect(res.statusCode, `${section}: ${pageText(res.body).slice(0, 300)}`).toBe(303)
    }
    const check = pageText((await b.get(`${page()}/check`)).body)
    expect(check).toContain('3B Domestic abuse: parent or carer is subject to it')
    expect(check).toContain('N1 Abuse or neglect')
    const sent = await b.postMany(`${page()}/check`, [['version', await versionOf(assessmentId)]])
    expect(sent.statusCode).toBe(303)
    expect((await assessmentRow(assessmentId)).status).toBe('awaiting_authorisation')
    const manager = await userId('team.manager')
    const task = await db()
      .selectFrom('task')
      .select(['assigned_user_id', 'stopped_at'])
      .where('clock_code', '=', 'sign-off')
      .where('subject_id', '=', `assessment:${assessmentId}`)
      .executeTakeFirstOrThrow()
    expect(task).toEqual({ assigned_user_id: manager.id, stopped_at: null })
    // The worker cannot change it while it waits, nor authorise it.
    const locked = await b.postMany(`${page()}/analysis`, [
      ['version', await versionOf(assessmentId)],
      ['analysis', 'x'],
    ])
    expect(locked.statusCode).toBe(409)
    const authorise = await b.get(`${page()}/authorisation`)
    expect([403, 404]).toContain(authorise.statusCode)
  })

  it('is returned with a reason, changed, sent again and authorised by the manager', async () => {
    const m = await signedIn('team.manager')
    const returned = await m.post(`${page()}/authorisation`, {
      outcome: 'return',
      returnReason: 'Please see Leo as well.',
    })
    expect(returned.statusCode).toBe(303)
    expect((await assessmentRow(assessmentId)).status).toBe('in_progress')
    const w = await signedIn('social.worker')
    expect(pageText((await w.get(page())).body)).toContain('Please see Leo as well.')
    clock.advance(3_600_000)
    const edited = await w.postMany(`${page()}/analysis`, [
      ['version', await versionOf(assessmentId)],
      ['analysis', 'Saw Leo too; both children are safe with their mother.'],
    ])
    expect(edited.statusCode).toBe(303)
    expect(
      (await w.postMany(`${page()}/check`, [['version', await versionOf(assessmentId)]])).statusCode,
    ).toBe(303)

    const short = await m.post(`${page()}/authorisation`, { outcome: 'authorise', oversightNote: 'Agreed' })
    expect(short.statusCode).toBe(400)
    const ok = await m.post(`${page()}/authorisation`, {
      outcome: 'authorise',
      oversightNote:
        'Read the assessment, the children’s words and the history: a child in need plan is right.',
    })
    expect(ok.statusCode, pageText(ok.body)).toBe(303)
    const row = await assessmentRow(assessmentId)
    expect(row).toMatchObject({ status: 'authorised', authorised_on: '2026-12-18' })
    const published = await db()
      .selectFrom('assessment_v')
      .selectAll()
      .where('assessment_id', '=', assessmentId)
      .executeTakeFirstOrThrow()
    expect(published).toEqual({
      assessment_id: assessmentId,
      child_id: ava,
      referral_id: referralId,
      start_date: '2026-12-18',
      authorised_date: '2026-12-18',
      factors: ['3B', '4B'],
      primary_need: 'N1',
      outcome: 'cin_plan',
      status: 'authorised',
      seen_on: '2026-12-16',
    })
    const open = await db()
      .selectFrom('task')
      .select('clock_code')
      .where('child_id', '=', ava)
      .where('clock_code', 'in', ['assessment-45wd', 'sign-off'])
      .where('stopped_at', 'is', null)
      .execute()
    expect(open).toEqual([])
  })

  it('never lets the manager who wrote and sent an assessment authorise it', async () => {
    const date = '2026-12-15'
    const leoReferral = await referralFor(leo, date)
    const deps = { db: db(), clock }
    const manager = await actingAs(db(), 'team.manager')
    const { assessmentId: id } = await beginAssessment(deps, manager.actor, leo, leoReferral, manager.ctx)
    const answers: Record<string, Record<string, unknown>> = {
      seen: { seenOn: '2026-12-16', seenAlone: false, notSeenAloneReason: 'Leo would not leave his mother.' },
      wishes: { wishesAndFeelings: 'Leo drew his family and said he was happy.' },
      factors: { factors: ['21'] },
      need: { primaryNeed: 'N9' },
      analysis: { analysis: 'No concerns about Leo.' },
      outcome: { outcome: 'no_further_action' },
    }
    for (const [section, input] of Object.entries(answers)) {
      const version = (await assessmentRow(id)).version
      await saveAssessmentSection(
        deps,
        manager.actor,
        leo,
        id,
        section as 'seen',
        version,
        input,
        manager.ctx,
      )
    }
    await sendForAuthorisation(deps, manager.actor, leo, id, (await assessmentRow(id)).version, manager.ctx)
    const b = await signedIn('team.manager')
    expect(pageText((await b.get(`/children/${leo}/assessments/${id}/authorisation`)).body)).toContain(
      'another manager must authorise it',
    )
    const res = await b.post(`/children/${leo}/assessments/${id}/authorisation`, {
      outcome: 'authorise',
      oversightNote: 'I wrote it and I agree with myself entirely, which is not oversight.',
    })
    expect(res.statusCode).toBe(403)
    expect(pageText(res.body)).toContain('another manager must authorise it')
    expect((await assessmentRow(id)).status).toBe('awaiting_authorisation')
    const denied = await db()
      .selectFrom('audit_event')
      .select('action')
      .where('child_id', '=', leo)
      .where('action', '=', 'assessment.authorise')
      .where('outcome', '=', 'denied')
      .execute()
    expect(denied).toHaveLength(1)
    const other = await actingAs(db(), 'service.manager')
    const done = await decideAssessment(
      deps,
      other.actor,
      leo,
      id,
      {
        outcome: 'authorise',
        oversightNote: 'Read it: no further action is right for Leo on this evidence.',
      },
      other.ctx,
    )
    expect(done).toEqual({ outcome: 'authorised', authorisedOn: '2026-12-18' })
  })
})
