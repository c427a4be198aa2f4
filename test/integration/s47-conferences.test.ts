/**
 * Section 47 enquiries and conferences through the pages, on a fixed clock (issue 14): two
 * siblings' strategy discussions held with a section 47 outcome start their enquiries on the
 * discussion's date; outcomes; one initial conference for both with a decision per child; a
 * police officer invited sees the conference (not the case notes) and sends a report, an
 * uninvited partner is refused, and once the access expires the officer is refused too (all
 * audited). Dates out of order are refused with nothing saved.
 * Friday 11 December 2026: 25 and 28 December and 1 January are bank holidays.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/platform/calendar/clock.js'
import { AVA, caseworkFactory, LEO } from '../support/casework.js'
import { pageText, type TestApp, openTestApp } from '../support/web.js'

const clock = fixedClock('2026-12-11T10:00:00Z')
let t: TestApp
const f = caseworkFactory(() => t)
const { db, signedIn, userId } = f
let ava = 0
let leo = 0
let sdAva = 0
let sdLeo = 0
let s47Ava = 0
let s47Leo = 0
let conferenceId = 0
let invitationId = 0

async function discussion(childId: number) {
  const row = await db()
    .insertInto('strategy_discussion')
    .values({
      child_id: childId,
      referral_id: null,
      requested_by: await userId('safeguarding.manager'),
      requested_at: new Date('2026-12-11T08:00:00Z'),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

async function denials(requestId: string) {
  return db()
    .selectFrom('audit_event')
    .select(['action', 'outcome', 'child_id'])
    .where('request_id', '=', requestId)
    .where('outcome', '=', 'denied')
    .execute()
}

const held = (outcome: string, extra: Record<string, string> = {}) => ({
  'held-day': '11',
  'held-month': '12',
  'held-year': '2026',
  'held-time': '09:00',
  'participant-0-agency': 'social_care',
  'participant-0-name': 'Amara Lewis',
  'participant-1-agency': 'police',
  'participant-1-name': 'DC Sam Turner',
  'participant-1-shared': 'Two domestic abuse call-outs this year.',
  'participant-2-agency': 'health',
  'participant-2-name': 'Nia Barker',
  'participant-2-shared': 'Leo missed his last two health reviews.',
  outcome,
  actions: 'Visit both children today.',
  ...extra,
})

beforeAll(async () => {
  t = await openTestApp({ clock })
  ;({
    children: [ava, leo],
  } = await f.family('Marlowe', [AVA, LEO]))
  sdAva = await discussion(ava)
  sdLeo = await discussion(leo)
  // A second partner account, never invited.
}, 60_000)
afterAll(async () => t.close())

describe('strategy discussion to section 47', () => {
  it('refuses immediate protection without saying which, saving nothing', async () => {
    const b = await signedIn('social.worker')
    const res = await b.post(`/strategy-discussions/${sdAva}/held`, held('immediate_protection'))
    expect(res.statusCode).toBe(400)
    expect(pageText(res.body)).toContain('Select police protection or an emergency protection order')
    expect(
      await db().selectFrom('s47_enquiry').select('id').where('child_id', 'in', [ava, leo]).execute(),
    ).toEqual([])
  })

  it('starts each child’s section 47 enquiry on the date of the strategy discussion, with the ICPC due in 15 working days', async () => {
    const b = await signedIn('social.worker')
    clock.set('2026-12-14T11:00:00Z')
    const a = await b.post(`/strategy-discussions/${sdAva}/held`, held('s47_joint'))
    expect(a.statusCode, a.body).toBe(303)
    const l = await b.post(
      `/strategy-discussions/${sdLeo}/held`,
      held('immediate_protection', { immediateProtection: 'police_protection' }),
    )
    expect(l.statusCode, l.body).toBe(303)
    const rows = await db()
      .selectFrom('s47_enquiry')
      .selectAll()
      .where('child_id', 'in', [ava, leo])
      .orderBy('id')
      .execute()
    expect(rows.map((r) => [r.child_id, r.start_date, r.joint])).toEqual([
      [ava, '2026-12-11', true],
      [leo, '2026-12-11', true],
    ])
    s47Ava = rows[0]?.id as number
    s47Leo = rows[1]?.id as number
    expect(a.headers.location).toBe(`/s47-enquiries/${s47Ava}`)
    const page = pageText((await b.get(`/s47-enquiries/${s47Ava}`)).body)
    expect(page).toContain('11 December 2026, the day of the strategy discussion')
    expect(page).toContain('6 January 2027 (15 working days from the strategy discussion)')
    const task = await db()
      .selectFrom('task')
      .select(['clock_code', 'due_at', 'stopped_at'])
      .where('subject_type', '=', 's47')
      .where('subject_id', '=', String(s47Ava))
      .executeTakeFirstOrThrow()
    expect(task.clock_code).toBe('icpc-15wd')
    // Due by the end of Wednesday 6 January 2027 in London.
    expect(new Date(task.due_at).toISOString().slice(0, 10)).toBe('2027-01-06')
    const shared = await db()
      .selectFrom('strategy_discussion_participant')
      .select(['agency_kind', 'information_shared'])
      .where('strategy_discussion_id', '=', sdLeo)
      .where('information_shared', 'is not', null)
      .orderBy('id')
      .execute()
    expect(shared.map((s) => s.agency_kind)).toEqual(['police', 'health'])
    expect(pageText((await b.get(`/strategy-discussions/${sdLeo}`)).body)).toContain(
      'Police protection (Children Act 1989, section 46)',
    )
  })

  it('invites the police to a strategy discussion: the officer reads it and adds what the police know', async () => {
    const b = await signedIn('social.worker')
    const police = await userId('police')
    const res = await b.post(`/strategy-discussions/${sdAva}/invitations/new`, {
      agency: 'police',
      personName: 'DC Sam Turner',
      userId: String(police),
      reportRequested: 'no',
    })
    expect(res.statusCode, res.body).toBe(303)
    const inv = await db()
      .selectFrom('protection_invitation')
      .select(['id', 'access_until'])
      .where('strategy_discussion_id', '=', sdAva)
      .executeTakeFirstOrThrow()
    // Held on Friday 11 December: to the end of the 10th working day after, past Christmas.
    expect(new Date(inv.access_until as Date).toISOString()).toBe('2026-12-29T23:59:59.999Z')
    const officer = await signedIn('police')
    expect((await officer.get(`/strategy-discussions/${sdAva}`)).statusCode).toBe(200)
    expect((await officer.get(`/strategy-discussions/${sdLeo}`)).statusCode).toBe(404)
    const sent = await officer.post(`/invitations/${inv.id}/contribution`, {
      contribution: 'The father was arrested at the address in November.',
    })
    expect(sent.statusCode, sent.body).toBe(303)
    expect(sent.headers.location).toBe(`/strategy-discussions/${sdAva}`)
    // Another worker with no link to the child cannot record it.
    const stranger = await signedIn('social.worker2')
    expect((await stranger.get(`/invitations/${inv.id}/contribution`)).statusCode).toBe(403)
    // The invitation is not the conference's: the later conference test counts its own.
    await db().deleteFrom('child_access').where('user_id', '=', police).where('child_id', '=', ava).execute()
    await db().deleteFrom('protection_invitation').where('id', '=', inv.id).execute()
  })

  it('records the child seen and the outcome; a date before the enquiry started is refused', async () => {
    const b = await signedIn('social.worker')
    const early = await b.post(`/s47-enquiries/${s47Ava}/child-seen`, {
      'seen-day': '10',
      'seen-month': '12',
      'seen-year': '2026',
      seenAlone: 'yes',
    })
    expect(early.statusCode).toBe(400)
    expect(pageText(early.body)).toContain('must be on or after 11 December 2026')
    for (const id of [s47Ava, s47Leo]) {
      const seen = await b.post(`/s47-enquiries/${id}/child-seen`, {
        'seen-day': '11',
        'seen-month': '12',
        'seen-year': '2026',
        seenAlone: id === s47Ava ? 'yes' : 'no',
      })
      expect(seen.statusCode).toBe(303)
      const outcome = await b.post(`/s47-enquiries/${id}/outcome`, {
        outcome: 'substantiated',
        likelyHarm: 'yes',
        conferenceNeeded: 'yes',
      })
      expect(outcome.statusCode, outcome.body).toBe(303)
    }
    // Waiting for the manager: not completed, no conference yet, nothing for the census.
    const waiting = await db()
      .selectFrom('protection_s47_v')
      .selectAll()
      .where('child_id', 'in', [ava, leo])
      .orderBy('s47_id')
      .execute()
    expect(waiting.map((v) => [v.outcome, v.completed_date, v.icpc_not_required])).toEqual([
      [null, null, false],
      [null, null, false],
    ])
    expect((await b.get(`/s47-enquiries/${s47Ava}/conference`)).statusCode).toBe(409)
    const decision = {
      outcome: 'authorise',
      oversightNote: 'Read the enquiry and the agencies’ information; a conference is the right next step.',
    }
    // The worker cannot authorise their own (a manager's step), refused and audited.
    const own = await b.post(`/s47-enquiries/${s47Ava}/authorisation`, decision)
    expect(own.statusCode).toBe(403)
    expect(await denials(own.headers['x-request-id'] as string)).toHaveLength(1)
    // The team manager authorises both: that day (14 December) is the completed date.
    const m = await signedIn('team.manager')
    for (const id of [s47Ava, s47Leo]) {
      const res = await m.post(`/s47-enquiries/${id}/authorisation`, decision)
      expect(res.statusCode, res.body).toBe(303)
    }
    const view = await db()
      .selectFrom('protection_s47_v')
      .selectAll()
      .where('child_id', 'in', [ava, leo])
      .orderBy('s47_id')
      .execute()
    expect(view).toEqual([
      {
        s47_id: s47Ava,
        child_id: ava,
        referral_id: null,
        start_date: '2026-12-11',
        icpc_date: null,
        icpc_not_required: false,
        outcome: 'substantiated',
        completed_date: '2026-12-14',
        // The day the child was seen, published for the assessment's visit measures (0040).
        child_seen_on: '2026-12-11',
      },
      {
        s47_id: s47Leo,
        child_id: leo,
        referral_id: null,
        start_date: '2026-12-11',
        icpc_date: null,
        icpc_not_required: false,
        outcome: 'substantiated',
        completed_date: '2026-12-14',
        // The day the child was seen, published for the assessment's visit measures (0040).
        child_seen_on: '2026-12-11',
      },
    ])
  })
})

describe('one initial conference for both children', () => {
  it('refuses a conference before the enquiries started, and a manager without the case cannot arrange it', async () => {
    const b = await signedIn('social.worker')
    const form = pageText((await b.get(`/s47-enquiries/${s47Ava}/conference`)).body)
    expect(form).toContain('Leo Marlowe')
    const chair = await userId('safeguarding.manager')
    const res = await b.postMany(`/s47-enquiries/${s47Ava}/conference`, [
      ['siblings', String(leo)],
      ['scheduled-day', '10'],
      ['scheduled-month', '12'],
      ['scheduled-year', '2026'],
      ['scheduled-time', '10:00'],
      ['chair', String(chair)],
    ])
    expect(res.statusCode).toBe(409)
    expect(pageText(res.body)).toContain(
      'The conference cannot be before Ava Marlowe’s section 47 enquiry started',
    )
    expect(await db().selectFrom('child_protection_conference').select('id').execute()).toEqual([])
    const other = await signedIn('safeguarding.manager')
    expect((await other.get(`/s47-enquiries/${s47Ava}/conference`)).statusCode).toBe(403)
  })

  it('arranges one conference for the brother and sister, chaired by a manager', async () => {
    const b = await signedIn('social.worker')
    const chair = await userId('safeguarding.manager')
    const res = await b.postMany(`/s47-enquiries/${s47Ava}/conference`, [
      ['siblings', String(leo)],
      ['scheduled-day', '5'],
      ['scheduled-month', '1'],
      ['scheduled-year', '2027'],
      ['scheduled-time', '10:00'],
      ['chair', String(chair)],
    ])
    expect(res.statusCode, res.body).toBe(303)
    const conf = await db().selectFrom('child_protection_conference').selectAll().executeTakeFirstOrThrow()
    conferenceId = conf.id
    expect(res.headers.location).toBe(`/conferences/${conferenceId}`)
    const kids = await db()
      .selectFrom('conference_child')
      .select(['child_id', 's47_id'])
      .orderBy('child_id')
      .execute()
    expect(kids).toEqual([
      { child_id: ava, s47_id: s47Ava },
      { child_id: leo, s47_id: s47Leo },
    ])
    // The chair reads the conference through a grant.
    const chairPage = await (await signedIn('safeguarding.manager')).get(`/conferences/${conferenceId}`)
    expect(chairPage.statusCode).toBe(200)
    // Leo's enquiry now has its conference: it cannot be arranged again.
    expect((await b.get(`/s47-enquiries/${s47Leo}/conference`)).statusCode).toBe(409)
  })

  it('invites the police with an expiring grant; the officer sees the conference, not the case notes, and sends a report', async () => {
    const b = await signedIn('social.worker')
    const police = await userId('police')
    const res = await b.post(`/conferences/${conferenceId}/invitations/new`, {
      agency: 'police',
      personName: 'DC Sam Turner',
      userId: String(police),
      reportRequested: 'yes',
    })
    expect(res.statusCode, res.body).toBe(303)
    const grants = await db()
      .selectFrom('child_access')
      .select(['child_id', 'basis', 'expires_at'])
      .where('user_id', '=', police)
      .where('child_id', 'in', [ava, leo])
      .orderBy('child_id')
      .execute()
    expect(grants.map((g) => [g.child_id, g.basis, new Date(g.expires_at as Date).toISOString()])).toEqual([
      [ava, 'process_participant', '2027-01-19T23:59:59.999Z'],
      [leo, 'process_participant', '2027-01-19T23:59:59.999Z'],
    ])
    invitationId = (await db().selectFrom('protection_invitation').select('id').executeTakeFirstOrThrow()).id

    const officer = await signedIn('police')
    const page = await officer.get(`/conferences/${conferenceId}`)
    expect(page.statusCode).toBe(200)
    expect(pageText(page.body)).toContain('Ava Marlowe')
    const notes = await officer.get(`/children/${ava}/case-notes`)
    expect([403, 404]).toContain(notes.statusCode)
    expect(await denials(notes.headers['x-request-id'] as string)).toHaveLength(1)
    // The officer cannot record the conference or invite anyone.
    expect((await officer.get(`/conferences/${conferenceId}/held`)).statusCode).toBe(403)
    const report = await officer.post(`/invitations/${invitationId}/contribution`, {
      contribution: 'Two domestic abuse call-outs; the father was arrested in November.',
    })
    expect(report.statusCode, report.body).toBe(303)
    const inv = await db().selectFrom('protection_invitation').selectAll().executeTakeFirstOrThrow()
    expect(inv.contribution).toContain('arrested in November')
    expect(inv.contributed_by).toBe(police)
  })

  it('refuses an uninvited partner, and audits it', async () => {
    const other = await signedIn('health.visitor')
    for (const url of [
      `/conferences/${conferenceId}`,
      `/invitations/${invitationId}/contribution`,
      `/s47-enquiries/${s47Ava}`,
    ]) {
      const res = await other.get(url)
      expect(res.statusCode, url).toBe(404)
      expect(res.body).not.toContain('Marlowe')
      expect(await denials(res.headers['x-request-id'] as string), url).toHaveLength(1)
    }
  })

  it('records the conference with a decision and category for each child, in one go, refusing a missing category', async () => {
    clock.set('2027-01-05T12:00:00Z')
    const b = await signedIn('social.worker')
    const answers = {
      'held-day': '5',
      'held-month': '1',
      'held-year': '2027',
      'held-time': '10:00',
      [`attendance-${invitationId}`]: 'attended',
      childParticipation: 'views_through_advocate',
      familyParticipation: 'attended',
      [`decision-${ava}`]: 'plan',
      [`category-${ava}`]: 'NEG',
      [`decision-${leo}`]: 'plan',
    }
    const missing = await b.post(`/conferences/${conferenceId}/held`, answers)
    expect(missing.statusCode).toBe(400)
    expect(pageText(missing.body)).toContain('Select the category of abuse for Leo Marlowe')
    expect(
      (await db().selectFrom('child_protection_conference').select('held_at').executeTakeFirstOrThrow())
        .held_at,
    ).toBe(null)
    const res = await b.post(`/conferences/${conferenceId}/held`, { ...answers, [`category-${leo}`]: 'EMO' })
    expect(res.statusCode, res.body).toBe(303)
    const events = await db()
      .selectFrom('case_event')
      .select(['child_id', 'subject_type', 'subject_id'])
      .where('type', '=', 'icpc.held')
      .orderBy('child_id')
      .execute()
    expect(events).toEqual([
      { child_id: ava, subject_type: 's47', subject_id: String(s47Ava) },
      { child_id: leo, subject_type: 's47', subject_id: String(s47Leo) },
    ])
    const task = await db()
      .selectFrom('task')
      .select('stopped_at')
      .where('subject_type', '=', 's47')
      .where('subject_id', '=', String(s47Ava))
      .executeTakeFirstOrThrow()
    expect(task.stopped_at).not.toBe(null)
    expect(
      await db().selectFrom('protection_conference_v').selectAll().orderBy('child_id').execute(),
    ).toEqual([
      {
        conference_id: conferenceId,
        kind: 'initial',
        held_on: '2027-01-05',
        child_id: ava,
        decision: 'plan',
        category: 'NEG',
      },
      {
        conference_id: conferenceId,
        kind: 'initial',
        held_on: '2027-01-05',
        child_id: leo,
        decision: 'plan',
        category: 'EMO',
      },
    ])
    const s47 = await db()
      .selectFrom('protection_s47_v')
      .select(['icpc_date'])
      .where('s47_id', '=', s47Leo)
      .executeTakeFirstOrThrow()
    expect(s47.icpc_date).toBe('2027-01-05')
    const page = pageText((await b.get(`/conferences/${conferenceId}`)).body)
    expect(page).toContain('Emotional abuse (EMO)')
    expect(page).toContain('Attended')
    // Recorded once: a second attempt is told so.
    expect((await b.get(`/conferences/${conferenceId}/held`)).statusCode).toBe(409)
  })

  it('refuses the officer once the access has expired, and audits it', async () => {
    // The platform reads grants against the application's clock: end them now, by that clock.
    await db()
      .updateTable('child_access')
      .set({ expires_at: clock.now() })
      .where('user_id', '=', await userId('police'))
      .where('child_id', 'in', [ava, leo])
      .execute()
    const officer = await signedIn('police')
    for (const url of [`/conferences/${conferenceId}`, `/invitations/${invitationId}/contribution`]) {
      const res = await officer.get(url)
      expect(res.statusCode, url).toBe(404)
      expect(await denials(res.headers['x-request-id'] as string), url).toHaveLength(1)
    }
  })

  it('refuses an initial conference for a child with no section 47 needing one', async () => {
    const b = await signedIn('social.worker')
    const s47None = await db()
      .insertInto('s47_enquiry')
      .values({
        child_id: leo,
        strategy_discussion_id: await discussion(leo),
        start_date: '2026-12-20',
        joint: false,
        created_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    expect((await b.get(`/s47-enquiries/${s47None.id}/conference`)).statusCode).toBe(409)
    const chair = await userId('safeguarding.manager')
    const res = await b.post(`/s47-enquiries/${s47None.id}/conference`, {
      'scheduled-day': '20',
      'scheduled-month': '1',
      'scheduled-year': '2027',
      'scheduled-time': '10:00',
      chair: String(chair),
    })
    expect(res.statusCode).toBe(409)
    expect(await db().selectFrom('child_protection_conference').select('id').execute()).toHaveLength(1)
  })
})
