/**
 * Pre-birth work through the pages, on a fixed clock (issue 14): the prompt on an unborn child's
 * record when a parent or a brother or sister is known to social care (links only where the
 * reader may follow them; a restricted sister the reader may not open left out; no prompt for a
 * born child or a family with no history, nor once an assessment has started); a pre-birth
 * assessment started from the unborn child's referral (no child seen before the birth, the
 * parents' views in place of wishes and feelings, the same 45 working days); and an initial
 * conference for the unborn child starting a CP plan that carries on, clocks and all, after the
 * birth, shown as started before birth. Monday 2 March 2026: Good Friday (3 April), Easter Monday
 * (6 April) and the early May bank holiday (4 May) fall in the 45 working days.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/platform/calendar/clock.js'
import { londonDate } from '../../src/platform/calendar/dates.js'
import { openCaseWith } from '../support/frontdoor.js'
import { Browser, pageText, openTestApp, type TestApp } from '../support/web.js'

const clock = fixedClock('2026-03-02T10:00:00Z')
let t: TestApp
const db = () => t.database.db
let baby = 0
let mother = 0
let leo = 0
let kit = 0
let zara = 0
let other = 0
let leoPlan = 0
let motherReferral = 0
let babyReferral = 0
let assessmentId = 0
let s47 = 0
let conferenceId = 0
let babyPlan = 0

async function signedIn(username: string) {
  const b = new Browser(t.app)
  await b.signIn(username)
  return b
}

async function user(username: string) {
  return db()
    .selectFrom('app_user')
    .select(['id', 'team_id'])
    .where('username', '=', username)
    .executeTakeFirstOrThrow()
}

async function person(
  given: string,
  kind: 'child' | 'adult' | 'unborn',
  dob: string | null,
  o: { family?: string; restricted?: boolean } = {},
) {
  const row = await db()
    .insertInto('person')
    .values({
      kind,
      given_name: given,
      family_name: o.family ?? 'Marsh',
      date_of_birth: dob,
      expected_birth_date: kind === 'unborn' ? '2026-06-01' : null,
      sex: kind === 'unborn' ? 'U' : 'F',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  if (o.restricted)
    // Restricted as a manager restricts a record: the trigger sets the person's flag.
    await db()
      .insertInto('person_restriction')
      .values({
        person_id: row.id,
        category: 'high_risk',
        reason: 'Risk to the child if her whereabouts became known.',
        authorised_by: (await user('service.manager')).id,
        authorised_at: new Date('2026-02-20T10:00:00Z'),
        review_due: '2026-05-01',
      })
      .execute()
  return row.id
}

async function referralFor(childId: number, date: string, o: { nfa?: boolean; closed?: boolean } = {}) {
  const w = await user('social.worker')
  const row = await db()
    .insertInto('referral')
    .values({
      child_id: childId,
      referral_date: date,
      referral_source: '6',
      re_referral: false,
      nfa: o.nfa ?? false,
      status: o.closed ? 'closed' : 'allocated',
      team_id: w.team_id,
      worker_id: o.closed ? null : w.id,
      allocated_at: new Date(`${date}T09:30:00Z`),
      closed_at: o.closed ? new Date(`${date}T16:00:00Z`) : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

async function planFor(childId: number, start: string) {
  const w = await user('social.worker')
  const row = await db()
    .insertInto('cp_plan')
    .values({
      child_id: childId,
      start_date: start,
      initial_category: 'NEG',
      latest_category: 'NEG',
      started_by: w.id,
      recorded_at: new Date(`${start}T12:00:00Z`),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

async function tasksOf(subjectType: string, subjectId: number) {
  return db()
    .selectFrom('task')
    .select(['clock_code', 'due_at', 'stopped_at'])
    .where('subject_type', '=', subjectType)
    .where('subject_id', '=', String(subjectId))
    .orderBy('clock_code')
    .orderBy('id')
    .execute()
}

beforeAll(async () => {
  t = await openTestApp({ clock })
  baby = await person('Baby', 'unborn', null)
  mother = await person('Sophie', 'adult', '2005-02-02')
  leo = await person('Leo', 'child', '2019-09-12')
  kit = await person('Kit', 'child', '2016-04-02')
  zara = await person('Zara', 'child', '2014-01-20', { restricted: true })
  other = await person('Baby', 'unborn', null, { family: 'Quarry' })
  await db()
    .insertInto('person_relationship')
    .values([
      // Sophie is the mother of the unborn baby and of Leo; Kit and Zara are Leo's brother and sister.
      { person_id: mother, related_person_id: baby, relationship_type: 'mother', household_member: true },
      { person_id: mother, related_person_id: leo, relationship_type: 'mother', household_member: true },
      { person_id: kit, related_person_id: baby, relationship_type: 'half_sibling', household_member: false },
      {
        person_id: zara,
        related_person_id: baby,
        relationship_type: 'half_sibling',
        household_member: false,
      },
    ])
    .execute()
  // The social worker holds the baby's and Leo's cases; Kit's case is closed, no one holds it.
  await openCaseWith(db(), baby)
  await openCaseWith(db(), leo)
  await openCaseWith(db(), other)
  // Sophie was referred as a teenager; Leo is on a plan; Kit had a referral closed with no
  // further action; Zara's record is restricted and has a section 47 enquiry.
  motherReferral = await referralFor(mother, '2021-05-04', { closed: true })
  leoPlan = await planFor(leo, '2025-11-03')
  await referralFor(kit, '2024-01-15', { nfa: true, closed: true })
  const zaraReferral = await referralFor(zara, '2025-06-02', { closed: true })
  const sd = await db()
    .insertInto('strategy_discussion')
    .values({
      child_id: zara,
      referral_id: zaraReferral,
      requested_by: (await user('social.worker')).id,
      requested_at: new Date('2025-06-02T10:00:00Z'),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db()
    .insertInto('s47_enquiry')
    .values({
      child_id: zara,
      strategy_discussion_id: sd.id,
      start_date: '2025-06-02',
      joint: true,
      created_at: new Date('2025-06-02T12:00:00Z'),
    })
    .execute()
  babyReferral = await referralFor(baby, '2026-03-02')
  await referralFor(other, '2026-03-02')
}, 60_000)
afterAll(async () => t.close())

describe('the pre-birth prompt', () => {
  it('shows on the unborn child’s record what the family’s history is, linked where the reader may follow', async () => {
    const b = await signedIn('social.worker')
    const res = await b.get(`/children/${baby}`)
    expect(res.statusCode).toBe(200)
    const prompt = res.body.slice(res.body.indexOf('data-testid="prebirth-prompt"'))
    // The page's text up to the next panel, with no space before a comma after a link.
    const text = pageText(prompt.slice(0, prompt.indexOf('data-testid="case-notes-panel"'))).replace(
      / ,/g,
      ',',
    )
    expect(text).toContain('Consider a pre-birth assessment')
    expect(text).toContain('Leo Marsh (brother or sister): Child protection plan (open), 3 November 2025')
    expect(text).toContain('Kit Marsh (brother or sister): Referral (no further action), 15 January 2024')
    expect(text).toContain('Sophie Marsh (parent): Referral, 4 May 2021')
    // Zara's record is restricted and the worker may not open it: nothing of it is shown.
    expect(text).not.toContain('Zara')
    expect(text).not.toContain('Section 47')
    // Leo's plan is linked; Kit's and Sophie's records are not the worker's to open.
    expect(prompt).toContain(`href="/cp-plans/${leoPlan}"`)
    expect(prompt).not.toContain(`href="/referrals/${motherReferral}"`)
    expect(prompt).toContain(`href="/children/${baby}/assessments/new"`)
    // The link the reader may follow opens.
    expect((await b.get(`/cp-plans/${leoPlan}`)).statusCode).toBe(200)
  })

  it('shows a restricted sister’s history to someone who may open her record', async () => {
    const w = await user('social.worker')
    await db()
      .insertInto('child_access')
      .values({ child_id: zara, user_id: w.id, basis: 'allocated_worker', granted_by: w.id })
      .execute()
    const page = await (await signedIn('social.worker')).get(`/children/${baby}`)
    const text = pageText(page.body).replace(/ ,/g, ',')
    expect(text).toContain('Zara Marsh (brother or sister): Section 47 enquiry, 2 June 2025')
    await db().deleteFrom('child_access').where('child_id', '=', zara).execute()
  })

  it('is not shown on a born child’s record, nor for an unborn child whose family has no history', async () => {
    const b = await signedIn('social.worker')
    for (const id of [leo, other]) {
      const res = await b.get(`/children/${id}`)
      expect(res.statusCode).toBe(200)
      expect(res.body).not.toContain('data-testid="prebirth-prompt"')
    }
  })
})

describe('a pre-birth assessment', () => {
  it('starts from the unborn child’s referral, with the prompt on the start page, due in 45 working days', async () => {
    const b = await signedIn('social.worker')
    const form = await b.get(`/children/${baby}/assessments/new`)
    expect(form.statusCode).toBe(200)
    const text = pageText(form.body)
    expect(text).toContain('Start a pre-birth assessment')
    expect(text).toContain('Consider a pre-birth assessment')
    const res = await b.post(`/children/${baby}/assessments/new`, { referralId: String(babyReferral) })
    expect(res.statusCode, res.body).toBe(303)
    assessmentId = Number(/assessments\/(\d+)/.exec(res.headers.location as string)?.[1])
    const task = await db()
      .selectFrom('task')
      .select('due_at')
      .where('clock_code', '=', 'assessment-45wd')
      .where('subject_id', '=', String(assessmentId))
      .executeTakeFirstOrThrow()
    expect(londonDate(task.due_at.getTime())).toBe('2026-05-07')
    const event = await db()
      .selectFrom('case_event')
      .select('summary')
      .where('type', '=', 'assessment.started')
      .where('child_id', '=', baby)
      .executeTakeFirstOrThrow()
    expect(event.summary).toBe('Pre-birth assessment started')
    // Answered: the prompt leaves the record.
    expect((await b.get(`/children/${baby}`)).body).not.toContain('data-testid="prebirth-prompt"')
  })

  it('asks no child seen before the birth, and the parents’ views in place of wishes and feelings', async () => {
    const b = await signedIn('social.worker')
    const base = `/children/${baby}/assessments/${assessmentId}`
    const page = pageText((await b.get(base)).body)
    expect(page).toContain('Pre-birth assessment')
    expect(page).toContain('Not applicable before birth')
    expect(page).toContain('The parents’ views and the baby’s needs')
    const version = async () =>
      String(
        (
          await db()
            .selectFrom('assessment')
            .select('version')
            .where('id', '=', assessmentId)
            .executeTakeFirstOrThrow()
        ).version,
      )
    const seen = await b.post(`${base}/seen`, {
      version: await version(),
      'seen-day': '2',
      'seen-month': '3',
      'seen-year': '2026',
      seenAlone: 'yes',
    })
    expect(seen.statusCode).toBe(409)
    expect(pageText(seen.body)).toContain('The child is not born yet')
    const empty = await b.post(`${base}/wishes`, { version: await version(), wishesAndFeelings: '' })
    expect(empty.statusCode).toBe(400)
    expect(pageText(empty.body)).toContain('Enter the parents’ views and what the baby will need')
    const sections: [string, [string, string][]][] = [
      [
        'wishes',
        [['wishesAndFeelings', 'Sophie wants to keep the baby and has asked for help with housing.']],
      ],
      ['factors', [['factors', '2B']]],
      ['need', [['primaryNeed', 'N1']]],
      ['analysis', [['analysis', 'Leo is on a plan for neglect; the same risks apply to the baby.']]],
      ['outcome', [['outcome', 'strategy_discussion']]],
    ]
    for (const [section, fields] of sections) {
      const res = await b.postMany(`${base}/${section}`, [['version', await version()], ...fields])
      expect(res.statusCode, `${section}: ${res.body}`).toBe(303)
    }
    const sent = await b.post(`${base}/check`, { version: await version() })
    expect(sent.statusCode, sent.body).toBe(303)
    const row = await db()
      .selectFrom('assessment')
      .select(['status', 'seen_on', 'wishes_and_feelings'])
      .where('id', '=', assessmentId)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({
      status: 'awaiting_authorisation',
      seen_on: null,
      wishes_and_feelings: 'Sophie wants to keep the baby and has asked for help with housing.',
    })
  })
})

describe('an initial conference and plan for the unborn child, carried over at the birth', () => {
  it('holds the strategy discussion, the enquiry and the ICPC for the unborn child, starting a plan', async () => {
    const b = await signedIn('social.worker')
    const sd = await db()
      .insertInto('strategy_discussion')
      .values({
        child_id: baby,
        referral_id: babyReferral,
        requested_by: (await user('safeguarding.manager')).id,
        requested_at: new Date('2026-03-02T08:00:00Z'),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const held = await b.post(`/strategy-discussions/${sd.id}/held`, {
      'held-day': '2',
      'held-month': '3',
      'held-year': '2026',
      'held-time': '09:00',
      'participant-0-agency': 'social_care',
      'participant-0-name': 'Amara Lewis',
      'participant-1-agency': 'police',
      'participant-1-name': 'DC Sam Turner',
      'participant-2-agency': 'health',
      'participant-2-name': 'Nia Barker, midwife',
      'participant-2-shared': 'Booked late at 20 weeks; missed two antenatal appointments.',
      outcome: 's47_single',
      actions: 'Visit the mother this week.',
    })
    expect(held.statusCode, held.body).toBe(303)
    s47 = (
      await db().selectFrom('s47_enquiry').select('id').where('child_id', '=', baby).executeTakeFirstOrThrow()
    ).id
    const outcome = await b.post(`/s47-enquiries/${s47}/outcome`, {
      outcome: 'substantiated',
      likelyHarm: 'yes',
      conferenceNeeded: 'yes',
    })
    expect(outcome.statusCode, outcome.body).toBe(303)
    // A manager authorises the outcome: the conference can be arranged from then.
    const authorised = await (
      await signedIn('service.manager')
    ).post(`/s47-enquiries/${s47}/authorisation`, {
      outcome: 'authorise',
      oversightNote: 'The unborn baby is likely to suffer significant harm: a conference is needed.',
    })
    expect(authorised.statusCode, authorised.body).toBe(303)
    const chair = await user('safeguarding.manager')
    const arranged = await b.postMany(`/s47-enquiries/${s47}/conference`, [
      ['scheduled-day', '16'],
      ['scheduled-month', '3'],
      ['scheduled-year', '2026'],
      ['scheduled-time', '10:00'],
      ['chair', String(chair.id)],
    ])
    expect(arranged.statusCode, arranged.body).toBe(303)
    conferenceId = Number(/conferences\/(\d+)/.exec(arranged.headers.location as string)?.[1])
    clock.set('2026-03-16T12:00:00Z')
    const icpc = await b.post(`/conferences/${conferenceId}/held`, {
      'held-day': '16',
      'held-month': '3',
      'held-year': '2026',
      'held-time': '10:00',
      childParticipation: 'too_young',
      familyParticipation: 'attended',
      [`decision-${baby}`]: 'plan',
      [`category-${baby}`]: 'NEG',
    })
    expect(icpc.statusCode, icpc.body).toBe(303)
    const plan = await db()
      .selectFrom('protection_cp_plan_v')
      .selectAll()
      .where('child_id', '=', baby)
      .executeTakeFirstOrThrow()
    babyPlan = plan.plan_id
    expect([plan.start_date, plan.referral_id, plan.initial_category, plan.end_date]).toEqual([
      '2026-03-16',
      babyReferral,
      'NEG',
      null,
    ])
    expect(pageText((await b.get(`/conferences/${conferenceId}`)).body)).toContain('Baby Marsh (unborn)')
  })

  it('keeps the plan, its clocks and its history on the same record after the birth, shown as started before birth', async () => {
    const b = await signedIn('social.worker')
    const before = await tasksOf('cp_plan', babyPlan)
    expect(before.map((r) => r.clock_code)).toEqual([
      'core-group-first-10wd',
      'cp-review-first-3m',
      'cp-visit-10wd',
    ])
    clock.set('2026-04-20T12:00:00Z')
    const born = await b.post(`/children/${baby}/birth`, {
      'dateOfBirth-day': '18',
      'dateOfBirth-month': '4',
      'dateOfBirth-year': '2026',
      sex: 'F',
    })
    expect(born.statusCode, born.body).toBe(303)
    // Nothing stopped or moved: the same tasks, the same due dates, still open.
    expect(await tasksOf('cp_plan', babyPlan)).toEqual(before)
    expect(before.every((r) => r.stopped_at === null)).toBe(true)
    const plan = await db()
      .selectFrom('protection_cp_plan_v')
      .selectAll()
      .where('child_id', '=', baby)
      .execute()
    expect(plan.map((p) => [p.plan_id, p.end_date])).toEqual([[babyPlan, null]])
    const record = await b.get(`/children/${baby}`)
    const panel = pageText(record.body.slice(record.body.indexOf('data-testid="cp-plans-panel"')))
    expect(panel).toContain(
      'Plan from 16 March 2026 (open), next review due by 16 June 2026 Started before birth',
    )
    expect(panel).toContain('Conference held 16 March 2026, before birth')
    expect(pageText((await b.get(`/cp-plans/${babyPlan}`)).body)).toContain('16 March 2026, before birth')
    expect(pageText((await b.get(`/conferences/${conferenceId}`)).body)).toContain(
      'Baby Marsh (conference before birth)',
    )
    // A visit after the birth moves the visit clock on, as for any plan.
    const visit = await b.post(`/cp-plans/${babyPlan}/visits/new`, {
      version: String(
        (
          await db()
            .selectFrom('cp_plan')
            .select('version')
            .where('id', '=', babyPlan)
            .executeTakeFirstOrThrow()
        ).version,
      ),
      'visited-day': '20',
      'visited-month': '4',
      'visited-year': '2026',
      'visited-time': '10:00',
      whoPresent: 'Sophie and the baby',
      seen: 'yes',
      seenAlone: 'no',
      announced: 'yes',
    })
    expect(visit.statusCode, visit.body).toBe(303)
    const visits = (await tasksOf('cp_plan', babyPlan)).filter((r) => r.clock_code === 'cp-visit-10wd')
    expect(visits.map((v) => v.stopped_at !== null)).toEqual([true, false])
    // The pre-birth assessment stays one after the birth.
    expect(pageText((await b.get(`/children/${baby}/assessments/${assessmentId}`)).body)).toContain(
      'Pre-birth assessment',
    )
  })

  it('leaves a child born before its plan without the words', async () => {
    const text = pageText((await (await signedIn('social.worker')).get(`/children/${leo}`)).body)
    expect(text).toContain('Plan from 3 November 2025 (open)')
    expect(text).not.toContain('before birth')
  })
})
