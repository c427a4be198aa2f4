/**
 * An initial child protection conference for a brother and sister, re-arranged and cancelled
 * through the pages, on a fixed clock (Wednesday 20 May 2026, noon). Each family's strategy
 * discussion was on Monday 4 May, so each enquiry's ICPC is due by Tuesday 26 May (15 working
 * days; 25 May a bank holiday), whatever happens to the conference.
 * The Ashbys' conference is moved (never before the enquiries started; past its due date it is
 * late and the task stays open, due as before), cancelled with one still needed (the task stays
 * open, the enquiry offers to arrange another) and arranged again, and held: the one task closes.
 * The Brookes' conference is cancelled as no longer needed: a worker cannot say so, a manager
 * can, and each enquiry ends with no conference, its task closed with the reason. Every change
 * acts on both children's records (case events and audit rows); strangers are refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AuditContext } from '../../src/platform/audit/audit.js'
import { fixedClock } from '../../src/platform/calendar/clock.js'
import { startS47 } from '../../src/modules/protection/s47-service.js'
import { AVA, caseworkFactory, LEO, scheduledIn2026 as when } from '../support/casework.js'
import { type Browser, pageText, type TestApp, openTestApp } from '../support/web.js'

const clock = fixedClock('2026-05-20T11:00:00Z')
const AUDIT: AuditContext = { userId: null, username: 'icpc-test', requestId: 'icpc-test' }
const DUE = '2026-05-26T22:59:59.999Z' // the end of Tuesday 26 May in London
let t: TestApp
const f = caseworkFactory(() => t)
const { db, signedIn, userId } = f

/** A held strategy discussion on 4 May and the enquiry it started, authorised as needing a conference. */
async function enquiry(childId: number): Promise<number> {
  const manager = await userId('team.manager')
  const sd = await db()
    .insertInto('strategy_discussion')
    .values({
      child_id: childId,
      referral_id: null,
      requested_by: manager,
      requested_at: new Date('2026-05-04T08:00:00Z'),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const id = await db()
    .transaction()
    .execute((trx) =>
      startS47(trx, { id: manager }, AUDIT, {
        strategyDiscussionId: sd.id,
        childId,
        heldAt: new Date('2026-05-04T09:00:00Z'),
        outcome: 's47_joint',
        at: new Date('2026-05-04T09:30:00Z'),
      }),
    )
  await db()
    .updateTable('s47_enquiry')
    .set({
      outcome: 'substantiated',
      likely_significant_harm: true,
      conference_needed: true,
      completed_on: '2026-05-15',
      outcome_recorded_by: manager,
      outcome_recorded_at: new Date('2026-05-14T12:00:00Z'),
    })
    .where('id', '=', id)
    .execute()
  return id
}

async function icpcTasks(s47Ids: readonly number[]) {
  const rows = await db()
    .selectFrom('task')
    .select(['subject_id', 'due_at', 'stopped_at', 'closed_by'])
    .where('clock_code', '=', 'icpc-15wd')
    .where(
      'subject_id',
      'in',
      s47Ids.map((id) => String(id)),
    )
    .orderBy('id')
    .execute()
  return rows.map((r) => [
    Number(r.subject_id),
    r.due_at.toISOString(),
    r.stopped_at === null ? 'open' : r.closed_by,
  ])
}

async function conference(id: number) {
  return db()
    .selectFrom('child_protection_conference')
    .select(['scheduled_at', 'cancelled_at', 'cancelled_reason', 'held_at'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow()
}

async function audited(childId: number, actions: readonly string[]) {
  const rows = await db()
    .selectFrom('audit_event')
    .select('action')
    .where('child_id', '=', childId)
    .where('action', 'in', actions)
    .where('outcome', '=', 'allowed')
    .orderBy('id')
    .execute()
  return rows.map((r) => r.action)
}

async function events(childId: number, type: string) {
  const rows = await db()
    .selectFrom('case_event')
    .select('summary')
    .where('child_id', '=', childId)
    .where('type', '=', type)
    .orderBy('id')
    .execute()
  return rows.map((r) => r.summary)
}

async function arrange(b: Browser, s47Id: number, sibling: number, d: string, m: string) {
  const res = await b.postMany(`/s47-enquiries/${s47Id}/conference`, [
    ['siblings', String(sibling)],
    ...Object.entries(when(d, m)),
    ['chair', String(await userId('safeguarding.manager'))],
  ])
  expect(res.statusCode, pageText(res.body).slice(0, 300)).toBe(303)
  return Number(String(res.headers.location).split('/').pop())
}

const CHANGES = ['conference.arrange', 'conference.rearrange', 'conference.cancel', 'conference.record']

let ava = 0
let leo = 0
let s47Ava = 0
let s47Leo = 0
let first = 0

beforeAll(async () => {
  t = await openTestApp({ clock })
  ;({
    children: [ava, leo],
  } = await f.family('Ashby', [AVA, LEO]))
  s47Ava = await enquiry(ava)
  s47Leo = await enquiry(leo)
}, 60_000)
afterAll(async () => t.close())

describe('an initial conference re-arranged', () => {
  it('is moved for both children, never before the enquiries started; moved past its due date it is late and the task stays open', async () => {
    expect(await icpcTasks([s47Ava, s47Leo])).toEqual([
      [s47Ava, DUE, 'open'],
      [s47Leo, DUE, 'open'],
    ])
    const b = await signedIn('social.worker')
    first = await arrange(b, s47Ava, leo, '22', '5')
    expect(await icpcTasks([s47Ava, s47Leo])).toEqual([
      [s47Ava, DUE, 'open'],
      [s47Leo, DUE, 'open'],
    ])
    expect((await b.get(`/conferences/${first}`)).body).toContain('data-testid="change-conference"')
    const form = await b.get(`/conferences/${first}/rearrange`)
    expect(form.statusCode).toBe(200)
    expect(pageText(form.body)).toContain(
      'It is due by 26 May 2026, 15 working days from the strategy discussion',
    )

    const early = await b.post(`/conferences/${first}/rearrange`, when('1', '5'))
    expect(early.statusCode).toBe(409)
    expect(early.body).toContain('govuk-error-summary')
    expect(pageText(early.body)).toContain(
      'The conference cannot be before Ava Ashby’s section 47 enquiry started (4 May 2026)',
    )
    const blank = await b.post(`/conferences/${first}/rearrange`, { 'scheduled-time': '' })
    expect(blank.statusCode).toBe(400)
    expect(blank.body).toContain('<title>Error:')
    // Strangers: a worker with no link to the children, a partner not invited.
    for (const who of ['social.worker2', 'police']) {
      const res = await (await signedIn(who)).post(`/conferences/${first}/rearrange`, when('3', '6'))
      expect([403, 404], who).toContain(res.statusCode)
    }
    expect((await conference(first)).scheduled_at).toEqual(new Date('2026-05-22T09:00:00Z'))

    const moved = await b.post(`/conferences/${first}/rearrange`, when('3', '6', '14:30'))
    expect(moved.statusCode, pageText(moved.body).slice(0, 300)).toBe(303)
    expect((await conference(first)).scheduled_at).toEqual(new Date('2026-06-03T13:30:00Z'))
    expect(pageText((await b.get(`/conferences/${first}`)).body)).toContain(
      'Conference re-arranged for 3 June 2026, after it was due (26 May 2026)',
    )
    // Late now, and the clock says so: still due on 26 May, still open.
    expect(await icpcTasks([s47Ava, s47Leo])).toEqual([
      [s47Ava, DUE, 'open'],
      [s47Leo, DUE, 'open'],
    ])
    for (const child of [ava, leo]) {
      expect(await events(child, 'conference.arranged')).toEqual([
        'Initial child protection conference arranged for 22 May 2026 (2 children)',
      ])
      expect(await events(child, 'conference.rearranged')).toEqual([
        'Initial child protection conference re-arranged from 22 May 2026 to 3 June 2026',
      ])
      expect(await audited(child, CHANGES)).toEqual(['conference.arrange', 'conference.rearrange'])
    }
  })
})

describe('an initial conference cancelled, still needed', () => {
  it('asks why and whether one is still needed; the task stays open, due as before, and the enquiry offers another', async () => {
    const b = await signedIn('social.worker')
    const form = pageText((await b.get(`/conferences/${first}/cancel`)).body)
    expect(form).toContain('The initial conference is still due by 26 May 2026')
    expect(form).toContain('Is an initial conference still needed?')
    const missing = await b.post(`/conferences/${first}/cancel`, { reason: '' })
    expect(missing.statusCode).toBe(400)
    expect(missing.body).toContain('govuk-error-summary')
    expect(missing.body).toContain('href="#stillNeeded"')
    expect(pageText(missing.body)).toContain('Enter why the conference is cancelled')
    expect(pageText(missing.body)).toContain('Select whether an initial conference is still needed')
    const stranger = await (
      await signedIn('social.worker2')
    ).post(`/conferences/${first}/cancel`, {
      reason: 'No',
      stillNeeded: 'yes',
    })
    expect([403, 404]).toContain(stranger.statusCode)
    expect((await conference(first)).cancelled_at).toBe(null)

    const res = await b.post(`/conferences/${first}/cancel`, {
      reason: 'The chair is ill; to be re-booked.',
      stillNeeded: 'yes',
    })
    expect(res.statusCode, pageText(res.body).slice(0, 300)).toBe(303)
    expect(await conference(first)).toMatchObject({
      cancelled_at: new Date('2026-05-20T11:00:00Z'),
      cancelled_reason: 'The chair is ill; to be re-booked.',
    })
    expect(await icpcTasks([s47Ava, s47Leo])).toEqual([
      [s47Ava, DUE, 'open'],
      [s47Leo, DUE, 'open'],
    ])
    for (const child of [ava, leo]) {
      expect(await events(child, 'conference.cancelled')).toEqual([
        'Initial child protection conference arranged for 3 June 2026 cancelled: The chair is ill; to be re-booked.',
      ])
      expect(await audited(child, CHANGES)).toEqual([
        'conference.arrange',
        'conference.rearrange',
        'conference.cancel',
      ])
    }
    // The enquiry shows the cancelled conference and offers to arrange another.
    const page = await b.get(`/s47-enquiries/${s47Leo}`)
    expect(page.body).toContain('data-testid="cancelled-conference-link"')
    expect(pageText(page.body)).toContain('The chair is ill; to be re-booked.')
    expect(page.body).toContain('data-testid="arrange-conference"')
    // Cancelled, it is not moved, cancelled again or recorded.
    expect((await b.get(`/conferences/${first}/rearrange`)).statusCode).toBe(409)
    expect(
      (await b.post(`/conferences/${first}/cancel`, { reason: 'Again', stillNeeded: 'yes' })).statusCode,
    ).toBe(409)
    expect((await b.get(`/conferences/${first}/held`)).statusCode).toBe(409)
  })

  it('is arranged again for both, restarting nothing; held, it closes the one task each enquiry has', async () => {
    const b = await signedIn('social.worker')
    const second = await arrange(b, s47Ava, leo, '27', '5')
    expect(second).not.toBe(first)
    expect(await icpcTasks([s47Ava, s47Leo])).toEqual([
      [s47Ava, DUE, 'open'],
      [s47Leo, DUE, 'open'],
    ])
    clock.set('2026-05-27T15:00:00Z')
    const held = await b.post(`/conferences/${second}/held`, {
      'held-day': '27',
      'held-month': '5',
      'held-year': '2026',
      'held-time': '10:00',
      childParticipation: 'views_through_worker',
      familyParticipation: 'attended',
      [`decision-${ava}`]: 'no_plan',
      [`decision-${leo}`]: 'no_plan',
    })
    expect(held.statusCode, pageText(held.body).slice(0, 300)).toBe(303)
    expect(await icpcTasks([s47Ava, s47Leo])).toEqual([
      [s47Ava, DUE, 'stop'],
      [s47Leo, DUE, 'stop'],
    ])
    clock.set('2026-05-20T11:00:00Z')
  })
})

describe('an initial conference cancelled as no longer needed', () => {
  it('is a manager’s decision; each enquiry then ends with no conference and its task closes with the reason', async () => {
    const {
      children: [noah, isla],
    } = await f.family('Brooke', [
      { given: 'Noah', dob: '2015-02-02' },
      { given: 'Isla', dob: '2020-07-07' },
    ])
    const s47Noah = await enquiry(noah)
    const s47Isla = await enquiry(isla)
    const b = await signedIn('social.worker')
    const id = await arrange(b, s47Noah, isla, '22', '5')
    const answers = {
      reason: 'The family moved to Scotland on 19 May; the enquiry passes to Fife.',
      stillNeeded: 'no',
    }

    const worker = await b.post(`/conferences/${id}/cancel`, answers)
    expect(worker.statusCode).toBe(409)
    expect(worker.body).toContain('govuk-error-summary')
    expect(pageText(worker.body)).toContain('Only a manager can decide that no initial conference is needed')
    expect((await conference(id)).cancelled_at).toBe(null)
    expect(await icpcTasks([s47Noah, s47Isla])).toEqual([
      [s47Noah, DUE, 'open'],
      [s47Isla, DUE, 'open'],
    ])

    const manager = await signedIn('team.manager')
    const res = await manager.post(`/conferences/${id}/cancel`, answers)
    expect(res.statusCode, pageText(res.body).slice(0, 300)).toBe(303)
    expect((await conference(id)).cancelled_reason).toBe(answers.reason)
    expect(await icpcTasks([s47Noah, s47Isla])).toEqual([
      [s47Noah, DUE, 'cancel'],
      [s47Isla, DUE, 'cancel'],
    ])
    const enquiries = await db()
      .selectFrom('s47_enquiry')
      .select(['id', 'conference_needed', 'no_conference_reason'])
      .where('id', 'in', [s47Noah, s47Isla])
      .orderBy('id')
      .execute()
    expect(enquiries).toEqual([
      { id: s47Noah, conference_needed: false, no_conference_reason: answers.reason },
      { id: s47Isla, conference_needed: false, no_conference_reason: answers.reason },
    ])
    const census = await db()
      .selectFrom('protection_s47_v')
      .select(['s47_id', 'icpc_not_required'])
      .where('s47_id', 'in', [s47Noah, s47Isla])
      .orderBy('s47_id')
      .execute()
    expect(census).toEqual([
      { s47_id: s47Noah, icpc_not_required: true },
      { s47_id: s47Isla, icpc_not_required: true },
    ])
    for (const child of [noah, isla]) {
      expect(await audited(child, [...CHANGES, 's47.conference_not_needed'])).toEqual([
        'conference.arrange',
        'conference.cancel',
        's47.conference_not_needed',
      ])
      expect(await events(child, 's47.ended_no_conference')).toEqual([
        `Section 47 enquiry ended: no initial conference needed after all (${answers.reason})`,
      ])
    }
    const page = await b.get(`/s47-enquiries/${s47Isla}`)
    expect(pageText(page.body)).toContain('Completed: no conference')
    expect(page.body).not.toContain('data-testid="arrange-conference"')
    expect((await b.get(`/s47-enquiries/${s47Isla}/conference`)).statusCode).toBe(409)
  })
})
