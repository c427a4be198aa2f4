/**
 * Closing an early help episode with the closure checklist, on a fixed clock (Friday 15 January
 * 2027): the lead professional (the school) is offered the closure on the episode page; the
 * health visitor in the team around the family reads but may not propose (refused, audited, nothing
 * saved), nor may the police with no grant; bad answers save nothing; consent withdrawn with the
 * risks unchanged holds the closure until a referral is recorded; the proposer may not authorise;
 * the early help team's manager returns it (the school sees why and proposes again, answers kept)
 * and then authorises it: the episode ends with its reason and day, its clocks stop, the grants it
 * gave end (audited), the chronology reads it as early help's, and the ended episode refuses new
 * records. Two managers at once: one wins. Annex A list 2 stops listing an assessment left
 * uncompleted once its episode has ended. PGlite and PostgreSQL.
 */
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decideClosure } from '../../src/modules/earlyhelp/closure-service.js'
import {
  homeFigures,
  recordSession,
  scoreObjective,
  writeAllocation,
  writeAssessment,
  writeEpisode,
  writeMember,
} from '../../src/modules/earlyhelp/service.js'
import { lockEpisode } from '../../src/modules/earlyhelp/store.js'
import { REFERRAL_PROMPT } from '../../src/platform/casework/closure.js'
import { fixedClock } from '../../src/platform/calendar/clock.js'
import { NotAllowedError } from '../../src/platform/http/errors.js'
import { loadStaffMember } from '../../src/platform/permissions/store.js'
import { exportAnnexABook, listRows } from '../support/annex-a.js'
import { caseworkFactory } from '../support/casework.js'
import { pageText, type TestApp, openTestApp } from '../support/web.js'

const clock = fixedClock('2027-01-15T10:00:00Z')
let t: TestApp
const f = caseworkFactory(() => t)
const { db, signedIn, userId } = f
const AUDIT = { userId: null, username: 'earlyhelp-closure-test', requestId: null }
let manager = 0
let school = 0
let healthVisitor = 0
let mia = 0
let episodeId = 0

/** A child in early help since 1 December 2026, led by the school, the health visitor in the TAF. */
async function episodeFor(given: string): Promise<{ childId: number; episodeId: number }> {
  const childId = await f.child({ given, family: 'Ashdown', dob: '2016-09-14' }, null)
  const team = (await f.user('early.help')).teamId as number
  const started = new Date('2026-12-01T10:00:00Z')
  const id = await db()
    .transaction()
    .execute(async (trx) => {
      const id = await writeEpisode(
        trx,
        { id: manager },
        { childId, origin: 'direct', contactChildId: null },
        { teamId: team, consentOn: '2026-11-30', consentFrom: 'Mother', consentNote: null },
        started,
        AUDIT,
        null,
      )
      await writeAllocation(trx, (await lockEpisode(trx, id))!, school, manager, started)
      const episode = (await lockEpisode(trx, id))!
      await writeMember(trx, episode, manager, started, {
        agency: 'Thurrock Health Visiting Service',
        name: 'Nia Barker',
        role: 'Health visitor',
        userId: healthVisitor,
      })
      await writeAssessment(trx, episode, school, started, {
        needs: 'Mornings are hard.',
        strengths: 'A loving mother.',
        childVoice: '',
        familyView: '',
        completedOn: null,
      })
      return id
    })
  return { childId, episodeId: id }
}

const checklist = {
  agency1: 'Oakfield Primary School',
  agencyAsked1: 'yes',
  agencyView1: 'Attendance is back to 96%; the school agrees early help can end.',
  agency2: 'Health visiting',
  agencyAsked2: 'yes',
  agencyView2: 'No concerns at the last visit.',
  outstandingConcerns: 'none',
  childVoice: 'recorded',
  childSaid: 'Mia said mornings are better and she likes breakfast club.',
  closureReason: 'EH2',
  consentWithdrawn: 'no',
  risksUnchanged: 'no',
}
const authorise = {
  outcome: 'authorise',
  oversightNote: 'Agencies agree, nothing is outstanding and Mia’s views are recorded: early help can end.',
}

const closures = (id: number) =>
  db().selectFrom('eh_closure').selectAll().where('episode_id', '=', id).orderBy('id').execute()
const audits = (action: string, outcome: 'allowed' | 'denied') =>
  db()
    .selectFrom('audit_event')
    .select(['child_id', 'user_id', 'record_id', 'detail'])
    .where('action', '=', action)
    .where('outcome', '=', outcome)
    .orderBy('id')
    .execute()
const liveGrants = (childId: number) =>
  db()
    .selectFrom('child_access')
    .select(['id', 'user_id', 'team_id', 'basis'])
    .where('child_id', '=', childId)
    .where('revoked_at', 'is', null)
    .orderBy('id')
    .execute()
