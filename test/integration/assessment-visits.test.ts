/**
 * The assessment's visit measures (issue 14: "time from allocation to first visit, and whether
 * every child in the household was seen, shown on the record and in worklists") on a fixed clock,
 * with literal dates over Christmas 2026 (25 and 28 December bank holidays). One definition,
 * `assessment_visit_measure_v` (migration 0040), read by the assessment page and the worklist's Visits
 * column alike, so at every step the two say the same. The child is seen at a face-to-face case
 * note, a statutory visit on a CP plan, a section 47 enquiry's "child seen" and the assessment's
 * own "child seen"; a phone call, a visit at which the child was not seen and anything before
 * the referral date do not count. A restricted sister is counted but not named, nor when she was
 * seen, to a worker who may not open her record.
 *
 * Referral Tuesday 22 December 2026, allocated Wednesday 23 December.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/platform/calendar/clock.js'
import { beginAssessment, visitMeasures } from '../../src/modules/assessment/service.js'
import { actingAs } from '../support/actors.js'
import { caseworkFactory } from '../support/casework.js'
import { pageText, openTestApp, type TestApp } from '../support/web.js'

const clock = fixedClock('2027-01-06T10:00:00Z')
let t: TestApp
const f = caseworkFactory(() => t)
const db = () => t.database.db
let ava = 0
let leo = 0
let mia = 0
let assessmentId = 0
let taskId = 0

/** A case note on `childId` at `at`, the child seen or not. */
async function caseNote(childId: number, at: string, noteType: string, seen: 'seen_alone' | 'not_seen') {
  const w = await f.userId('social.worker')
  const { id } = await db()
    .insertInto('case_note')
    .values({ recorded_by: w, recorded_at: new Date(at) })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db().insertInto('case_note_child').values({ case_note_id: id, child_id: childId }).execute()
  const v = await db()
    .insertInto('case_note_version')
    .values({
      case_note_id: id,
      version: 1,
      note_type: noteType,
      contact_at: new Date(at),
      body: 'Spoke with the family about the referral.',
      written_by: w,
      written_at: new Date(at),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db()
    .insertInto('case_note_seen')
    .values({ case_note_version_id: v.id, child_id: childId, seen })
    .execute()
}

/** A section 47 enquiry on the child from a held strategy discussion, the child seen on `seenOn`. */
async function s47Seen(childId: number, start: string, seenOn: string) {
  const w = await f.userId('social.worker')
  const sd = await db()
    .insertInto('strategy_discussion')
    .values({
      child_id: childId,
      requested_by: w,
      requested_at: new Date(`${start}T09:00:00Z`),
      held_at: new Date(`${start}T10:00:00Z`),
      outcome: 's47_single',
      recorded_by: w,
      recorded_at: new Date(`${start}T11:00:00Z`),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db()
    .insertInto('s47_enquiry')
    .values({
      child_id: childId,
      strategy_discussion_id: sd.id,
      start_date: start,
      joint: false,
      created_at: new Date(`${start}T11:00:00Z`),
      child_seen_on: seenOn,
      child_seen_alone: true,
    })
    .execute()
}

/** A statutory visit on the child's CP plan at `at`, the child seen or not. */
async function cpVisit(planId: number, at: string, childSeen: boolean) {
  await db()
    .insertInto('cp_visit')
    .values({
      cp_plan_id: planId,
      visited_at: new Date(at),
      child_seen: childSeen,
      seen_alone: false,
      announced: true,
      recorded_by: await f.userId('social.worker'),
      recorded_at: new Date(at),
    })
    .execute()
}

/** What the assessment page says under "First visit" and "Children in the household seen". */
async function recordSays(username = 'social.worker') {
  const b = await f.signedIn(username)
  const res = await b.get(`/children/${ava}/assessments/${assessmentId}`)
  expect(res.statusCode).toBe(200)
  const cell = (id: string) =>
    pageText(new RegExp(`data-testid="${id}">(.*?)</dd>`, 's').exec(res.body)?.[1] ?? '')
  const says = { firstVisit: cell('first-visit'), household: cell('household-seen') }
  // The child's record says the same of the latest assessment, from its own reading.
  const record = await b.get(`/children/${ava}`)
  expect(record.statusCode).toBe(200)
  const panel = pageText(/data-testid="panel-first-visit">(.*?)<\/p>/s.exec(record.body)?.[1] ?? '')
  expect(panel).toContain(
    /^\d/.test(says.firstVisit) ? `First visit ${says.firstVisit}.` : `${says.firstVisit}.`,
  )
  expect(panel).toContain(
    says.household.startsWith('Every child seen')
      ? 'Every child in the household seen.'
      : 'Not every child in the household seen yet.',
  )
  return says
}

/** The Visits column of the assessment's task on the worker's worklist. */
async function worklistSays() {
  const b = await f.signedIn('social.worker')
  const res = await b.get('/')
  expect(res.statusCode).toBe(200)
  const cell = new RegExp(`data-testid="visits-${taskId}">(.*?)</td>`, 's').exec(res.body)?.[1]
  expect(cell, 'the assessment’s task is on the worklist').toBeDefined()
  return pageText(cell ?? '')
}

async function measures() {
  const worker = await actingAs(db(), 'social.worker')
  return visitMeasures({ db: db(), clock }, worker.actor, assessmentId, worker.ctx)
}

beforeAll(async () => {
  t = await openTestApp({ clock })
  const fam = await f.family('Marsh', [
    { given: 'Ava', dob: '2016-05-01' },
    { given: 'Leo', dob: '2019-09-12' },
  ])
  ;[ava, leo] = fam.children
  // Mia: Ava's sister recorded directly, living with her, her record restricted.
  mia = await f.person({ given: 'Mia', family: 'Marsh', dob: '2021-03-03' })
  await db()
    .insertInto('person_relationship')
    .values({ person_id: ava, related_person_id: mia, relationship_type: 'sibling', household_member: true })
    .execute()
  await db()
    .insertInto('person_restriction')
    .values({
      person_id: mia,
      category: 'high_risk',
      reason: 'Risk to the child if her whereabouts became known.',
      authorised_by: await f.userId('service.manager'),
      authorised_at: new Date('2026-12-01T10:00:00Z'),
      review_due: '2027-02-01',
    })
    .execute()
  // Tom: a half-brother who lives elsewhere is not of the household.
  const tom = await f.person({ given: 'Tom', family: 'Marsh', dob: '2012-07-07' })
  await db()
    .insertInto('person_relationship')
    .values({
      person_id: fam.parent,
      related_person_id: tom,
      relationship_type: 'mother',
      household_member: false,
    })
    .execute()
  const referralId = await f.referral(ava, '2026-12-22')
  await db()
    .updateTable('referral')
    .set({ allocated_at: new Date('2026-12-23T10:00:00Z') })
    .where('id', '=', referralId)
    .execute()
  const worker = await actingAs(db(), 'social.worker')
  ;({ assessmentId } = await beginAssessment({ db: db(), clock }, worker.actor, ava, referralId, worker.ctx))
  const task = await db()
    .selectFrom('task')
    .select('id')
    .where('clock_code', '=', 'assessment-45wd')
    .where('subject_id', '=', String(assessmentId))
    .executeTakeFirstOrThrow()
  taskId = task.id
}, 60_000)
afterAll(async () => t.close())

describe('the visit measures', () => {
  it('say nobody has been seen when only a call, a visit without the child and a visit before the referral are recorded', async () => {
    await caseNote(ava, '2026-12-21T14:00:00Z', 'home_visit', 'seen_alone') // the day before the referral
    await caseNote(ava, '2026-12-23T11:00:00Z', 'phone_call', 'not_seen')
    const leoPlan = await db()
      .insertInto('cp_plan')
      .values({
        child_id: leo,
        start_date: '2026-12-01',
        initial_category: 'NEG',
        latest_category: 'NEG',
        started_by: await f.userId('social.worker'),
        recorded_at: new Date('2026-12-01T12:00:00Z'),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await cpVisit(leoPlan.id, '2026-12-23T15:00:00Z', false)
    const row = await db()
      .selectFrom('assessment_visit_measure_v')
      .selectAll()
      .where('assessment_id', '=', assessmentId)
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({
      child_id: ava,
      referral_date: '2026-12-22',
      first_visit_on: null,
      first_visit_source: null,
      household_children: 2,
      household_seen: 0,
    })
    expect(await recordSays()).toEqual({
      firstVisit: 'The child has not been seen since the referral',
      household: 'Not every child seen yet Leo Marsh: not seen Restricted record: not shown',
    })
    expect(await worklistSays()).toBe('Not yet visited 2 of 2 other children in the household not seen')
    // Later, a statutory visit at which Leo was seen.
    await cpVisit(leoPlan.id, '2026-12-29T09:30:00Z', true)
  })

  it('count a section 47 enquiry’s child seen, in working days from allocation over Christmas', async () => {
    // The enquiry started on 22 December; Ava seen on Tuesday 29 December: Thursday 24th and the
    // 29th are the working days after the allocation on the 23rd (25th and 28th bank holidays).
    await s47Seen(ava, '2026-12-22', '2026-12-29')
    const m = await measures()
    expect(m).toMatchObject({
      allocatedOn: '2026-12-23',
      firstVisitOn: '2026-12-29',
      firstVisitText: 'section 47 enquiry',
      daysToFirstVisit: 2,
      householdChildren: 2,
      householdUnseen: 1,
      allSeen: false,
    })
    expect(await recordSays()).toEqual({
      firstVisit: '29 December 2026 (section 47 enquiry), 2 working days after allocation',
      household:
        'Not every child seen yet Leo Marsh: seen 29 December 2026 (child protection visit) Restricted record: not shown',
    })
    expect(await worklistSays()).toBe(
      'First visit 2 working days after allocation 1 of 2 other children in the household not seen',
    )
  })

  it('count a restricted sister seen at a case note, naming her only to someone who may open her record', async () => {
    await caseNote(mia, '2026-12-30T10:00:00Z', 'home_visit', 'seen_alone')
    expect(await recordSays()).toEqual({
      firstVisit: '29 December 2026 (section 47 enquiry), 2 working days after allocation',
      household:
        'Every child seen Leo Marsh: seen 29 December 2026 (child protection visit) Restricted record: not shown',
    })
    expect(await worklistSays()).toBe(
      'First visit 2 working days after allocation Every child in the household seen',
    )
    const body = (
      await (await f.signedIn('social.worker')).get(`/children/${ava}/assessments/${assessmentId}`)
    ).body
    expect(body).not.toContain('Mia')
    expect(body).not.toContain('30 December 2026')
    // A manager given a grant to her record may open it: Mia is named, with the day she was seen.
    await f.grant(mia, 'team.manager', 'restriction_grant', {
      expiresAt: new Date('2027-01-31T00:00:00Z'),
      reason: 'Manager overseeing the family’s assessment.',
    })
    expect((await recordSays('team.manager')).household).toBe(
      'Every child seen Leo Marsh: seen 29 December 2026 (child protection visit) Mia Marsh: seen 30 December 2026 (case note)',
    )
  })

  it('count the assessment’s own child seen, the earliest day winning', async () => {
    await db()
      .updateTable('assessment')
      .set({ seen_on: '2026-12-24', seen_alone: true })
      .where('id', '=', assessmentId)
      .execute()
    expect(await measures()).toMatchObject({
      firstVisitOn: '2026-12-24',
      firstVisitText: 'assessment',
      daysToFirstVisit: 1,
      allSeen: true,
    })
    expect((await recordSays()).firstVisit).toBe(
      '24 December 2026 (assessment), 1 working day after allocation',
    )
    expect(await worklistSays()).toBe(
      'First visit 1 working day after allocation Every child in the household seen',
    )
    // A face-to-face case note the same day: the case note is named first (the order on one day).
    await caseNote(ava, '2026-12-24T16:00:00Z', 'school_visit', 'seen_alone')
    expect((await recordSays()).firstVisit).toBe(
      '24 December 2026 (case note), 1 working day after allocation',
    )
  })

  it('count a brother seen at a visit on his CIN plan, the earliest day winning', async () => {
    const w = await f.userId('social.worker')
    const cpPlan = await db()
      .selectFrom('cp_plan')
      .select('id')
      .where('child_id', '=', leo)
      .executeTakeFirstOrThrow()
    const cinPlan = await db()
      .insertInto('cin_plan')
      .values({
        child_id: leo,
        cp_plan_id: cpPlan.id,
        start_date: '2026-12-24',
        visit_frequency: '4w',
        started_by: w,
        recorded_at: new Date('2026-12-24T12:00:00Z'),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await db()
      .insertInto('cin_visit')
      .values({
        cin_plan_id: cinPlan.id,
        visited_at: new Date('2026-12-28T10:00:00Z'),
        child_seen: true,
        seen_alone: true,
        announced: true,
        recorded_by: w,
        recorded_at: new Date('2026-12-28T12:00:00Z'),
      })
      .execute()
    expect((await recordSays()).household).toBe(
      'Every child seen Leo Marsh: seen 28 December 2026 (child in need visit) Restricted record: not shown',
    )
  })

  it('leave a deleted assessment out', async () => {
    const again = await measures()
    expect(again).not.toBeNull()
    const w = await f.userId('social.worker')
    await db()
      .updateTable('assessment')
      .set({
        deleted_at: new Date('2027-01-05T10:00:00Z'),
        deleted_by: w,
        deleted_reason: 'Recorded on the wrong child.',
      })
      .where('id', '=', assessmentId)
      .execute()
    expect(await measures()).toBeNull()
    expect(
      await db()
        .selectFrom('assessment_visit_child_v')
        .select('member_id')
        .where('assessment_id', '=', assessmentId)
        .execute(),
    ).toEqual([])
  })
})
