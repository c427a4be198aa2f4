/**
 * Early help through the pages, on a fixed clock (issue 15): the front door decides early help for
 * Mia; the Early help team's manager takes it up with the family's consent and allocates the
 * school's designated safeguarding lead as lead professional, who is given access to Mia's record,
 * records a team around the family meeting they did not attend (an alert), and the assessment's
 * task is on their list, due 30 working days on. A manager of another team and a health visitor
 * with no grant are refused and audited; bad answers save nothing; two allocations from one form
 * are told apart (409). Friday 18 December 2026: 25 and 28 December and 1 January are bank holidays.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/platform/calendar/clock.js'
import { londonDate } from '../../src/platform/calendar/dates.js'
import { caseworkFactory } from '../support/casework.js'
import { csrfFrom, pageText, type TestApp, openTestApp } from '../support/web.js'

const clock = fixedClock('2026-12-18T10:00:00Z')
let t: TestApp
const f = caseworkFactory(() => t)
const { db, signedIn, userId } = f
let mia = 0
let contactChildId = 0
let episodeId = 0

async function auditRows(requestId: string) {
  return db()
    .selectFrom('audit_event')
    .select(['action', 'outcome', 'child_id'])
    .where('request_id', '=', requestId)
    .orderBy('id')
    .execute()
}

const episodes = () => db().selectFrom('eh_episode').selectAll().where('child_id', '=', mia).execute()

beforeAll(async () => {
  t = await openTestApp({ clock })
  mia = await f.child({ given: 'Mia', family: 'Thornbury', dob: '2017-03-04' }, null)
  const contact = await db()
    .insertInto('contact')
    .values({
      received_at: new Date('2026-12-16T09:00:00Z'),
      channel: 'phone',
      referral_source: '2A',
      reason: 'Mia is often late and hungry at school; mum is struggling and asked for help.',
      consent: 'given',
      recorded_by: await userId('screener'),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  contactChildId = (
    await db()
      .insertInto('contact_child')
      .values({
        contact_id: contact.id,
        child_id: mia,
        status: 'decided',
        decision: 'early_help',
        decided_by: await userId('mash.manager'),
        decided_at: new Date('2026-12-17T11:00:00Z'),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
}, 60_000)
afterAll(async () => t.close())

const consent = {
  team: '',
  consent: 'yes',
  'consentOn-day': '16',
  'consentOn-month': '12',
  'consentOn-year': '2026',
  consentFrom: 'Mother',
}

describe('taking up the front door’s decision of early help', () => {
  it('lists it for the early help team’s manager, and refuses (and audits) another team’s manager', async () => {
    const manager = await signedIn('early.help')
    const list = pageText((await manager.get('/early-help')).body)
    expect(list).toContain('Mia Thornbury')
    const other = await signedIn('safeguarding.manager')
    const refused = await other.get(`/early-help/front-door/${contactChildId}`)
    expect(refused.statusCode).toBe(403)
    expect(refused.body).not.toContain('Thornbury')
    expect(await auditRows(refused.headers['x-request-id'] as string)).toEqual([
      expect.objectContaining({ outcome: 'denied', child_id: mia }),
    ])
  })

  it('needs the family’s consent and saves nothing without it', async () => {
    const manager = await signedIn('early.help')
    const res = await manager.post(`/early-help/front-door/${contactChildId}`, { consentFrom: '' })
    expect(res.statusCode).toBe(400)
    const text = pageText(res.body)
    expect(text).toContain('Early help needs the family’s consent')
    expect(text).toContain('Enter who gave consent')
    expect(await episodes()).toEqual([])
  })

  it('starts the episode held by the early help team, its assessment clock running 30 working days', async () => {
    const manager = await signedIn('early.help')
    const team = (await f.user('early.help')).teamId as number
    const res = await manager.post(`/early-help/front-door/${contactChildId}`, {
      ...consent,
      team: String(team),
    })
    expect(res.statusCode).toBe(303)
    const [episode] = await episodes()
    expect(episode).toMatchObject({ origin: 'front_door', status: 'awaiting_allocation', team_id: team })
    episodeId = episode?.id as number
    const task = await db()
      .selectFrom('task')
      .select(['due_at', 'assigned_team_id'])
      .where('clock_code', '=', 'early-help-assessment')
      .where('subject_id', '=', String(episodeId))
      .executeTakeFirstOrThrow()
    expect(londonDate(task.due_at.getTime())).toBe('2027-02-03')
    expect(task.assigned_team_id).toBe(team)
    // Taken up: no longer waiting.
    expect(pageText((await manager.get('/early-help')).body)).not.toContain('Start early help for Mia')
  })
})

describe('the lead professional', () => {
  it('tells apart two allocations from one form (409), and gives the school access to Mia', async () => {
    const manager = await signedIn('early.help')
    const form = await manager.get(`/early-help/${episodeId}/allocation`)
    const csrf = csrfFrom(form.body)
    const [school, hv] = [await userId('school'), await userId('health.visitor')]
    const results = await Promise.all([
      manager.postWithToken(
        `/early-help/${episodeId}/allocation`,
        { lead: String(school), version: '1' },
        csrf,
      ),
      manager.postWithToken(`/early-help/${episodeId}/allocation`, { lead: String(hv), version: '1' }, csrf),
    ])
    expect(results.map((r) => r.statusCode).sort()).toEqual([303, 409])
    const winner = results[0]?.statusCode === 303 ? school : hv
    if (winner !== school) {
      const again = await manager.get(`/early-help/${episodeId}/allocation`)
      expect(
        (
          await manager.postWithToken(
            `/early-help/${episodeId}/allocation`,
            { lead: String(school), version: '2' },
            csrfFrom(again.body),
          )
        ).statusCode,
      ).toBe(303)
    }
    const [episode] = await episodes()
    expect(episode).toMatchObject({ status: 'open', lead_user_id: school, lead_agency: 'education' })
    const grants = await db()
      .selectFrom('child_access')
      .select(['user_id', 'basis'])
      .where('child_id', '=', mia)
      .where('revoked_at', 'is', null)
      .where('user_id', 'is not', null)
      .execute()
    expect(grants).toEqual([{ user_id: school, basis: 'process_participant' }])
    const task = await db()
      .selectFrom('task')
      .select('assigned_user_id')
      .where('clock_code', '=', 'early-help-assessment')
      .where('subject_id', '=', String(episodeId))
      .executeTakeFirstOrThrow()
    expect(task.assigned_user_id).toBe(school)
  })

  it('refuses a health visitor with no grant as if the episode did not exist, and audits it', async () => {
    const hv = await signedIn('health.visitor')
    const res = await hv.get(`/early-help/${episodeId}`)
    expect(res.statusCode).toBe(404)
    expect(res.body).not.toContain('Thornbury')
    expect(await auditRows(res.headers['x-request-id'] as string)).toEqual([
      expect.objectContaining({ outcome: 'denied' }),
    ])
  })

  it('lets the school record a meeting with attendance, all or nothing, and raises the alert when they missed it', async () => {
    const school = await signedIn('school')
    // Whoever was allocated first stays in the team: every member's attendance is asked for.
    const members = await db()
      .selectFrom('eh_taf_member')
      .select('id')
      .where('episode_id', '=', episodeId)
      .execute()
    const [episode] = await episodes()
    const attendance = Object.fromEntries(
      members.map((m) => [
        `attendance-${m.id}`,
        m.id === episode?.lead_member_id ? 'did_not_attend' : 'attended',
      ]),
    )
    const half = await school.post(`/early-help/${episodeId}/meetings/new`, {
      'heldOn-day': '18',
      'heldOn-month': '12',
      'heldOn-year': '2026',
      decisions: 'Breakfast club from January.',
    })
    expect(half.statusCode).toBe(400)
    expect(pageText(half.body)).toContain('Select whether this member attended')
    expect(
      await db().selectFrom('eh_meeting').select('id').where('episode_id', '=', episodeId).execute(),
    ).toEqual([])
    const res = await school.post(`/early-help/${episodeId}/meetings/new`, {
      'heldOn-day': '18',
      'heldOn-month': '12',
      'heldOn-year': '2026',
      ...attendance,
      decisions: 'Breakfast club from January.',
    })
    expect(res.statusCode).toBe(303)
    const page = await school.get(`/early-help/${episodeId}`)
    expect(page.body).toContain('data-testid="alert-lead_did_not_attend"')
    const events = await db()
      .selectFrom('case_event')
      .select(['type', 'summary'])
      .where('child_id', '=', mia)
      .where('type', 'like', 'earlyhelp.%')
      .orderBy('id')
      .execute()
    // One allocation, or two when the health visitor's was taken first and the school's came after.
    expect(new Set(events.map((e) => e.type))).toEqual(
      new Set([
        'earlyhelp.started',
        'earlyhelp.allocated',
        'earlyhelp.meeting_held',
        'earlyhelp.meeting_recorded',
      ]),
    )
    expect(events[events.length - 1]?.summary).toMatch(/did not attend\. Lead professional from Education\.$/)
  })

  it('shows the alert on Mia’s record', async () => {
    const manager = await signedIn('early.help')
    const record = await manager.get(`/children/${mia}`)
    expect(record.statusCode).toBe(200)
    expect(pageText(record.body)).toContain(
      'The lead professional did not attend the last team around the family meeting.',
    )
  })
})

describe('a member leaves the team around the family', () => {
  const liveGrants = async (userId: number) =>
    db()
      .selectFrom('child_access as g')
      .innerJoin('eh_taf_member as m', 'm.grant_id', 'g.id')
      .select(['g.id', 'g.revoked_reason'])
      .where('g.child_id', '=', mia)
      .where('g.user_id', '=', userId)
      .where('g.revoked_at', 'is', null)
      .execute()

  it('keeps them on the meetings they attended, ends the access the episode gave them (audited), and refuses the lead', async () => {
    const school = await signedIn('school')
    const hv = await userId('health.visitor')
    expect(
      (
        await school.post(`/early-help/${episodeId}/members/new`, {
          name: 'Nia Barker',
          role: 'Health visitor',
          agency: 'Thurrock Health Visiting Service',
          userId: String(hv),
        })
      ).statusCode,
    ).toBe(303)
    // The row just added: when her allocation won the race above, an earlier row (her time as
    // lead professional) has her name too.
    const [nia] = await db()
      .selectFrom('eh_taf_member')
      .select('id')
      .where('episode_id', '=', episodeId)
      .where('name', '=', 'Nia Barker')
      .orderBy('id', 'desc')
      .limit(1)
      .execute()
    const niaId = nia?.id ?? 0
    expect(await liveGrants(hv)).toHaveLength(1)
    expect((await (await signedIn('health.visitor')).get(`/children/${mia}`)).statusCode).toBe(200)
    // A meeting she attended, before she leaves.
    const members = await db()
      .selectFrom('eh_taf_member')
      .select('id')
      .where('episode_id', '=', episodeId)
      .where('removed_at', 'is', null)
      .execute()
    expect(
      (
        await school.post(`/early-help/${episodeId}/meetings/new`, {
          'heldOn-day': '18',
          'heldOn-month': '12',
          'heldOn-year': '2026',
          ...Object.fromEntries(members.map((m) => [`attendance-${m.id}`, 'attended'])),
          decisions: 'Health visitor to hand over to the school nurse.',
        })
      ).statusCode,
    ).toBe(303)

    expect((await school.get(`/early-help/${episodeId}/meetings/new`)).body).toContain(`attendance-${niaId}`)
    const form = await school.get(`/early-help/${episodeId}/members/${niaId}/leave`)
    expect(form.statusCode).toBe(200)
    expect(pageText(form.body)).toContain('Nia Barker leaves the team around the family')
    const blank = await school.post(`/early-help/${episodeId}/members/${niaId}/leave`, { reason: ' ' })
    expect(blank.statusCode).toBe(400)
    expect(pageText(blank.body)).toContain('Enter why they are leaving the team')
    expect(await liveGrants(hv)).toHaveLength(1)

    const [episode] = await episodes()
    const lead = await school.post(`/early-help/${episodeId}/members/${episode?.lead_member_id}/leave`, {
      reason: 'Handing over',
    })
    expect(lead.statusCode).toBe(409)
    expect(pageText(lead.body)).toContain('is the lead professional')

    const left = await school.post(`/early-help/${episodeId}/members/${niaId}/leave`, {
      reason: 'The school nurse takes over from the health visitor.',
    })
    expect(left.statusCode).toBe(303)
    expect(await liveGrants(hv)).toEqual([])
    const revoked = await db()
      .selectFrom('audit_event')
      .select(['detail'])
      .where('action', '=', 'child_access.revoke')
      .where('child_id', '=', mia)
      .where('request_id', '=', left.headers['x-request-id'] as string)
      .execute()
    expect(revoked.map((r) => (r.detail as { memberId?: number }).memberId)).toEqual([niaId])
    expect((await (await signedIn('health.visitor')).get(`/children/${mia}`)).statusCode).toBe(404)

    const page = pageText((await school.get(`/early-help/${episodeId}`)).body)
    expect(page).toContain(
      'Nia Barker (Health visitor, Thurrock Health Visiting Service) left on 18 December 2026: The school nurse takes over from the health visitor.',
    )
    expect(page).toContain('Nia Barker: Attended')
    // Gone from the team, so not asked about at the next meeting; her page answers not found.
    expect((await school.get(`/early-help/${episodeId}/meetings/new`)).body).not.toContain(
      `attendance-${niaId}`,
    )
    expect((await school.get(`/early-help/${episodeId}/members/${niaId}/leave`)).statusCode).toBe(404)
    const event = await db()
      .selectFrom('case_event')
      .select('summary')
      .where('child_id', '=', mia)
      .where('type', '=', 'earlyhelp.member_left')
      .executeTakeFirstOrThrow()
    expect(event.summary).toMatch(
      /^Nia Barker \(Health visitor, Thurrock Health Visiting Service\) left the team/,
    )
  })
})
