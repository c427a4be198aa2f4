/**
 * The front door's clocks in working hours, through the pages on a fixed clock (issue 12): the
 * decision and RAG clocks run from when the contact was received, in the authority's hours
 * (09:00 to 17:00 by default); a green response never outlasts the decision; feedback to the
 * referrer is due 3 working days after the decision, on the decider's list. Every due time is a
 * literal worked out by hand. Monday 25 May 2026 is a bank holiday; London is on BST (UTC+1).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/platform/calendar/clock.js'
import { frontdoorActions } from '../support/frontdoor.js'
import { openTestApp, pageText, type TestApp } from '../support/web.js'

const clock = fixedClock('2026-05-26T08:30:00Z')
let t: TestApp
const { db, signedIn, decide } = frontdoorActions(() => t)

beforeAll(async () => {
  t = await openTestApp({ clock })
})
afterAll(async () => t.close())

async function child(family: string) {
  const row = await db()
    .insertInto('person')
    .values({
      kind: 'child',
      given_name: 'Morgan',
      family_name: family,
      date_of_birth: '2017-03-04',
      sex: 'F',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** The date and time boxes for an instant, as London reads it. */
function received(iso: string): [string, string][] {
  const d = new Date(iso)
  const [y, m, day] = d.toLocaleDateString('en-CA', { timeZone: 'Europe/London' }).split('-')
  const time = d.toLocaleTimeString('en-GB', {
    timeZone: 'Europe/London',
    hour: '2-digit',
    minute: '2-digit',
  })
  return [
    ['received-day', day ?? ''],
    ['received-month', m ?? ''],
    ['received-year', y ?? ''],
    ['received-time', time],
  ]
}

/** A school's contact about one child, received at `at`: the contact and its child's row. */
async function contactAbout(family: string, at: string) {
  const id = await child(family)
  const b = await signedIn('screener')
  const res = await b.postMany('/contacts/new', [
    ...received(at),
    ['channel', 'phone'],
    ['referralSource', '2A'],
    ['referrerName', 'Ms Head'],
    ['referrerRole', 'Headteacher'],
    ['reason', 'The child came to school with bruising and said she was scared to go home.'],
    ['presentingNeeds', '3B'],
    ['consent', 'given'],
    ['childSafeNow', 'not_known'],
    ['childIds', String(id)],
    ['step', 'save'],
  ])
  expect(res.statusCode).toBe(303)
  const contactId = Number(/\/contacts\/(\d+)/.exec(res.headers.location as string)?.[1])
  const row = await db()
    .selectFrom('contact_child')
    .select('id')
    .where('contact_id', '=', contactId)
    .executeTakeFirstOrThrow()
  return { contactId, cc: row.id, page: `/contacts/${contactId}/children/${row.id}` }
}

async function rate(page: string, rag: string) {
  const b = await signedIn('screener')
  const res = await b.post(`${page}/rating`, { thresholdLevel: '3', rag, recommendation: '' }, page)
  expect(res.statusCode).toBe(303)
}

/** The contact's clock tasks: due time, when stopped, and who has the task. */
function tasksOf(cc: number) {
  return db()
    .selectFrom('task')
    .leftJoin('app_user as u', 'u.id', 'task.assigned_user_id')
    .select(['task.clock_code', 'task.due_at', 'task.stopped_at', 'u.username'])
    .where('task.subject_type', '=', 'contact')
    .where('task.subject_id', '=', String(cc))
    .orderBy('task.clock_code')
    .orderBy('task.id')
    .execute()
}

/** The contact's clocks by code, as literal ISO due times. */
async function clocks(cc: number) {
  return Object.fromEntries((await tasksOf(cc)).map((x) => [x.clock_code, x.due_at.toISOString()]))
}

