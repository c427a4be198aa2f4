/**
 * Allocation (issue 12), on PGlite and (with DATABASE_URL) PostgreSQL: the page shows the concern
 * and decision, offers the social workers of the manager's teams (not the manager) with their role,
 * practice level and caseload, suggests the worker who holds a sibling and otherwise the lightest
 * qualified caseload; a screener cannot allocate; the confirmation names the child, the worker and
 * the task with its due date, worked out by hand.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/platform/calendar/clock.js'
import { Browser, openTestApp, pageText, type TestApp } from '../support/web.js'

const clock = fixedClock('2026-11-11T10:00:00Z')
let t: TestApp
const db = () => t.database.db

async function userId(username: string) {
  return (
    await db().selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirstOrThrow()
  ).id
}
async function teamId(name: string) {
  return (await db().selectFrom('team').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id
}
async function child(given: string, family: string) {
  const { id } = await db()
    .insertInto('person')
    .values({ kind: 'child', given_name: given, family_name: family, date_of_birth: '2017-03-04', sex: 'M' })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

/** A referral to the Assessment team from a decided contact, as the decision leaves it. */
async function referral(childId: number) {
  const team = await teamId('Assessment team')
  const decider = await userId('mash.sw')
  const contact = await db()
    .insertInto('contact')
    .values({
      received_at: new Date('2026-11-10T08:15:00Z'),
      channel: 'phone',
      referral_source: '2A',
      reason: 'School saw bruising to the arm; the child said his mum’s partner grabbed him.',
      consent: 'given',
      recorded_by: await userId('screener'),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const cc = await db()
    .insertInto('contact_child')
    .values({
      contact_id: contact.id,
      child_id: childId,
      status: 'decided',
      threshold_level: '3',
      rag: 'amber',
      rated_at: new Date('2026-11-10T09:00:00Z'),
      rated_by: decider,
      decision: 'referral',
      decision_reason: 'Injury with a consistent account: an assessment is needed.',
      decided_by: decider,
      decided_at: new Date('2026-11-10T11:00:00Z'),
      oversight_note: 'Agreed: visit within 5 working days; check the partner with police.',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const { id } = await db()
    .insertInto('referral')
    .values({
      child_id: childId,
      contact_child_id: cc.id,
      referral_date: '2026-11-10',
      referral_source: '2A',
      re_referral: false,
      status: 'awaiting_allocation',
      team_id: team,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db()
    .insertInto('child_access')
    .values({ child_id: childId, team_id: team, basis: 'allocated_team' })
    .execute()
  return id
}

async function signedIn(username: string) {
  const b = new Browser(t.app)
  await b.signIn(username)
  return b
}

/** The names offered on the allocation form, in order. */
const offered = (html: string) =>
  [
    ...html.matchAll(/<label class="govuk-label govuk-radios__label" for="workerId[^"]*">\s*([^<(]+?)\s*\(/g),
  ].map((m) => m[1])

let sam = 0
beforeAll(async () => {
  t = await openTestApp({ clock })
  // A newly qualified worker in the Assessment team with nothing allocated yet.
  sam = (
    await db()
      .insertInto('app_user')
      .values({
        username: 'sam.okafor',
        display_name: 'Sam Okafor',
        role: 'social_worker',
        team_id: await teamId('Assessment team'),
        practice_level: 'asye',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
})
afterAll(async () => t.close())

describe('allocating a referral', () => {
  it('shows the concern and decision, offers the team’s social workers but not the manager, and suggests the worker who holds a sibling', async () => {
    const ava = await child('Ava', 'Fenwick')
    const leo = await child('Leo', 'Fenwick')
    await db()
      .insertInto('person_relationship')
      .values({
        person_id: ava,
        related_person_id: leo,
        relationship_type: 'sibling',
        household_member: true,
      })
      .execute()
    const amara = await userId('social.worker')
    await db()
      .insertInto('child_access')
      .values({ child_id: ava, user_id: amara, basis: 'allocated_worker' })
      .execute()
    const id = await referral(leo)

    const manager = await signedIn('team.manager')
    const page = await manager.get(`/referrals/${id}`)
    expect(page.statusCode).toBe(200)
    const names = offered(page.body)
    expect(names).toEqual(['Amara Lewis', 'Sam Okafor'])
    expect(names).not.toContain('Helen Price')
    const text = pageText(page.body)
    expect(text).toContain('Suggested: Amara Lewis, who holds Ava’s case.')
    expect(text).toContain('Social worker; practice level: Senior practitioner.')
    expect(text).toContain('Social worker; practice level: Newly qualified (ASYE). 0 children allocated now')
    for (const concern of [
      'School saw bruising to the arm',
      'Level 3',
      'Amber',
      'Decision Referral to children',
      'Injury with a consistent account',
      'Agreed: visit within 5 working days',
    ])
      expect(text).toContain(concern)
    expect(page.body).toMatch(
      /data-testid="suggested-worker"[^>]*value="\d+"|value="\d+"[^>]*data-testid="suggested-worker"/,
    )
  })

  it('without a sibling, suggests the qualified worker with the lightest caseload', async () => {
    const id = await referral(await child('Mo', 'Harte'))
    const manager = await signedIn('team.manager')
    const text = pageText((await manager.get(`/referrals/${id}`)).body)
    expect(text).toContain('Suggested: Sam Okafor, who has the lightest caseload of the qualified workers.')
  })

  it('refuses a screener, and refuses the manager herself as the worker', async () => {
    const id = await referral(await child('Ty', 'Marsh'))
    const screener = await signedIn('screener')
    const refused = await screener.post(`/referrals/${id}/allocate`, { workerId: String(sam) }, '/mash')
    expect(refused.statusCode).toBe(403)
    const manager = await signedIn('team.manager')
    const self = await manager.post(
      `/referrals/${id}/allocate`,
      { workerId: String(await userId('team.manager')) },
      `/referrals/${id}`,
    )
    expect(self.statusCode).toBe(400)
    expect(pageText(self.body)).toContain('Select a social worker from the list')
    const row = await db()
      .selectFrom('referral')
      .select('status')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(row.status).toBe('awaiting_allocation')
  })

  it('confirms the allocation with the child, the worker, and the task due 45 working days from the referral', async () => {
    const leo = await child('Leo', 'Ashby')
    const id = await referral(leo)
    const manager = await signedIn('team.manager')
    const res = await manager.post(`/referrals/${id}/allocate`, { workerId: String(sam) }, `/referrals/${id}`)
    expect(res.statusCode).toBe(303)
    // Referred Tuesday 10 November 2026: 45 working days, past Christmas Day, the Boxing Day
    // holiday on Monday 28 December and New Year's Day, end on Friday 15 January 2027.
    const page = await manager.get(`/referrals/${id}`)
    expect(pageText(page.body)).toContain(
      'Leo Ashby’s referral allocated to Sam Okafor; their task: ‘Visit the child and start the child and family assessment’ due by 15 January 2027.',
    )
    expect(page.body).toContain('govuk-notification-banner--success')
  })
})