const openTasks = (childId: number) =>
  db()
    .selectFrom('task')
    .select(['clock_code', 'assigned_user_id'])
    .where('child_id', '=', childId)
    .where('stopped_at', 'is', null)
    .orderBy('id')
    .execute()

beforeAll(async () => {
  t = await openTestApp({ clock })
  manager = await userId('early.help')
  school = await userId('school')
  healthVisitor = await userId('health.visitor')
  ;({ childId: mia, episodeId } = await episodeFor('Mia'))
}, 60_000)
afterAll(async () => t.close())

describe('proposing the closure', () => {
  it('offers the lead professional "Close this early help episode"; the health visitor reads but may not propose (refused, audited, nothing saved)', async () => {
    const lead = await signedIn('school')
    expect((await lead.get(`/early-help/${episodeId}`)).body).toContain('data-testid="close-episode"')
    const hv = await signedIn('health.visitor')
    const page = await hv.get(`/early-help/${episodeId}`)
    expect(page.statusCode).toBe(200)
    expect(page.body).not.toContain('data-testid="close-episode"')
    expect(pageText((await hv.get(`/early-help/${episodeId}/closure`)).body)).toContain(
      'Only the lead professional and the early help team holding this episode propose its closure.',
    )
    const refused = await hv.post(`/early-help/${episodeId}/closure`, checklist)
    expect(refused.statusCode).toBe(403)
    expect(await closures(episodeId)).toEqual([])
    expect((await audits('eh_closure.propose', 'denied')).filter((a) => a.user_id === healthVisitor)).toEqual(
      [expect.objectContaining({ child_id: mia })],
    )
  })

  it('refuses the police, who have no grant, as if the episode did not exist, and audits it', async () => {
    const police = await signedIn('police')
    const res = await police.post(`/early-help/${episodeId}/closure`, checklist)
    expect(res.statusCode).toBe(404)
    expect(res.body).not.toContain('Ashdown')
    const denied = await db()
      .selectFrom('audit_event')
      .select('child_id')
      .where('request_id', '=', res.headers['x-request-id'] as string)
      .where('outcome', '=', 'denied')
      .execute()
    expect(denied).toEqual([{ child_id: mia }])
  })

  it('gives each missing answer its own message, asks more of "another reason", and saves nothing', async () => {
    const lead = await signedIn('school')
    const empty = await lead.post(`/early-help/${episodeId}/closure`, {})
    expect(empty.statusCode).toBe(400)
    const text = pageText(empty.body)
    expect(text).toContain('There is a problem')
    expect(text).toContain('Select the reason for closing the case')
    expect(text).toContain('Select whether the child’s views are recorded')
    const other = await lead.post(`/early-help/${episodeId}/closure`, { ...checklist, closureReason: 'EH7' })
    expect(other.statusCode).toBe(400)
    expect(pageText(other.body)).toContain('Enter more about the reason: Another reason')
    expect(await closures(episodeId)).toEqual([])
  })

  it('holds a closure with consent withdrawn and the risks unchanged until a referral is recorded, then sends it to the team’s manager', async () => {
    const lead = await signedIn('school')
    const withdrawn = { ...checklist, consentWithdrawn: 'yes', risksUnchanged: 'yes' }
    const held = await lead.post(`/early-help/${episodeId}/closure`, withdrawn)
    expect(held.statusCode).toBe(400)
    expect(pageText(held.body)).toContain(REFERRAL_PROMPT)
    expect(held.body).toContain(`href="/contacts/new?childId=${mia}"`)
    expect(await closures(episodeId)).toEqual([])

    const sent = await lead.post(`/early-help/${episodeId}/closure`, {
      ...withdrawn,
      referralMade: 'no',
      referralWhyNot: 'Discussed with the MASH manager: the concerns are below the threshold for a referral.',
    })
    expect(sent.statusCode).toBe(303)
    const [closure] = await closures(episodeId)
    expect(closure).toMatchObject({ status: 'awaiting', reason_code: 'EH2', referral_prompted: true })
    const signOff = (await openTasks(mia)).filter((k) => k.clock_code === 'sign-off')
    expect(signOff).toEqual([{ clock_code: 'sign-off', assigned_user_id: manager }])
    // One waits: the form says so, and a second proposal is refused.
    expect(pageText((await lead.get(`/early-help/${episodeId}/closure`)).body)).toContain(
      'waiting for authorisation',
    )
    expect((await lead.post(`/early-help/${episodeId}/closure`, checklist)).statusCode).toBe(409)
    expect(await closures(episodeId)).toHaveLength(1)
  })
})

