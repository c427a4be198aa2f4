/**
 * Transfers in and the emergency duty team (issue 12), on PGlite and (with DATABASE_URL)
 * PostgreSQL. A child moving in on a child protection plan is handed to child protection in the
 * same transaction: its notification carries the one transfer-in conference clock (15 working days
 * from the notification, due times worked out by hand across the August bank holiday) with a task
 * for the team manager, and holding the conference there stops it and starts the plan, which the
 * front door's page shows; the emergency duty team records its night's work, sees only its own
 * records, and the MASH makes a contact of one in one step.
 */
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/platform/calendar/clock.js'
import { openCaseWith } from '../support/frontdoor.js'
import { Browser, openTestApp, pageText, type TestApp } from '../support/web.js'

/** Thursday 20 August 2026, 10:00 in London (BST). */
const clock = fixedClock('2026-08-20T09:00:00Z')
let t: TestApp
const db = () => t.database.db

async function userId(username: string) {
  return (
    await db().selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirstOrThrow()
  ).id
}
async function signedIn(username: string) {
  const b = new Browser(t.app)
  await b.signIn(username)
  return b
}

/** A child found on a contact from another authority's children's services, in triage. */
async function inTriage(given: string) {
  const { id: childId } = await db()
    .insertInto('person')
    .values({
      kind: 'child',
      given_name: given,
      family_name: 'Penrose',
      date_of_birth: '2016-06-06',
      sex: 'F',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const contact = await db()
    .insertInto('contact')
    .values({
      received_at: new Date('2026-08-20T08:30:00Z'),
      channel: 'email',
      referral_source: '5C',
      reason: `${given} and her mother have moved to Grays from Southend.`,
      consent: 'given',
      recorded_by: await userId('screener'),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const cc = await db()
    .insertInto('contact_child')
    .values({ contact_id: contact.id, child_id: childId, status: 'in_triage' })
    .returning('id')
    .executeTakeFirstOrThrow()
  return { childId, page: `/contacts/${contact.id}/children/${cc.id}/transfer-in`, ccid: cc.id }
}

const transferFields = (status: string) => ({
  previousAuthority: 'Southend-on-Sea City Council',
  previousStatus: status,
  'notified-day': '20',
  'notified-month': '8',
  'notified-year': '2026',
  sentBy: 'Jo Reeve, team manager',
  'received-day': '20',
  'received-month': '8',
  'received-year': '2026',
  documents: 'conference_minutes',
  ...(status === 'cp_plan'
    ? {
        la: '882',
        'planStart-day': '2',
        'planStart-month': '3',
        'planStart-year': '2026',
        category: 'EMO',
        workerName: 'Jo Reeve',
        workerContact: '01702 215000',
      }
    : {}),
})

/** The child's transfer-in conference tasks (child protection's clock, and the front door's retired one). */
/** The child protection notifications naming the child (protection's transfer-in). */
async function cpNotificationsOf(childId: number): Promise<number[]> {
  const rows = await db()
    .selectFrom('cp_transfer_in_child')
    .select('transfer_in_id')
    .where('child_id', '=', childId)
    .execute()
  return rows.map((r) => r.transfer_in_id)
}

/** The one child protection notification naming the child. */
async function cpNotificationOf(childId: number): Promise<number> {
  const [id, ...more] = await cpNotificationsOf(childId)
  if (id === undefined || more.length)
    throw new Error(`child ${childId} is on ${more.length + (id ? 1 : 0)} notifications`)
  return id
}

async function transferTasks(childId: number) {
  return db()
    .selectFrom('task')
    .select([
      'clock_code',
      'subject_type',
      'subject_id',
      'due_at',
      'assigned_user_id',
      'stopped_at',
      'closed_by',
      'title',
    ])
    .where('child_id', '=', childId)
    .where('clock_code', 'in', ['cp-transfer-in-conference-15wd', 'transfer-in-conference-15wd'])
    .orderBy('id')
    .execute()
}

let mashManager = 0
beforeAll(async () => {
  t = await openTestApp({ clock })
  // The MASH's own team manager (the demo's), who convenes a transfer-in conference for a child
  // not yet allocated.
  mashManager = await userId('mash.manager')
})
afterAll(async () => t.close())

describe('a child transferring in', () => {
  it('on a child protection plan: hands over to child protection, one clock due in 15 working days on the MASH manager’s list; its conference stops it', async () => {
    const { childId, page, ccid } = await inTriage('Isla')
    const screener = await signedIn('screener')
    const form = await screener.get(page)
    expect(form.statusCode).toBe(200)
    expect(form.body).toContain('data-testid="transfer-form"')
    expect(form.body).toContain('data-testid="plan-there"')

    const bad = await screener.post(
      page,
      { previousStatus: 'cp_plan', 'notified-day': '31', 'notified-month': '8', 'notified-year': '2026' },
      page,
    )
    expect(bad.statusCode).toBe(400)
    expect(bad.body).toContain('Error:')
    expect(pageText(bad.body)).toContain('Enter the authority the child is moving from')
    expect(pageText(bad.body)).toContain(
      'The date the previous authority told us must be today or in the past',
    )
    // On a plan there, child protection's notification needs the plan and their social worker.
    const noPlan = await screener.post(
      page,
      { ...transferFields('cp_plan'), la: '', category: '', workerName: '' },
      page,
    )
    expect(noPlan.statusCode).toBe(400)
    expect(pageText(noPlan.body)).toContain('Select the authority whose plan the child is on')
    expect(pageText(noPlan.body)).toContain('Select the category of abuse of the plan there')
    expect(pageText(noPlan.body)).toContain('Enter the name of their social worker')
    expect(noPlan.body).toContain('01702 215000')
    expect(
      await db().selectFrom('transfer_in').select('id').where('child_id', '=', childId).execute(),
    ).toEqual([])
    expect(await cpNotificationsOf(childId)).toEqual([])

    const res = await screener.post(page, transferFields('cp_plan'), page)
    expect(res.statusCode, pageText(res.body).slice(0, 300)).toBe(303)
    // One record: the front door's transfer-in links child protection's notification, made in the
    // same transaction from the front door's answers.
    const fd = await db()
      .selectFrom('transfer_in')
      .select(['id', 'cp_transfer_in_id'])
      .where('child_id', '=', childId)
      .executeTakeFirstOrThrow()
    const cp = await db()
      .selectFrom('cp_transfer_in as t')
      .innerJoin('cp_transfer_in_child as tc', 'tc.transfer_in_id', 't.id')
      .select([
        't.id',
        't.from_la_code',
        't.notified_on',
        't.worker_name',
        'tc.their_plan_start',
        'tc.their_category',
      ])
      .where('tc.child_id', '=', childId)
      .executeTakeFirstOrThrow()
    expect(fd.cp_transfer_in_id).toBe(cp.id)
    expect(cp).toMatchObject({
      from_la_code: '882',
      notified_on: '2026-08-20',
      worker_name: 'Jo Reeve',
      their_plan_start: '2026-03-02',
      their_category: 'EMO',
    })
    // One clock: Thursday 20 August: 21, 24–28 August (6); Monday 31 August is the summer bank
    // holiday; 1–4 September (10), 7–11 September (15). Due by the end of Friday 11 September, BST.
    expect(await transferTasks(childId)).toEqual([
      {
        clock_code: 'cp-transfer-in-conference-15wd',
        subject_type: 'cp_transfer_in',
        subject_id: String(cp.id),
        due_at: new Date('2026-09-11T22:59:59.999Z'),
        assigned_user_id: mashManager,
        stopped_at: null,
        closed_by: null,
        title: 'Transfer-in child protection conference held',
      },
    ])
    const shown = pageText((await screener.get(page)).body)
    expect(shown).toContain(
      'Transfer in from Southend-on-Sea City Council recorded and handed to child protection. The transfer-in conference is on Grace Adeyemi’s worklist.',
    )
    expect(shown).toContain('On a child protection plan')
    expect(shown).toContain('What they sent Conference minutes and report')
    expect(shown).toContain(
      'Child protection’s notification From Southend-on-Sea, notified on 20 August 2026',
    )
    expect(shown).toContain('Due by 11 September 2026')
    expect(shown).toContain('Conference Not yet arranged')
    expect(shown).toContain('On the worklist Grace Adeyemi’s')
    const audit = await db()
      .selectFrom('audit_event')
      .select(['action', 'outcome'])
      .where('child_id', '=', childId)
      .where('action', 'in', ['transfer_in.record', 'cp_transfer_in.record', 'task.create'])
      .orderBy('id')
      .execute()
    expect(audit).toEqual([
      { action: 'task.create', outcome: 'allowed' },
      { action: 'cp_transfer_in.record', outcome: 'allowed' },
      { action: 'transfer_in.record', outcome: 'allowed' },
    ])
    // Recording it twice is refused, with nothing half-saved.
    const again = await screener.post(page, transferFields('cp_plan'), page)
    expect(again.statusCode).toBe(409)
    expect(
      await db().selectFrom('transfer_in').select('id').where('child_id', '=', childId).execute(),
    ).toHaveLength(1)
    expect(await cpNotificationsOf(childId)).toHaveLength(1)
    // The front door no longer records the conference itself: child protection holds it.
    expect((await screener.get(`${page}/conference`)).statusCode).toBe(404)

    // Child protection arranges the conference for Thursday 3 September and holds it: the clock
    // stops and the plan starts on its date.
    await openCaseWith(db(), childId)
    const worker = await signedIn('social.worker')
    const chair = await userId('team.manager')
    const arranged = await worker.post(`/cp-transfers-in/${cp.id}/conference`, {
      'scheduled-day': '3',
      'scheduled-month': '9',
      'scheduled-year': '2026',
      'scheduled-time': '10:00',
      chair: String(chair),
    })
    expect(arranged.statusCode, pageText(arranged.body).slice(0, 300)).toBe(303)
    const conferenceId = Number(String(arranged.headers.location).split('/')[2])
    expect(pageText((await screener.get(page)).body)).toContain('Conference Arranged for 3 September 2026')
    clock.set('2026-09-03T14:00:00Z')
    const held = await worker.post(`/conferences/${conferenceId}/held`, {
      'held-day': '3',
      'held-month': '9',
      'held-year': '2026',
      'held-time': '10:00',
      childParticipation: 'views_through_worker',
      familyParticipation: 'attended',
      [`decision-${childId}`]: 'plan',
      [`category-${childId}`]: 'EMO',
    })
    expect(held.statusCode, pageText(held.body).slice(0, 300)).toBe(303)
    const after = await transferTasks(childId)
    expect(after).toHaveLength(1)
    expect(after[0]?.stopped_at).not.toBe(null)
    expect(after[0]?.closed_by).toBe('stop')
    expect(
      await db()
        .selectFrom('protection_cp_plan_v')
        .select(['start_date', 'initial_category', 'end_date'])
        .where('child_id', '=', childId)
        .execute(),
    ).toEqual([{ start_date: '2026-09-03', initial_category: 'EMO', end_date: null }])
    const standing = pageText((await screener.get(page)).body)
    expect(standing).toContain('Conference Held on 3 September 2026')
    expect(standing).toContain('On the worklist Done')
    // Reporting reads it through the front door's published view: the facts, none of the free text,
    // the conference as child protection held it.
    const { rows: published } = await sql<Record<string, unknown>>`
      select * from frontdoor_transfer_in_v where child_id = ${childId}
    `.execute(db())
    expect(published).toEqual([
      {
        id: fd.id,
        contact_child_id: ccid,
        child_id: childId,
        previous_authority: 'Southend-on-Sea City Council',
        previous_status: 'cp_plan',
        notified_at: new Date('2026-08-20T08:00:00.000Z'),
        received_on: '2026-08-20',
        conference_held_on: '2026-09-03',
        recorded_at: new Date('2026-08-20T09:00:00.000Z'),
        cp_transfer_in_id: cp.id,
      },
    ])
    clock.set('2026-08-20T09:00:00Z')
  })

  it('on a plan there, for a child child protection was already told about: joins that notification, no second clock', async () => {
    const { childId, page } = await inTriage('Maya')
    await openCaseWith(db(), childId)
    const worker = await signedIn('social.worker')
    const notified = await worker.post(`/children/${childId}/cp-transfer-in/new`, {
      la: '882',
      'notified-day': '19',
      'notified-month': '8',
      'notified-year': '2026',
      workerName: 'Jo Reeve',
      workerContact: '01702 215000',
      [`start-${childId}-day`]: '2',
      [`start-${childId}-month`]: '3',
      [`start-${childId}-year`]: '2026',
      [`category-${childId}`]: 'NEG',
    })
    expect(notified.statusCode, pageText(notified.body).slice(0, 300)).toBe(303)
    const screener = await signedIn('screener')
    const res = await screener.post(page, transferFields('cp_plan'), page)
    expect(res.statusCode, pageText(res.body).slice(0, 300)).toBe(303)
    expect(pageText((await screener.get(page)).body)).toContain(
      'Child protection already has this child’s notification',
    )
    const tasks = await transferTasks(childId)
    expect(tasks.map((k) => [k.clock_code, k.due_at.toISOString(), k.stopped_at])).toEqual([
      // Counted from child protection's notification on Wednesday 19 August: due Thursday 10 September.
      ['cp-transfer-in-conference-15wd', '2026-09-10T22:59:59.999Z', null],
    ])
    const links = await db()
      .selectFrom('transfer_in')
      .innerJoin('cp_transfer_in_child as tc', 'tc.transfer_in_id', 'transfer_in.cp_transfer_in_id')
      .select('tc.child_id')
      .where('transfer_in.child_id', '=', childId)
      .execute()
    expect(links).toEqual([{ child_id: childId }])
  })

  it('looked after there: recorded, with no conference clock', async () => {
    const { childId, page } = await inTriage('Freya')
    const screener = await signedIn('screener')
    expect((await screener.post(page, transferFields('looked_after'), page)).statusCode).toBe(303)
    expect(
      await db()
        .selectFrom('task')
        .select('id')
        .where('child_id', '=', childId)
        .where('clock_code', 'in', ['transfer-in-conference-15wd', 'cp-transfer-in-conference-15wd'])
        .execute(),
    ).toEqual([])
    expect(await cpNotificationsOf(childId)).toEqual([])
    expect(pageText((await screener.get(page)).body)).toContain('Looked after (in care)')
  })

  it('is for the front door: a social worker, a partner and the emergency duty team are refused', async () => {
    const { page } = await inTriage('Nell')
    for (const username of ['social.worker', 'police', 'edt']) {
      const b = await signedIn(username)
      expect((await b.get(page)).statusCode, username).toBe(403)
    }
  })
})

describe('the emergency duty team', () => {
  const record = {
    'called-day': '19',
    'called-month': '8',
    'called-year': '2026',
    calledTime: '23:40',
    referralSource: '6',
    callerName: 'PC Dan Hollis',
    callerRole: 'Police constable',
    child1Name: 'Kai Dalton',
    child1Birth: '7',
    child1Address: '12 Stanford Road, Grays',
    child2Name: 'Maisie Dalton',
    child2Birth: '3',
    whatHappened: 'Mother arrested after a fight with her partner; the children were at home.',
    actionTaken: 'Children placed with their grandmother overnight.',
    adviceGiven: 'Grandmother told not to let the partner collect them.',
    policeInvolved: 'yes',
    healthInvolved: 'no',
    consent: 'given',
    handover: 'Visit the grandmother this morning.',
  }

  it('records its night’s work, sees its own records and none of the MASH’s or the children’s records', async () => {
    const edt = await signedIn('edt')
    const empty = await edt.post(
      '/out-of-hours/new',
      { ...record, child1Name: '', child2Name: '', handover: '' },
      '/out-of-hours/new',
    )
    expect(empty.statusCode).toBe(400)
    expect(pageText(empty.body)).toContain('Enter the name of at least one child')
    const res = await edt.post('/out-of-hours/new', record, '/out-of-hours/new')
    expect(res.statusCode).toBe(303)
    const saved = await db()
      .selectFrom('out_of_hours_record')
      .select(['id', 'called_at', 'children', 'police_involved', 'contact_id'])
      .where('caller_name', '=', 'PC Dan Hollis')
      .where('what_happened', 'like', 'Mother arrested%')
      .executeTakeFirstOrThrow()
    expect(saved).toMatchObject({
      called_at: new Date('2026-08-19T22:40:00Z'),
      police_involved: true,
      contact_id: null,
      children: [
        { name: 'Kai Dalton', birth: '7', address: '12 Stanford Road, Grays' },
        { name: 'Maisie Dalton', birth: '3', address: null },
      ],
    })
    expect(pageText((await edt.get(`/out-of-hours/${saved.id}`)).body)).toContain(
      'Handover to the MASH Visit the grandmother this morning.',
    )
    expect(pageText((await edt.get('/out-of-hours')).body)).toContain('Kai Dalton, Maisie Dalton')
    // Only what they need: not the MASH queue, a contact, a child's record, or the referrals.
    const anyContact = await db().selectFrom('contact').select('id').orderBy('id').executeTakeFirstOrThrow()
    const anyChild = await db()
      .selectFrom('person')
      .select('id')
      .where('kind', '=', 'child')
      .orderBy('id')
      .executeTakeFirstOrThrow()
    for (const url of ['/mash', `/contacts/${anyContact.id}`, '/referrals', '/contacts/new'])
      expect((await edt.get(url)).statusCode, url).toBe(403)
    expect([403, 404]).toContain((await edt.get(`/children/${anyChild.id}`)).statusCode)
    // A social worker outside the front door cannot read it either.
    expect((await (await signedIn('social.worker')).get(`/out-of-hours/${saved.id}`)).statusCode).toBe(403)
  })

  it('is shown to the MASH the next morning and becomes a contact in one step, once', async () => {
    const edt = await signedIn('edt')
    await edt.post(
      '/out-of-hours/new',
      { ...record, child1Name: 'Ruby Keane', child2Name: '' },
      '/out-of-hours/new',
    )
    const { id } = await db()
      .selectFrom('out_of_hours_record')
      .select('id')
      .where('children', '@>', JSON.stringify([{ name: 'Ruby Keane' }]) as never)
      .executeTakeFirstOrThrow()
    const screener = await signedIn('screener')
    const queue = await screener.get('/mash')
    expect(queue.body).toContain('data-testid="overnight"')
    expect(pageText(queue.body)).toContain('Overnight from the emergency duty team')
    expect(pageText(queue.body)).toContain('Ruby Keane')

    expect((await edt.post(`/out-of-hours/${id}/contact`, {}, `/out-of-hours/${id}`)).statusCode).toBe(403)
    const made = await screener.post(`/out-of-hours/${id}/contact`, {}, `/out-of-hours/${id}`)
    expect(made.statusCode).toBe(303)
    const contactUrl = String(made.headers.location)
    expect(contactUrl).toMatch(/^\/contacts\/\d+$/)
    const contact = await db()
      .selectFrom('contact')
      .select(['id', 'received_at', 'out_of_hours', 'out_of_hours_action', 'referral_source', 'reason'])
      .where('id', '=', Number(contactUrl.split('/')[2]))
      .executeTakeFirstOrThrow()
    expect(contact).toMatchObject({
      received_at: new Date('2026-08-19T22:40:00Z'),
      out_of_hours: true,
      referral_source: '6',
      reason: 'Mother arrested after a fight with her partner; the children were at home.',
    })
    expect(contact.out_of_hours_action).toContain('Handover to the MASH: Visit the grandmother this morning.')
    const children = await db()
      .selectFrom('contact_child')
      .select(['described_name', 'status'])
      .where('contact_id', '=', contact.id)
      .execute()
    expect(children).toEqual([{ described_name: 'Ruby Keane', status: 'awaiting_match' }])
    expect(pageText((await screener.get(contactUrl)).body)).toContain(
      'Emergency duty team action What the team did',
    )

    // Reporting reads the record through the front door's published view: when, from whom, how
    // many children, the contact made of it; no names and none of the narrative.
    const { rows: published } = await sql<Record<string, unknown>>`
      select * from frontdoor_out_of_hours_v where id = ${id}
    `.execute(db())
    expect(published).toEqual([
      {
        id,
        called_at: new Date('2026-08-19T22:40:00.000Z'),
        referral_source: '6',
        children: 1,
        police_involved: true,
        health_involved: false,
        consent: 'given',
        recorded_by: await userId('edt'),
        recorded_at: new Date('2026-08-20T09:00:00.000Z'),
        contact_id: contact.id,
        converted_at: new Date('2026-08-20T09:00:00.000Z'),
      },
    ])

    const twice = await screener.post(`/out-of-hours/${id}/contact`, {}, `/out-of-hours/${id}`)
    expect(twice.headers.location).toBe(contactUrl)
    expect(
      await db()
        .selectFrom('contact')
        .select('id')
        .where('out_of_hours', '=', true)
        .where('reason', 'like', 'Mother arrested%')
        .execute(),
    ).toHaveLength(1)
    const panel =
      /data-testid="overnight">([\s\S]*?)<\/div>/.exec((await screener.get('/mash')).body)?.[1] ?? ''
    expect(panel).toContain('Kai Dalton')
    expect(panel).not.toContain('Ruby Keane')
  })

  it('keeps showing a contact whose out-of-hours action was written as free text', async () => {
    const { id } = await db()
      .insertInto('contact')
      .values({
        received_at: new Date('2026-08-18T21:00:00Z'),
        channel: 'phone',
        out_of_hours: true,
        out_of_hours_action: 'EDT visited; child safe with father.',
        referral_source: '1A',
        referrer_name: 'A neighbour',
        reason: 'Shouting heard next door.',
        consent: 'given',
        recorded_by: await userId('screener'),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await db()
      .insertInto('contact_child')
      .values({ contact_id: id, described_name: 'Remy Hale', status: 'awaiting_match' })
      .execute()
    const page = await (await signedIn('screener')).get(`/contacts/${id}`)
    expect(page.statusCode).toBe(200)
    expect(pageText(page.body)).toContain('EDT visited; child safe with father.')
  })
})

/** Brothers and sisters on one contact from another authority, each in triage (eldest first). */
async function siblingsOnOneContact(...givens: string[]) {
  const contact = await db()
    .insertInto('contact')
    .values({
      received_at: new Date('2026-08-20T08:30:00Z'),
      channel: 'email',
      referral_source: '5C',
      reason: `${givens.join(' and ')} and their mother have moved to Grays from Southend.`,
      consent: 'given',
      recorded_by: await userId('screener'),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const children = []
  for (const [i, given] of givens.entries()) {
    const { id: childId } = await db()
      .insertInto('person')
      .values({
        kind: 'child',
        given_name: given,
        family_name: 'Ashdown',
        date_of_birth: `201${i}-04-04`,
        sex: 'M',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const cc = await db()
      .insertInto('contact_child')
      .values({ contact_id: contact.id, child_id: childId, status: 'in_triage' })
      .returning('id')
      .executeTakeFirstOrThrow()
    children.push({ childId, page: `/contacts/${contact.id}/children/${cc.id}/transfer-in` })
  }
  return children
}

/** Child protection's notifications naming these children, with the children each names. */
async function notificationsOf(childIds: number[]) {
  const rows = await db()
    .selectFrom('cp_transfer_in_child')
    .select(['transfer_in_id', 'child_id', 'their_category'])
    .where('child_id', 'in', childIds)
    .orderBy('transfer_in_id')
    .orderBy('child_id')
    .execute()
  const byId = new Map<number, number[]>()
  for (const r of rows) byId.set(r.transfer_in_id, [...(byId.get(r.transfer_in_id) ?? []), r.child_id])
  return [...byId.values()]
}

/** Arranges a notification's transfer-in conference in child protection, for 10:00 on `day` September. */
async function arrangeFor(cpId: number, childIds: number[], day: string) {
  for (const id of childIds) await openCaseWith(db(), id)
  const worker = await signedIn('social.worker')
  const res = await worker.post(`/cp-transfers-in/${cpId}/conference`, {
    'scheduled-day': day,
    'scheduled-month': '9',
    'scheduled-year': '2026',
    'scheduled-time': '10:00',
    chair: String(await userId('team.manager')),
  })
  expect(res.statusCode, pageText(res.body).slice(0, 300)).toBe(303)
  return { worker, conferenceId: Number(String(res.headers.location).split('/')[2]) }
}

async function conferenceChildren(conferenceId: number) {
  const rows = await db()
    .selectFrom('conference_child')
    .select('child_id')
    .where('conference_id', '=', conferenceId)
    .orderBy('child_id')
    .execute()
  return rows.map((r) => r.child_id)
}

describe('brothers and sisters transferring in on one contact', () => {
  it('share one notification, one clock due on the same day and one conference arranged for them both', async () => {
    const [tom, ben] = await siblingsOnOneContact('Tom', 'Ben')
    if (!tom || !ben) throw new Error('two children')
    const screener = await signedIn('screener')
    expect((await screener.post(tom.page, transferFields('cp_plan'), tom.page)).statusCode).toBe(303)
    const res = await screener.post(ben.page, { ...transferFields('cp_plan'), category: 'NEG' }, ben.page)
    expect(res.statusCode, pageText(res.body).slice(0, 300)).toBe(303)
    expect(pageText((await screener.get(ben.page)).body)).toContain(
      'handed to child protection with this child’s brothers and sisters on this contact: one transfer-in conference for them all. This child’s task is on Grace Adeyemi’s worklist.',
    )
    const [notification, ...others] = await notificationsOf([tom.childId, ben.childId])
    expect(others).toEqual([])
    expect(notification).toEqual([tom.childId, ben.childId])
    const cp = await db()
      .selectFrom('cp_transfer_in_child')
      .select(['transfer_in_id', 'their_category', 'their_plan_start'])
      .where('child_id', '=', ben.childId)
      .executeTakeFirstOrThrow()
    expect(cp).toMatchObject({ their_category: 'NEG', their_plan_start: '2026-03-02' })
    const links = await db()
      .selectFrom('transfer_in')
      .select('cp_transfer_in_id')
      .where('child_id', 'in', [tom.childId, ben.childId])
      .execute()
    expect(links).toEqual([
      { cp_transfer_in_id: cp.transfer_in_id },
      { cp_transfer_in_id: cp.transfer_in_id },
    ])
    // Each child's task, due as the other's (Friday 11 September), on the MASH manager's list.
    for (const childId of [tom.childId, ben.childId])
      expect(
        (await transferTasks(childId)).map((k) => [k.subject_id, k.due_at.toISOString(), k.assigned_user_id]),
      ).toEqual([[String(cp.transfer_in_id), '2026-09-11T22:59:59.999Z', mashManager]])
    // The second child's case event and audit say it joined the brothers' and sisters' notification.
    const events = await db()
      .selectFrom('case_event')
      .select(['type', 'summary'])
      .where('child_id', '=', ben.childId)
      .where('subject_type', '=', 'cp_transfer_in')
      .execute()
    expect(events).toHaveLength(1)
    expect(events[0]?.summary).toContain('with brothers and sisters: 2 children')
    const audit = await db()
      .selectFrom('audit_event')
      .select('action')
      .where('child_id', '=', ben.childId)
      .where('action', 'in', [
        'transfer_in.record',
        'cp_transfer_in.record',
        'cp_transfer_in.join',
        'task.create',
      ])
      .orderBy('id')
      .execute()
    expect(audit.map((a) => a.action)).toEqual(['cp_transfer_in.join', 'task.create', 'transfer_in.record'])
    const shown = pageText((await screener.get(tom.page)).body)
    expect(shown).toContain('Children at the conference Tom Ashdown, Ben Ashdown')
    expect(shown).toContain('Due by 11 September 2026')

    // One conference, arranged once, for both.
    const { conferenceId } = await arrangeFor(cp.transfer_in_id, [tom.childId, ben.childId], '3')
    expect(await conferenceChildren(conferenceId)).toEqual([tom.childId, ben.childId].sort((a, b) => a - b))
    expect(pageText((await screener.get(ben.page)).body)).toContain(
      'Conference Arranged for 3 September 2026',
    )
  })

  it('from another authority or told us on another day: a notification each', async () => {
    const [amy, zac, ned] = await siblingsOnOneContact('Amy', 'Zac', 'Ned')
    if (!amy || !zac || !ned) throw new Error('three children')
    const screener = await signedIn('screener')
    expect((await screener.post(amy.page, transferFields('cp_plan'), amy.page)).statusCode).toBe(303)
    const thurrock = { ...transferFields('cp_plan'), previousAuthority: 'Thurrock Council', la: '883' }
    expect((await screener.post(zac.page, thurrock, zac.page)).statusCode).toBe(303)
    const dayBefore = { ...transferFields('cp_plan'), 'notified-day': '19' }
    expect((await screener.post(ned.page, dayBefore, ned.page)).statusCode).toBe(303)
    expect(await notificationsOf([amy.childId, zac.childId, ned.childId])).toEqual([
      [amy.childId],
      [zac.childId],
      [ned.childId],
    ])
    expect(pageText((await screener.get(zac.page)).body)).toContain('Child at the conference Zac Ashdown')
    // Their clocks run from their own notifications: Ned's from Wednesday 19 August.
    expect((await transferTasks(ned.childId)).map((k) => k.due_at.toISOString())).toEqual([
      '2026-09-10T22:59:59.999Z',
    ])
  })

  it('a brother recorded once the conference is arranged joins that conference, with its chair reading his record', async () => {
    const [kit, leo] = await siblingsOnOneContact('Kit', 'Leo')
    if (!kit || !leo) throw new Error('two children')
    const screener = await signedIn('screener')
    expect((await screener.post(kit.page, transferFields('cp_plan'), kit.page)).statusCode).toBe(303)
    const cpId = await cpNotificationOf(kit.childId)
    const { worker, conferenceId } = await arrangeFor(cpId, [kit.childId], '3')
    const res = await screener.post(leo.page, transferFields('cp_plan'), leo.page)
    expect(res.statusCode, pageText(res.body).slice(0, 300)).toBe(303)
    expect(pageText((await screener.get(leo.page)).body)).toContain(
      'the child is added to their transfer-in conference, already arranged.',
    )
    expect(await notificationsOf([kit.childId, leo.childId])).toEqual([[kit.childId, leo.childId]])
    expect(await conferenceChildren(conferenceId)).toEqual([kit.childId, leo.childId])
    const chair = await userId('team.manager')
    expect(
      await db()
        .selectFrom('child_access')
        .select('basis')
        .where('child_id', '=', leo.childId)
        .where('user_id', '=', chair)
        .execute(),
    ).toEqual([{ basis: 'process_participant' }])
    expect(
      await db()
        .selectFrom('audit_event')
        .select(['action', 'record_id'])
        .where('child_id', '=', leo.childId)
        .where('action', '=', 'conference.add_child')
        .execute(),
    ).toEqual([{ action: 'conference.add_child', record_id: String(conferenceId) }])
    expect(pageText((await screener.get(leo.page)).body)).toContain(
      'Conference Arranged for 3 September 2026',
    )

    // Held with a decision for each: both clocks stop, both plans start on its date.
    await openCaseWith(db(), leo.childId)
    clock.set('2026-09-03T14:00:00Z')
    try {
      const held = await worker.post(`/conferences/${conferenceId}/held`, {
        'held-day': '3',
        'held-month': '9',
        'held-year': '2026',
        'held-time': '10:00',
        childParticipation: 'views_through_worker',
        familyParticipation: 'attended',
        [`decision-${kit.childId}`]: 'plan',
        [`category-${kit.childId}`]: 'EMO',
        [`decision-${leo.childId}`]: 'plan',
        [`category-${leo.childId}`]: 'EMO',
      })
      expect(held.statusCode, pageText(held.body).slice(0, 300)).toBe(303)
      for (const childId of [kit.childId, leo.childId]) {
        expect((await transferTasks(childId)).map((k) => k.closed_by)).toEqual(['stop'])
        expect(
          await db()
            .selectFrom('protection_cp_plan_v')
            .select('start_date')
            .where('child_id', '=', childId)
            .execute(),
        ).toEqual([{ start_date: '2026-09-03' }])
      }

      // A sister told of the same day, recorded after the conference was held: her own notification,
      // and the page says why.
      const [mia] = await siblingsOnOneContact('Mia')
      if (!mia) throw new Error('one child')
      const cc = await db()
        .selectFrom('contact_child')
        .select('contact_id')
        .where('child_id', '=', kit.childId)
        .executeTakeFirstOrThrow()
      const moved = await db()
        .updateTable('contact_child')
        .set({ contact_id: cc.contact_id })
        .where('child_id', '=', mia.childId)
        .returning('id')
        .executeTakeFirstOrThrow()
      const miaPage = `/contacts/${cc.contact_id}/children/${moved.id}/transfer-in`
      expect((await screener.post(miaPage, transferFields('cp_plan'), miaPage)).statusCode).toBe(303)
      expect(pageText((await screener.get(miaPage)).body)).toContain(
        'The brothers’ and sisters’ transfer-in conference has been held, so this child has a transfer-in conference of their own',
      )
      expect(await notificationsOf([kit.childId, leo.childId, mia.childId])).toEqual([
        [kit.childId, leo.childId],
        [mia.childId],
      ])
    } finally {
      clock.set('2026-08-20T09:00:00Z')
    }
  })

  it('is refused, with nothing saved, when the others’ conference time has passed and it is not recorded as held', async () => {
    const [eve, max] = await siblingsOnOneContact('Eve', 'Max')
    if (!eve || !max) throw new Error('two children')
    const screener = await signedIn('screener')
    expect((await screener.post(eve.page, transferFields('cp_plan'), eve.page)).statusCode).toBe(303)
    const cpId = await cpNotificationOf(eve.childId)
    await arrangeFor(cpId, [eve.childId], '3')
    clock.set('2026-09-04T09:00:00Z')
    try {
      const res = await screener.post(max.page, transferFields('cp_plan'), max.page)
      expect(res.statusCode).toBe(409)
      expect(res.body).toContain('govuk-error-summary')
      expect(pageText(res.body)).toContain(
        'The brothers’ and sisters’ transfer-in conference was arranged for 3 September 2026 and is not recorded as held or cancelled',
      )
      expect(
        await db().selectFrom('transfer_in').select('id').where('child_id', '=', max.childId).execute(),
      ).toEqual([])
      expect(await notificationsOf([max.childId])).toEqual([])
      expect(await transferTasks(max.childId)).toEqual([])
      expect(
        await db().selectFrom('case_event').select('id').where('child_id', '=', max.childId).execute(),
      ).toEqual([])
      expect(await conferenceChildren(cpId)).not.toContain(max.childId)
    } finally {
      clock.set('2026-08-20T09:00:00Z')
    }
  })

  it('a sister recorded after the others’ conference was cancelled joins the notification, and the next conference names them all', async () => {
    const [ada, fay] = await siblingsOnOneContact('Ada', 'Fay')
    if (!ada || !fay) throw new Error('two children')
    const screener = await signedIn('screener')
    expect((await screener.post(ada.page, transferFields('cp_plan'), ada.page)).statusCode).toBe(303)
    const cpId = await cpNotificationOf(ada.childId)
    const { worker, conferenceId } = await arrangeFor(cpId, [ada.childId], '3')
    const cancelled = await worker.post(`/conferences/${conferenceId}/cancel`, {
      reason: 'The chair is ill; to be re-booked.',
    })
    expect(cancelled.statusCode, pageText(cancelled.body).slice(0, 300)).toBe(303)
    expect((await screener.post(fay.page, transferFields('cp_plan'), fay.page)).statusCode).toBe(303)
    expect(await notificationsOf([ada.childId, fay.childId])).toEqual([[ada.childId, fay.childId]])
    // Not added to the cancelled conference; the one arranged next is for both.
    expect(await conferenceChildren(conferenceId)).toEqual([ada.childId])
    const next = await arrangeFor(cpId, [fay.childId], '4')
    expect(await conferenceChildren(next.conferenceId)).toEqual([ada.childId, fay.childId])
  })

  it('is for the front door: a social worker, a partner and the emergency duty team cannot record a brother’s', async () => {
    const [ian, jon] = await siblingsOnOneContact('Ian', 'Jon')
    if (!ian || !jon) throw new Error('two children')
    const screener = await signedIn('screener')
    expect((await screener.post(ian.page, transferFields('cp_plan'), ian.page)).statusCode).toBe(303)
    await openCaseWith(db(), jon.childId)
    for (const username of ['social.worker', 'police', 'edt']) {
      const b = await signedIn(username)
      expect((await b.get(jon.page)).statusCode, username).toBe(403)
      expect((await b.post(jon.page, transferFields('cp_plan'), jon.page)).statusCode, username).toBe(403)
    }
    expect(await notificationsOf([ian.childId, jon.childId])).toEqual([[ian.childId]])
  })
})