describe('the front door’s clocks in working hours', () => {
  it('a contact received on Friday evening before the bank holiday runs from Tuesday’s opening, to the decision and the feedback', async () => {
    clock.set('2026-05-26T08:30:00Z') // Tuesday 26 May, 09:30
    const { contactId, cc, page } = await contactAbout('Penhallow', '2026-05-22T17:30:00Z') // Friday 18:30
    // Tuesday is day 0: the decision is due at Wednesday's close.
    expect(await clocks(cc)).toEqual({ 'mash-decision': '2026-05-27T16:00:00.000Z' })
    await rate(page, 'red')
    // Red counts from receipt, not the rating: Tuesday's close of business.
    expect(await clocks(cc)).toEqual({
      'mash-decision': '2026-05-27T16:00:00.000Z',
      'mash-decision-rag': '2026-05-26T16:00:00.000Z',
    })

    const screener = await signedIn('screener')
    const triage = pageText((await screener.get(page)).body)
    expect(triage).toContain('Due by 5:00pm today: 7 working hours left')
    expect(triage).toContain('Due by 5:00pm tomorrow: 15 working hours left')
    const queue = pageText((await screener.get('/mash')).body)
    expect(queue).toContain('Due by 5:00pm today: 7 working hours left')

    clock.set('2026-05-26T09:00:00Z') // 10:00
    // Recommended by the MASH social worker, authorised by the MASH manager at the same minute.
    const decided = await decide(contactId, cc, {
      decision: 'no_further_action',
      decisionReason: 'The school’s support is enough.',
      oversightNote: 'School support is enough; checks done.',
    })
    expect(decided.statusCode).toBe(303)
    const sw = await signedIn('mash.sw')
    const tasks = await tasksOf(cc)
    expect(
      tasks.map((x) => [x.clock_code, x.due_at.toISOString(), x.stopped_at?.toISOString() ?? null]),
    ).toEqual([
      ['mash-authorisation', '2026-05-26T16:00:00.000Z', '2026-05-26T09:00:00.000Z'],
      ['mash-decision', '2026-05-27T16:00:00.000Z', '2026-05-26T09:00:00.000Z'],
      ['mash-decision-rag', '2026-05-26T16:00:00.000Z', '2026-05-26T09:00:00.000Z'],
      // Three working days after Tuesday's decision: Friday's close, on the recommender's list.
      ['referrer-feedback', '2026-05-29T16:00:00.000Z', null],
    ])
    expect(tasks.find((x) => x.clock_code === 'referrer-feedback')?.username).toBe('mash.sw')
    const worklist = pageText((await sw.get('/')).body)
    expect(worklist).toContain('Tell the referrer the outcome')
    expect(worklist).toContain('5:00pm on 29 May 2026')
    expect(worklist).toContain('due in 3 working days') // beyond two working days, counted in days

    clock.set('2026-05-27T13:00:00Z') // Wednesday 14:00
    const told = await screener.post(
      `${page}/feedback`,
      { feedbackMethod: 'phone', feedbackNote: 'Told Ms Head.' },
      page,
    )
    expect(told.statusCode).toBe(303)
    const feedback = await db()
      .selectFrom('task')
      .select(['stopped_at', 'closed_by'])
      .where('clock_code', '=', 'referrer-feedback')
      .where('subject_id', '=', String(cc))
      .executeTakeFirstOrThrow()
    expect([feedback.stopped_at?.toISOString(), feedback.closed_by]).toEqual([
      '2026-05-27T13:00:00.000Z',
      'stop',
    ])
  })

  it('green never outlasts the decision clock; amber counts 8 working hours from receipt', async () => {
    clock.set('2026-05-27T11:30:00Z') // Wednesday 12:30
    const green = await contactAbout('Trevena', '2026-05-27T11:00:00Z') // Wednesday noon
    await rate(green.page, 'green')
    // 24 working hours would be Tuesday 2 June; the decision is due at Thursday's close.
    expect(await clocks(green.cc)).toEqual({
      'mash-decision': '2026-05-28T16:00:00.000Z',
      'mash-decision-rag': '2026-05-28T16:00:00.000Z',
    })
    const amber = await contactAbout('Tregear', '2026-05-27T11:00:00Z')
    await rate(amber.page, 'amber')
    expect((await clocks(amber.cc))['mash-decision-rag']).toBe('2026-05-28T11:00:00.000Z') // Thursday noon
  })

  it('a contact at 16:55 rated red is due at five o’clock; a later re-rating up runs from itself, down changes nothing', async () => {
    clock.set('2026-05-28T15:58:00Z') // Thursday 16:58
    const late = await contactAbout('Polkinghorne', '2026-05-28T15:55:00Z') // Thursday 16:55
    await rate(late.page, 'red')
    expect(await clocks(late.cc)).toEqual({
      'mash-decision': '2026-05-29T16:00:00.000Z',
      'mash-decision-rag': '2026-05-28T16:00:00.000Z',
    })

    clock.set('2026-05-28T08:30:00Z') // Thursday 09:30
    const rerated = await contactAbout('Angove', '2026-05-28T08:00:00Z') // Thursday 09:00
    await rate(rerated.page, 'green') // capped: Friday's close
    clock.set('2026-05-28T13:00:00Z') // 14:00
    await rate(rerated.page, 'amber') // 8 working hours from 14:00: Friday 14:00
    expect((await clocks(rerated.cc))['mash-decision-rag']).toBe('2026-05-29T13:00:00.000Z')
    clock.set('2026-05-28T14:00:00Z')
    await rate(rerated.page, 'green') // lower: never put back
    expect((await clocks(rerated.cc))['mash-decision-rag']).toBe('2026-05-29T13:00:00.000Z')
  })
})
