/**
 * Escalations of professional differences through the pages, on a fixed clock (issue 15): a health
 * visitor with a grant to Ava's record escalates to the manager of the team her case is allocated
 * to; the manager disagrees, the health visitor disputes and it goes to a service manager, who does
 * not answer in time, so it goes to level 3, is answered and accepted. Bad answers save nothing;
 * two answers to one level are told apart; only the recipient answers and only the raiser decides;
 * strangers are refused without the child's name and audited. Due times worked out by hand from
 * Friday 18 December 2026: 25 and 28 December and 1 January are bank holidays.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/platform/calendar/clock.js'
import { AVA, caseworkFactory } from '../support/casework.js'
import { csrfFrom, pageText, type TestApp, openTestApp } from '../support/web.js'

const clock = fixedClock('2026-12-18T10:00:00Z')
let t: TestApp
const f = caseworkFactory(() => t)
const { db, signedIn, userId } = f
let ava = 0
let escalationId = 0
/** Level 1's answer: whichever of the two sent at once was taken. */
let levelOneReasons = ''

const difference = {
  difference: 'The referral about bruising to Ava’s arm was closed with no assessment on 16 December.',
  wanted: 'A strategy discussion, and a child and family assessment.',
}

async function auditRows(requestId: string) {
  return db()
    .selectFrom('audit_event')
    .select(['action', 'outcome', 'child_id', 'basis'])
    .where('request_id', '=', requestId)
    .orderBy('id')
    .execute()
}

async function tasks() {
  return db()
    .selectFrom('task as t')
    .innerJoin('app_user as u', 'u.id', 't.assigned_user_id')
    .select(['u.username', 't.due_at', 't.stopped_at', 't.closed_by'])
    .where('t.clock_code', '=', 'escalation-response')
    .where('t.subject_id', '=', String(escalationId))
    .orderBy('t.started_at')
    .execute()
}

/** Ava's escalations (the demo has one of its own, on another child). */
async function escalations() {
  return db().selectFrom('escalation').selectAll().where('child_id', '=', ava).orderBy('id').execute()
}

beforeAll(async () => {
  t = await openTestApp({ clock })
  ava = await f.child({ ...AVA, family: 'Holloway' })
  // A health visitor, invited to Ava's strategy discussion.
  await f.grant(ava, 'health.visitor', 'process_participant')
}, 60_000)
afterAll(async () => t.close())

describe('raising an escalation', () => {
  it('offers the allocated team’s manager and the people named on the record, not the raiser', async () => {
    const hv = await signedIn('health.visitor')
    const form = pageText((await hv.get(`/children/${ava}/escalations/new`)).body)
    expect(form).toContain('Helen Price, manager of the team the case is allocated to')
    expect(form).toContain('Amara Lewis')
    expect(form).not.toContain('Nia Barker')
    expect(form).toContain('they have 5 working days to respond')
  })

  it('refuses bad answers with every error at once, saving nothing', async () => {
    const hv = await signedIn('health.visitor')
    const empty = await hv.post(`/children/${ava}/escalations/new`, {})
    expect(empty.statusCode).toBe(400)
    const text = pageText(empty.body)
    expect(text).toContain('There is a problem')
    for (const message of [
      'Enter what was decided or not done',
      'Enter what you want to happen',
      'Select who the escalation is to',
    ])
      expect(text).toContain(message)
    // Someone not offered (the police officer, with no link to Ava) is refused as an answer.
    const stranger = await hv.post(`/children/${ava}/escalations/new`, {
      ...difference,
      recipient: String(await userId('police')),
    })
    expect(stranger.statusCode).toBe(400)
    expect(pageText(stranger.body)).toContain(difference.wanted)
    expect(await escalations()).toEqual([])
    expect(
      await db()
        .selectFrom('case_event')
        .select('id')
        .where('subject_type', '=', 'escalation')
        .where('child_id', '=', ava)
        .execute(),
    ).toEqual([])
  })

  it('raises it with the team manager, due in 5 working days across Christmas, on their worklist', async () => {
    const hv = await signedIn('health.visitor')
    const res = await hv.post(`/children/${ava}/escalations/new`, {
      ...difference,
      recipient: 'team_manager',
    })
    expect(res.statusCode, res.body).toBe(303)
    const [e] = await escalations()
    escalationId = Number(e?.id)
    expect(res.headers.location).toBe(`/escalations/${escalationId}`)
    expect(e).toMatchObject({
      child_id: ava,
      raiser_agency: 'health',
      level: 1,
      recipient_id: await userId('team.manager'),
      status: 'awaiting_response',
      version: 1,
    })
    expect(e?.due_at.toISOString()).toBe('2026-12-29T23:59:59.999Z')
    expect(await tasks()).toEqual([
      {
        username: 'team.manager',
        due_at: new Date('2026-12-29T23:59:59.999Z'),
        stopped_at: null,
        closed_by: null,
      },
    ])
    expect(await auditRows(res.headers['x-request-id'] as string)).toContainEqual({
      action: 'escalation.raise',
      outcome: 'allowed',
      child_id: ava,
      basis: 'process_participant',
    })
    const page = pageText((await hv.get(res.headers.location as string)).body)
    expect(page).toContain('Escalation raised with Helen Price')
    expect(page).toContain('Due by 29 December 2026')
    expect(page).not.toContain('Accept or dispute')

    const manager = await signedIn('team.manager')
    const list = await manager.get('/worklist')
    expect(pageText(list.body)).toContain('Respond to an escalation of a professional difference')
    expect(list.body).toContain(`href="/escalations/${escalationId}"`)
    // On the child's chronology, as the module words it.
    expect(pageText((await manager.get(`/children/${ava}`)).body)).toContain(
      'Escalation of a professional difference raised by Health: level 1, response due by 29 December 2026',
    )
  })
})

