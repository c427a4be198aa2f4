/**
 * Step-up and step-down between early help and children's social care, carrying the plan across
 * (issue 15), through the pages on a fixed clock (Friday 18 December 2026, 10:00).
 *
 * Step-up: the school leads Noah's early help; it asks for social care with the episode so far.
 * The front door receives a contact from early help (5D) by the step-up channel, made for the
 * school's agency, its reason followed by the assessment, the plan's scores and the team; Noah is
 * in triage; a second step-up waits for the decision (409); a health visitor with no part is
 * refused and audited; bad answers save nothing.
 *
 * Step-down: Ruby's social worker closes her case as RC9 with a note for early help; once the
 * manager authorises, the early help team's manager sees it waiting, takes it up with consent and
 * the family plan starts with the child in need plan's two outcomes, unscored; another team's
 * manager is refused; it is taken up once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/platform/calendar/clock.js'
import { caseworkFactory } from '../support/casework.js'
import { pageText, type TestApp, openTestApp } from '../support/web.js'

const clock = fixedClock('2026-12-18T10:00:00Z')
let t: TestApp
const f = caseworkFactory(() => t)
const { db, signedIn, userId } = f
let noah = 0
let episodeId = 0

const consent = {
  consent: 'yes',
  'consentOn-day': '16',
  'consentOn-month': '12',
  'consentOn-year': '2026',
  consentFrom: 'Mother',
}
const audits = (action: string, outcome: 'allowed' | 'denied') =>
  db()
    .selectFrom('audit_event')
    .select(['child_id', 'user_id', 'record_type'])
    .where('action', '=', action)
    .where('outcome', '=', outcome)
    .execute()
const stepUpContacts = () =>
  db()
    .selectFrom('contact as c')
    .innerJoin('contact_child as cc', 'cc.contact_id', 'c.id')
    .select([
      'c.id',
      'c.channel',
      'c.referral_source',
      'c.reason',
      'c.submitted_by_agency_id',
      'c.referrer_name',
      'cc.child_id',
      'cc.status',
    ])
    .where('c.channel', '=', 'step_up')
    .execute()

/** A front door decision of early help for the child, taken up by early.help; returns the episode. */
async function episodeFor(childId: number): Promise<number> {
  const contact = await db()
    .insertInto('contact')
    .values({
      received_at: new Date('2026-12-14T09:00:00Z'),
      channel: 'phone',
      referral_source: '2A',
      reason: 'Noah is often late and tired at school; his mother asked for help with routines.',
      consent: 'given',
      recorded_by: await userId('screener'),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const { id: ccId } = await db()
    .insertInto('contact_child')
    .values({
      contact_id: contact.id,
      child_id: childId,
      status: 'decided',
      decision: 'early_help',
      decided_by: await userId('mash.manager'),
      decided_at: new Date('2026-12-15T11:00:00Z'),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const manager = await signedIn('early.help')
  const team = (await f.user('early.help')).teamId as number
  expect(
    (await manager.post(`/early-help/front-door/${ccId}`, { ...consent, team: String(team) })).statusCode,
  ).toBe(303)
  const episode = await db()
    .selectFrom('eh_episode')
    .select(['id', 'version'])
    .where('child_id', '=', childId)
    .executeTakeFirstOrThrow()
  const allocated = await manager.post(`/early-help/${episode.id}/allocation`, {
    lead: String(await userId('school')),
    version: String(episode.version),
  })
  expect(allocated.statusCode).toBe(303)
  return episode.id
}

beforeAll(async () => {
  t = await openTestApp({ clock })
  noah = await f.child({ given: 'Noah', family: 'Pell', dob: '2016-05-09' }, null)
  episodeId = await episodeFor(noah)
  const school = await signedIn('school')
  expect(
    (
      await school.post(`/early-help/${episodeId}/objectives/new`, {
        objective: 'Noah gets to school on time every day',
        measure: 'Mornings on time',
        startScore: '3',
        targetScore: '8',
      })
    ).statusCode,
  ).toBe(303)
}, 90_000)
afterAll(async () => t.close())

describe('step-up to children’s social care', () => {
  it('shows the lead professional what the front door will read, and saves nothing on bad answers', async () => {
    const school = await signedIn('school')
    const form = await school.get(`/early-help/${episodeId}/step-up`)
    expect(form.statusCode).toBe(200)
    const text = pageText(form.body)
    expect(text).toContain('Family plan (scores out of 10)')
    expect(text).toContain(
      'Noah gets to school on time every day (Mornings on time): 3 at the start, 3 now, target 8.',
    )
    const bad = await school.post(`/early-help/${episodeId}/step-up`, {})
    expect(bad.statusCode).toBe(400)
    const errors = pageText(bad.body)
    expect(errors).toContain('Enter what has changed and why the child needs children’s social care')
    expect(errors).toContain('Select whether the family consented to the step-up')
    const unsought = await school.post(`/early-help/${episodeId}/step-up`, {
      reason: 'A bruise',
      consent: 'not_sought_risk',
    })
    expect(unsought.statusCode).toBe(400)
    expect(pageText(unsought.body)).toContain('Enter why asking for consent would put the child at risk')
    expect(await stepUpContacts()).toEqual([])
    expect(await db().selectFrom('eh_step_up').select('id').execute()).toEqual([])
  })

  it('refuses, and audits, a health visitor with no part in the episode, as if it did not exist', async () => {
    const hv = await signedIn('health.visitor')
    const res = await hv.post(`/early-help/${episodeId}/step-up`, {
      reason: 'Concerned',
      consent: 'given',
    })
    expect(res.statusCode).toBe(404)
    expect(res.body).not.toContain('Pell')
    expect(await stepUpContacts()).toEqual([])
    const denied = await db()
      .selectFrom('audit_event')
      .select(['outcome', 'child_id'])
      .where('request_id', '=', res.headers['x-request-id'] as string)
      .execute()
    expect(denied).toEqual([expect.objectContaining({ outcome: 'denied' })])
  })

  it('sends a contact from early help for the school’s agency, carrying the episode, into triage', async () => {
    const school = await signedIn('school')
    const res = await school.post(`/early-help/${episodeId}/step-up`, {
      reason: 'Noah came to school with a bruise to his cheek and said he is scared of his mother’s partner.',
      consent: 'given',
    })
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe(`/early-help/${episodeId}#social-care`)
    const schoolAgency = (
      await db()
        .selectFrom('app_user')
        .select('agency_id')
        .where('id', '=', await userId('school'))
        .executeTakeFirstOrThrow()
    ).agency_id
    const [contact] = await stepUpContacts()
    expect(contact).toMatchObject({
      channel: 'step_up',
      referral_source: '5D',
      child_id: noah,
      status: 'in_triage',
      submitted_by_agency_id: schoolAgency,
    })
    expect(contact?.reason).toMatch(/^Noah came to school with a bruise/)
    expect(contact?.reason).toContain('Stepped up from early help. The episode so far:')
    expect(contact?.reason).toContain('lead professional')
    expect(contact?.reason).toContain('3 at the start, 3 now, target 8')
    const [stepUp] = await db().selectFrom('eh_step_up').selectAll().execute()
    expect(stepUp).toMatchObject({ episode_id: episodeId, requested_by: await userId('school') })
    const events = await db()
      .selectFrom('case_event')
      .select(['type', 'summary'])
      .where('child_id', '=', noah)
      .where('type', 'in', ['earlyhelp.stepped_up', 'contact.received'])
      .orderBy('id')
      .execute()
    expect(events.map((e) => e.type)).toEqual(['contact.received', 'earlyhelp.stepped_up'])
    const schoolId = await userId('school')
    const allowed = await audits('earlyhelp.step_up', 'allowed')
    expect(allowed).toEqual([expect.objectContaining({ child_id: noah, user_id: schoolId })])
    expect((await audits('contact.record', 'allowed')).some((a) => a.user_id === schoolId)).toBe(true)

    // The front door reads it as a step-up, with the plan; the episode shows it waiting.
    const screener = await signedIn('screener')
    const page = pageText((await screener.get(`/contacts/${contact?.id}`)).body)
    expect(page).toContain('Step-up from early help')
    expect(page).toContain('Noah gets to school on time every day')
    const episode = pageText((await school.get(`/early-help/${episodeId}`)).body)
    expect(episode).toContain('Waiting for its decision')
    expect(episode).not.toContain('Step up to children’s social care')
  })

  it('waits for the front door’s decision before another step-up (409), saving nothing', async () => {
    const school = await signedIn('school')
    const res = await school.post(`/early-help/${episodeId}/step-up`, {
      reason: 'Another worry',
      consent: 'given',
    })
    expect(res.statusCode).toBe(409)
    expect(pageText(res.body)).toContain('The front door is already considering this child’s step-up')
    expect(await stepUpContacts()).toHaveLength(1)
  })

  it('shows the front door’s decision on the episode once made', async () => {
    const [contact] = await stepUpContacts()
    await db()
      .updateTable('contact_child')
      .set({
        status: 'decided',
        decision: 'referral',
        decided_by: await userId('mash.manager'),
        decided_at: clock.now(),
      })
      .where('contact_id', '=', contact!.id)
      .execute()
    const school = await signedIn('school')
    const episode = pageText((await school.get(`/early-help/${episodeId}`)).body)
    expect(episode).toMatch(/Decided: Referral/)
    expect(episode).toContain('Step up to children’s social care')
    expect(episode).toContain('The front door referred Noah Pell to children’s social care')
  })
})

describe('step-down from children’s social care', () => {
  let ruby = 0
  let closureId = 0

  beforeAll(async () => {
    ruby = await f.child({ given: 'Ruby', family: 'Hale', dob: '2015-02-11' })
    await db()
      .updateTable('person')
      .set({ sex: 'F', ethnicity: 'WBRI', upn_unknown_reason: 'UN2' })
      .where('id', '=', ruby)
      .execute()
    const worker = await userId('social.worker')
    const referral = await f.referral(ruby, '2026-06-01')
    const { id: assessment } = await db()
      .insertInto('assessment')
      .values({
        child_id: ruby,
        referral_id: referral,
        started_on: '2026-06-02',
        started_by: worker,
        started_at: new Date('2026-06-02T10:00:00Z'),
        status: 'authorised',
        seen_on: '2026-06-03',
        seen_alone: true,
        factors: ['1C'],
        primary_need: 'N2',
        outcome: 'cin_plan',
        authorised_on: '2026-07-01',
        authorised_by: await userId('team.manager'),
        updated_by: worker,
        updated_at: new Date('2026-07-01T15:00:00Z'),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const { id: plan } = await db()
      .insertInto('cin_plan')
      .values({
        child_id: ruby,
        referral_id: referral,
        assessment_id: assessment,
        start_date: '2026-07-06',
        visit_frequency: '4w',
        end_date: '2026-12-10',
        end_reason: 'RC9',
        ended_by: worker,
        ended_at: new Date('2026-12-10T12:00:00Z'),
        started_by: worker,
        recorded_at: new Date('2026-07-06T12:00:00Z'),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const outcomes = ['Ruby attends school every day', 'Ruby’s mother keeps her health appointments']
    for (const [k, outcome] of outcomes.entries()) {
      const { id } = await db()
        .insertInto('cin_plan_outcome')
        .values({
          cin_plan_id: plan,
          outcome,
          recorded_by: worker,
          recorded_at: new Date('2026-07-06T12:00:00Z'),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await db()
        .insertInto('cin_plan_action')
        .values([
          {
            cin_plan_outcome_id: id,
            action: `Action ${k + 1}a`,
            owner_kind: 'agency',
            owner_name: 'School',
            due_on: '2026-09-01',
            status: 'delivered',
            delivered_on: '2026-08-28',
            status_by: worker,
            status_at: new Date('2026-08-28T12:00:00Z'),
            recorded_by: worker,
            recorded_at: new Date('2026-07-06T12:00:00Z'),
          },
          {
            cin_plan_outcome_id: id,
            action: `Action ${k + 1}b`,
            owner_kind: 'person',
            owner_name: 'Mother',
            due_on: '2026-10-01',
            recorded_by: worker,
            recorded_at: new Date('2026-07-06T12:00:00Z'),
          },
        ])
        .execute()
    }
  }, 60_000)

  const checklist = {
    agency1: 'Oakfield Primary School',
    agencyAsked1: 'yes',
    agencyView1: 'Attendance has improved; the school supports early help.',
    outstandingConcerns: 'none',
    childVoice: 'recorded',
    childSaid: 'Ruby said she would like the family worker to keep coming.',
    closureReason: 'RC9',
    consentWithdrawn: 'no',
    risksUnchanged: 'no',
  }

  it('asks whether the family steps down, and what early help should know; RC9 is a step-down', async () => {
    const w = await signedIn('social.worker')
    const missing = await w.post(`/children/${ruby}/case-closure`, checklist)
    expect(missing.statusCode).toBe(400)
    expect(pageText(missing.body)).toContain('Select whether the family steps down to early help')
    const no = await w.post(`/children/${ruby}/case-closure`, { ...checklist, stepDown: 'no' })
    expect(pageText(no.body)).toContain('RC9 is a referral to early help')
    const noNote = await w.post(`/children/${ruby}/case-closure`, { ...checklist, stepDown: 'yes' })
    expect(pageText(noNote.body)).toContain('Enter what early help should know to carry on the work')
    expect(await db().selectFrom('case_closure').select('id').where('child_id', '=', ruby).execute()).toEqual(
      [],
    )
  })

  it('waits, once the closure is authorised, for the early help team’s manager', async () => {
    const w = await signedIn('social.worker')
    const proposed = await w.post(`/children/${ruby}/case-closure`, {
      ...checklist,
      stepDown: 'yes',
      stepDownNote: 'Mother engages well with the family worker; keep the school routines going.',
    })
    expect(proposed.statusCode).toBe(303)
    const closure = await db()
      .selectFrom('case_closure')
      .select(['id', 'step_down', 'step_down_note'])
      .where('child_id', '=', ruby)
      .executeTakeFirstOrThrow()
    expect(closure.step_down).toBe(true)
    closureId = closure.id
    const manager = await signedIn('early.help')
    expect(pageText((await manager.get('/early-help')).body)).not.toContain('Ruby Hale')
    const tm = await signedIn('team.manager')
    const authorised = await tm.post(`/case-closures/${closureId}/authorisation`, {
      outcome: 'authorise',
      oversightNote:
        'The plan’s outcomes are largely met; early help will carry on with the family’s consent.',
    })
    expect(authorised.statusCode).toBe(303)
    const list = pageText((await manager.get('/early-help')).body)
    expect(list).toContain('Stepped down from children’s social care')
    expect(list).toContain('Ruby Hale')
    const form = pageText((await manager.get(`/early-help/step-down/${closureId}`)).body)
    expect(form).toContain('Mother engages well with the family worker')
    expect(form).toContain('Ruby attends school every day (1 of 2 actions delivered)')
  })

  it('refuses, and audits, a manager of another team', async () => {
    const other = await signedIn('safeguarding.manager')
    const res = await other.get(`/early-help/step-down/${closureId}`)
    expect(res.statusCode).toBe(403)
    expect(res.body).not.toContain('Hale')
    const otherId = await userId('safeguarding.manager')
    expect(
      (await audits('earlyhelp.view', 'denied')).some((a) => a.user_id === otherId && a.child_id === ruby),
    ).toBe(true)
  })

  it('starts the episode with the child in need plan’s outcomes as its objectives, once', async () => {
    const manager = await signedIn('early.help')
    const team = (await f.user('early.help')).teamId as number
    const res = await manager.post(`/early-help/step-down/${closureId}`, { ...consent, team: String(team) })
    expect(res.statusCode).toBe(303)
    const episode = await db()
      .selectFrom('eh_episode')
      .select(['id', 'origin', 'case_closure_id', 'status'])
      .where('child_id', '=', ruby)
      .executeTakeFirstOrThrow()
    expect(episode).toMatchObject({
      origin: 'step_down',
      case_closure_id: closureId,
      status: 'awaiting_allocation',
    })
    const objectives = await db()
      .selectFrom('eh_objective')
      .select(['objective', 'measure', 'target_score'])
      .where('episode_id', '=', episode.id)
      .orderBy('id')
      .execute()
    expect(objectives).toEqual([
      {
        objective: 'Ruby attends school every day',
        measure: 'Carried from the child in need plan (1 of 2 actions delivered)',
        target_score: 10,
      },
      {
        objective: 'Ruby’s mother keeps her health appointments',
        measure: 'Carried from the child in need plan (1 of 2 actions delivered)',
        target_score: 10,
      },
    ])
    const page = pageText((await manager.get(`/early-help/${episode.id}`)).body)
    expect(page).toContain('Stepped down from children’s social care')
    expect(page).toContain('Not scored')
    expect(
      await db()
        .selectFrom('case_event')
        .select('type')
        .where('child_id', '=', ruby)
        .where('type', '=', 'earlyhelp.stepped_down')
        .execute(),
    ).toHaveLength(1)
    expect(pageText((await manager.get('/early-help')).body)).not.toContain('Start early help for Ruby Hale')
    const again = await manager.post(`/early-help/step-down/${closureId}`, { ...consent, team: String(team) })
    expect(pageText(again.body)).toContain('Early help has already started an episode from this step-down.')
    expect(
      await db().selectFrom('eh_episode').select('id').where('child_id', '=', ruby).execute(),
    ).toHaveLength(1)
  })
})