describe('the manager’s sign-off', () => {
  it('refuses the school (not a manager), and a manager their own proposal, each audited', async () => {
    const [closure] = await closures(episodeId)
    const lead = await signedIn('school')
    expect((await lead.post(`/early-help-closures/${closure?.id}/authorisation`, authorise)).statusCode).toBe(
      403,
    )
    const other = await episodeFor('Noah')
    const own = await signedIn('early.help')
    expect((await own.post(`/early-help/${other.episodeId}/closure`, checklist)).statusCode).toBe(303)
    const [mine] = await closures(other.episodeId)
    const page = await own.get(`/early-help-closures/${mine?.id}/authorisation`)
    expect(page.body).toContain('data-testid="own-request"')
    const refused = await own.post(`/early-help-closures/${mine?.id}/authorisation`, authorise)
    expect(refused.statusCode).toBe(403)
    expect(pageText(refused.body)).toContain('another manager must authorise it')
    expect((await closures(other.episodeId))[0]?.status).toBe('awaiting')
    expect((await audits('eh_closure.authorise', 'denied')).map((a) => a.user_id)).toContain(manager)
  })

  it('returns it with the reason: the school sees why and proposes again with its answers kept', async () => {
    const [closure] = await closures(episodeId)
    const m = await signedIn('early.help')
    const page = await m.get(`/early-help-closures/${closure?.id}/authorisation`)
    expect(page.body).toContain('data-testid="referral-prompted"')
    expect(pageText(page.body)).toContain('The worker made no referral to the front door')
    const returned = await m.post(`/early-help-closures/${closure?.id}/authorisation`, {
      outcome: 'return',
      returnReason: 'Ask the GP for their view before the episode ends.',
    })
    expect(returned.statusCode).toBe(303)
    expect((await closures(episodeId))[0]?.status).toBe('returned')

    const lead = await signedIn('school')
    const episode = await lead.get(`/early-help/${episodeId}`)
    expect(episode.body).toContain('data-testid="closure-returned"')
    expect(pageText((await lead.get(`/early-help-closures/${closure?.id}`)).body)).toContain(
      'Ask the GP for their view',
    )
    const form = await lead.get(`/early-help/${episodeId}/closure`)
    expect(form.body).toContain('Attendance is back to 96%')
    expect(form.body).toContain('data-testid="closure-returned"')
    const again = await lead.post(`/early-help/${episodeId}/closure`, {
      ...checklist,
      agency3: 'GP',
      agencyAsked3: 'yes',
      agencyView3: 'The GP has no concerns.',
    })
    expect(again.statusCode).toBe(303)
    expect((await closures(episodeId)).map((c) => c.status)).toEqual(['returned', 'awaiting'])
  })

  it('authorises it: the episode ends today with its reason, its clocks stop, the grants it gave end (audited) and the chronology reads it as early help’s', async () => {
    const schoolActor = (await loadStaffMember(db(), school))!
    const leading = async () => (await homeFigures({ db: db(), clock }, schoolActor))?.leading ?? 0
    const ledBefore = await leading()
    expect(ledBefore).toBeGreaterThan(0)
    const before = await liveGrants(mia)
    expect(before.map((g) => g.basis).sort()).toEqual([
      'allocated_team',
      'process_participant',
      'process_participant',
    ])
    expect((await openTasks(mia)).map((k) => k.clock_code).sort()).toEqual([
      'early-help-assessment',
      'early-help-taf-meeting',
      'sign-off',
    ])
    const [, closure] = await closures(episodeId)
    const m = await signedIn('early.help')
    const done = await m.post(`/early-help-closures/${closure?.id}/authorisation`, authorise)
    expect(done.statusCode).toBe(303)
    // The team's grant has ended with the episode: its manager goes back to the early help list.
    expect(done.headers.location).toBe('/early-help')

    const episode = await db()
      .selectFrom('eh_episode')
      .selectAll()
      .where('id', '=', episodeId)
      .executeTakeFirstOrThrow()
    expect(episode).toMatchObject({ status: 'ended', ended_on: '2027-01-15', end_reason: 'EH2' })
    expect(
      await db()
        .selectFrom('earlyhelp_episode_v')
        .select(['status', 'ended_on', 'end_reason'])
        .where('episode_id', '=', episodeId)
        .executeTakeFirstOrThrow(),
    ).toEqual({ status: 'ended', ended_on: '2027-01-15', end_reason: 'EH2' })
    expect(await liveGrants(mia)).toEqual([])
    expect(await openTasks(mia)).toEqual([])
    const revoked = (await audits('child_access.revoke', 'allowed')).filter((a) => a.child_id === mia)
    expect(revoked.map((a) => Number(a.record_id)).sort()).toEqual(before.map((g) => g.id).sort())
    expect((await audits('eh_closure.authorise', 'allowed')).map((a) => a.child_id)).toContain(mia)
    expect((await closures(episodeId))[1]).toMatchObject({ status: 'authorised', decided_by: manager })

    // The front door still sees the child: the episode ended, on the episode, the record and the chronology.
    const screener = await signedIn('screener')
    const page = await screener.get(`/early-help/${episodeId}`)
    expect(page.body).toContain('data-testid="episode-ended"')
    const text = pageText(page.body)
    expect(text).toContain('15 January 2027: EH2: The family no longer consents to early help')
    expect(text).toContain('Mia said mornings are better')
    expect(page.body).not.toContain('data-testid="add-meeting"')
    expect(page.body).not.toContain('data-testid="close-episode"')
    const record = await screener.get(`/children/${mia}`)
    expect(pageText(record.body)).toContain('Ended on 15 January 2027: EH2')
    const chronology = pageText((await screener.get(`/children/${mia}/chronology`)).body)
    expect(chronology).toContain('Early help episode ended on 15 January 2027')
    expect(chronology).toContain('Early help')
    // No longer the school's to lead: it leaves the home panel.
    expect(await leading()).toBe(ledBefore - 1)
    expect((await (await signedIn('school')).get(`/early-help/${episodeId}`)).statusCode).toBe(404)
  })

  it('refuses new records on the ended episode with a clear message, even to a service manager, and saves nothing', async () => {
    const sm = await signedIn('service.manager')
    const ended = 'This early help episode ended on 15 January 2027: nothing more can be recorded on it.'
    expect(pageText((await sm.get(`/early-help/${episodeId}/meetings/new`)).body)).toContain(ended)
    const res = await sm.post(`/early-help/${episodeId}/meetings/new`, {
      'heldOn-day': '14',
      'heldOn-month': '1',
      'heldOn-year': '2027',
    })
    expect(res.statusCode).toBe(403)
    expect(pageText(res.body)).toContain(ended)
    expect(
      await db().selectFrom('eh_meeting').select('id').where('episode_id', '=', episodeId).execute(),
    ).toEqual([])
    expect((await audits('earlyhelp.meeting', 'denied')).map((a) => a.child_id)).toContain(mia)
    const actor = (await loadStaffMember(db(), await userId('service.manager')))!
    const step = { actor, id: episodeId, childId: mia, audit: AUDIT }
    await expect(
      scoreObjective({ db: db(), clock }, step, 1, { scoredOn: '2027-01-15', score: 5 }),
    ).rejects.toThrow(NotAllowedError)
    await expect(
      recordSession({ db: db(), clock }, step, 1, { sessionOn: '2027-01-15', outcome: 'delivered' }),
    ).rejects.toThrow(/ended on 15 January 2027/)
    expect((await sm.post(`/early-help/${episodeId}/closure`, checklist)).statusCode).toBe(403)
  })

  it('of two managers deciding at once, one wins and the other is told it was decided', async () => {
    const { childId, episodeId: id } = await episodeFor('Ruby')
    const lead = await signedIn('school')
    expect((await lead.post(`/early-help/${id}/closure`, checklist)).statusCode).toBe(303)
    const [closure] = await closures(id)
    const managers = await Promise.all(
      [manager, await userId('service.manager')].map(async (u) => (await loadStaffMember(db(), u))!),
    )
    const results = await Promise.allSettled(
      managers.map((m) =>
        decideClosure(
          { db: db(), clock },
          m,
          closure!.id,
          { outcome: 'authorise', oversightNote: authorise.oversightNote },
          AUDIT,
        ),
      ),
    )
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult
    expect(String(lost.reason)).toMatch(/already been decided|not waiting/)
    const ended = await db()
      .selectFrom('case_event')
      .select('id')
      .where('child_id', '=', childId)
      .where('type', '=', 'earlyhelp.ended')
      .execute()
    expect(ended).toHaveLength(1)
  })
})

describe('Annex A list 2', () => {
  it('lists the assessment left uncompleted while its episode was open in the period, and not after it ended', async () => {
    const rowsFor = async (period: { from: string; to: string }) => {
      const book = await exportAnnexABook(db(), AUDIT, period)
      return listRows(book.getWorksheet('List 2') as ExcelJS.Worksheet).filter((r) => r[0] === String(mia))
    }
    const during = await rowsFor({ from: '2026-07-16', to: '2027-01-15' })
    expect(during).toHaveLength(1)
    expect(during[0]?.[6]).toBe('2026-12-01')
    expect(during[0]?.[7]).toBe(null)
    expect(await rowsFor({ from: '2027-01-16', to: '2027-07-15' })).toEqual([])
  })
})