describe('answering and deciding', () => {
  it('lets only the recipient (or their manager) respond: anyone else is refused and audited', async () => {
    const worker = await signedIn('social.worker')
    const form = await worker.get(`/escalations/${escalationId}/response`)
    expect(form.statusCode).toBe(200)
    expect(pageText(form.body)).toContain('Only the person this escalation was sent to, or their manager')
    const res = await worker.post(`/escalations/${escalationId}/response`, {
      response: 'agree',
      reasons: 'I agree',
      version: '1',
    })
    expect(res.statusCode).toBe(403)
    expect(await auditRows(res.headers['x-request-id'] as string)).toContainEqual({
      action: 'escalation.respond',
      outcome: 'denied',
      child_id: ava,
      basis: null,
    })
    expect((await escalations())[0]?.status).toBe('awaiting_response')
  })

  it('takes the first of two answers sent at once to one level and tells the other what happened', async () => {
    // The manager with the form open twice (two devices), both sent at the same moment.
    const tabs = [await signedIn('team.manager'), await signedIn('team.manager')]
    const tokens = await Promise.all(
      tabs.map(async (b) => csrfFrom((await b.get(`/escalations/${escalationId}/response`)).body)),
    )
    const answers = ['The bruise was explained and seen by the GP.', 'Agreed after all'].map((reasons) => ({
      response: 'disagree',
      reasons,
      version: '1',
    }))
    const sent = await Promise.all(
      tabs.map((b, i) =>
        b.postWithToken(`/escalations/${escalationId}/response`, answers[i] ?? {}, tokens[i]),
      ),
    )
    expect(sent.map((r) => r.statusCode).sort()).toEqual([303, 409])
    const won = sent.findIndex((r) => r.statusCode === 303)
    const lost = sent[1 - won]
    expect(pageText(lost?.body ?? '')).toContain('Someone has changed this escalation since you opened it')
    // What the second wrote is given back, not lost.
    expect(pageText(lost?.body ?? '')).toContain(answers[1 - won]?.reasons)
    const answer = answers[won] as { reasons: string }
    levelOneReasons = answer.reasons
    const level = await db()
      .selectFrom('escalation_level')
      .select(['response', 'response_reasons'])
      .where('escalation_id', '=', escalationId)
      .execute()
    expect(level).toEqual([{ response: 'disagree', response_reasons: answer.reasons }])
    expect((await tasks()).map((x) => [x.stopped_at?.toISOString(), x.closed_by])).toEqual([
      ['2026-12-18T10:00:00.000Z', 'stop'],
    ])
  })

  it('lets only the raiser dispute: it goes to a service manager at level 2 with a new clock', async () => {
    clock.set('2026-12-21T09:00:00Z')
    const manager = await signedIn('team.manager')
    expect((await manager.get(`/escalations/${escalationId}/outcome`)).body).toContain(
      'Only the person who raised this escalation can accept or dispute it.',
    )
    const hv = await signedIn('health.visitor')
    const missing = await hv.post(`/escalations/${escalationId}/outcome`, {
      outcome: 'escalate',
      version: '2',
    })
    expect(missing.statusCode).toBe(400)
    expect(pageText(missing.body)).toContain('Enter why you are escalating to the next level')
    const res = await hv.post(`/escalations/${escalationId}/outcome`, {
      outcome: 'escalate',
      reason: 'Three bruises in two months on a child under two.',
      recipient: String(await userId('service.manager')),
      version: '2',
    })
    expect(res.statusCode, res.body).toBe(303)
    expect((await escalations())[0]).toMatchObject({ level: 2, status: 'awaiting_response', version: 3 })
    // Monday 21 December: 22, 23, 24, 29 and 30 December are the five working days.
    expect((await tasks()).map((x) => [x.username, x.due_at.toISOString(), x.closed_by])).toEqual([
      ['team.manager', '2026-12-29T23:59:59.999Z', 'stop'],
      ['service.manager', '2026-12-30T23:59:59.999Z', null],
    ])
    // On the service manager's worklist, a page of 50 at a time, soonest due first.
    const sm = await signedIn('service.manager')
    const pages: string[] = []
    for (let n = 1; n <= 20; n++) {
      const body = (await sm.get(`/worklist?page=${n}`)).body
      pages.push(body)
      if (body.includes(`href="/escalations/${escalationId}"`) || !body.includes('govuk-table__row')) break
    }
    expect(pages.at(-1)).toContain(`href="/escalations/${escalationId}"`)
  })

  it('shows a late level as overdue, and lets the raiser take it to level 3', async () => {
    clock.set('2027-01-04T10:00:00Z')
    const sm = await signedIn('service.manager')
    const report = pageText((await sm.get('/escalations?overdue=yes')).body)
    expect(report).toContain('Ava Holloway')
    expect(report).toContain('Response was due by 30 December 2026')
    expect(report).toContain('Level 2: service manager: 1 open, 1 overdue')
    const hv = await signedIn('health.visitor')
    const own = pageText((await hv.get('/escalations')).body)
    expect(own).toContain('Your escalations')
    expect(own).toContain('Overdue')
    const res = await hv.post(`/escalations/${escalationId}/outcome`, {
      outcome: 'escalate',
      reason: 'No response from the service manager.',
      recipient: String(await userId('service.manager')),
      version: '3',
    })
    expect(res.statusCode, res.body).toBe(303)
    const [, level2, level3] = await tasks()
    expect(level2).toMatchObject({ closed_by: 'cancel', stopped_at: new Date('2027-01-04T10:00:00Z') })
    // Monday 4 January 2027: due the end of Monday 11 January.
    expect(level3?.due_at.toISOString()).toBe('2027-01-11T23:59:59.999Z')
    const because = await db()
      .selectFrom('escalation_level')
      .select(['level', 'because'])
      .where('escalation_id', '=', escalationId)
      .orderBy('level')
      .execute()
    expect(because).toEqual([
      { level: 1, because: 'raised' },
      { level: 2, because: 'disputed' },
      { level: 3, because: 'late' },
    ])
  })

  it('ends at the top level: answered and accepted, it is resolved and leaves the lists', async () => {
    const sm = await signedIn('service.manager')
    expect(
      (
        await sm.post(`/escalations/${escalationId}/response`, {
          response: 'agree',
          reasons: 'A strategy discussion is to be held.',
          actions: 'Team manager to convene it by 6 January.',
          version: '4',
        })
      ).statusCode,
    ).toBe(303)
    const hv = await signedIn('health.visitor')
    const form = pageText((await hv.get(`/escalations/${escalationId}/outcome`)).body)
    expect(form).toContain('This is the highest level of the protocol')
    expect(form).not.toContain('Dispute it and escalate')
    const res = await hv.post(`/escalations/${escalationId}/outcome`, { outcome: 'resolved', version: '5' })
    expect(res.statusCode).toBe(303)
    expect((await escalations())[0]).toMatchObject({ status: 'resolved', level: 3 })
    // The escalation's page tells its whole story, level by level.
    const story = pageText((await hv.get(`/escalations/${escalationId}`)).body)
    for (const line of [
      'Resolved',
      'Disagree, by Helen Price',
      levelOneReasons,
      'Why it was disputed Three bruises in two months on a child under two.',
      'Why it was escalated with no response No response from the service manager.',
      'Actions Team manager to convene it by 6 January.',
    ])
      expect(story).toContain(line)
    expect(pageText((await sm.get('/escalations')).body)).not.toContain('Ava Holloway')
    const events = await db()
      .selectFrom('case_event')
      .select('type')
      .where('subject_type', '=', 'escalation')
      .where('child_id', '=', ava)
      .orderBy('id')
      .execute()
    expect(events.map((e) => e.type)).toEqual([
      'escalation.sent',
      'escalation.responded',
      'escalation.sent',
      'escalation.sent',
      'escalation.responded',
      'escalation.resolved',
    ])
  })
})

describe('who is refused', () => {
  it('refuses a partner practitioner with no grant to the child as if it did not exist, and audits it', async () => {
    const police = await signedIn('police')
    for (const url of [`/children/${ava}/escalations/new`, `/escalations/${escalationId}`]) {
      const res = await police.get(url)
      expect(res.statusCode, url).toBe(404)
      expect(res.body).not.toContain('Holloway')
      expect(await auditRows(res.headers['x-request-id'] as string)).toEqual([
        expect.objectContaining({ outcome: 'denied' }),
      ])
    }
  })

  it('refuses a social worker with no link to the child with 403 and nothing of the child', async () => {
    const stranger = await signedIn('social.worker2')
    for (const url of [`/children/${ava}/escalations`, `/escalations/${escalationId}/response`]) {
      const res = await stranger.get(url)
      expect(res.statusCode, url).toBe(403)
      expect(res.body).not.toContain('Holloway')
      expect(res.body).not.toContain('Ava')
      expect(await auditRows(res.headers['x-request-id'] as string)).toEqual([
        expect.objectContaining({ outcome: 'denied', child_id: ava }),
      ])
    }
    // Nor is it on their list of escalations.
    expect(pageText((await stranger.get('/escalations')).body)).not.toContain('Holloway')
  })
})
