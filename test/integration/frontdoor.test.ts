/**
 * The front door end to end through the pages, on PGlite and (with DATABASE_URL) PostgreSQL:
 * a contact about two siblings, triage with household history, one decision per child, the
 * referral and its re-referral flag, feedback, allocation, a known child's contact going to the
 * allocated worker, and who may do what.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dueAt, STATUTORY_CLOCKS } from '../../src/platform/calendar/clocks.js'
import { englandAndWales } from '../../src/platform/calendar/working-days.js'
import { Browser, openTestApp, type TestApp } from '../support/web.js'

let t: TestApp
const db = () => t.database.db

async function userId(username: string): Promise<number> {
  const row = await db()
    .selectFrom('app_user')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow()
  return row.id
}

async function teamId(name: string): Promise<number> {
  const row = await db().selectFrom('team').select('id').where('name', '=', name).executeTakeFirstOrThrow()
  return row.id
}

async function person(values: { given: string; family: string; dob: string; kind?: 'child' | 'adult' }) {
  const row = await db()
    .insertInto('person')
    .values({
      kind: values.kind ?? 'child',
      given_name: values.given,
      family_name: values.family,
      date_of_birth: values.dob,
      sex: 'F',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

function londonParts(d: Date) {
  const date = d.toLocaleDateString('en-CA', { timeZone: 'Europe/London' })
  const [y, m, day] = date.split('-')
  const time = d.toLocaleTimeString('en-GB', {
    timeZone: 'Europe/London',
    hour: '2-digit',
    minute: '2-digit',
  })
  return {
    'received-day': day ?? '',
    'received-month': m ?? '',
    'received-year': y ?? '',
    'received-time': time,
  }
}

/** The "when the referrer became aware" boxes for an instant (to the minute, London time). */
function awareFields(d: Date): [string, string][] {
  return Object.entries(londonParts(d)).map(([k, v]): [string, string] => [k.replace('received', 'aware'), v])
}

function contactFields(childIds: number[], extra: Record<string, string> = {}): [string, string][] {
  const received = londonParts(new Date(Date.now() - 30 * 60_000))
  return [
    ...Object.entries(received),
    ['channel', 'phone'],
    ['referralSource', '6'],
    ['referrerName', 'PC Example'],
    ['referrerRole', 'Response officer'],
    ['reason', 'Police attended a domestic incident at the home overnight; both children were present.'],
    ['presentingNeeds', '3B'],
    ['consent', 'not_sought_risk'],
    ['consentReason', 'Asking the father would put the children at risk.'],
    ...childIds.map((id): [string, string] => ['childIds', String(id)]),
    ['step', 'save'],
    ...Object.entries(extra),
  ]
}

let older: number
let younger: number
let mother: number

beforeAll(async () => {
  t = await openTestApp()
  older = await person({ given: 'Skye', family: 'Quarrendon', dob: '2016-05-02' })
  younger = await person({ given: 'Rowan', family: 'Quarrendon', dob: '2019-09-14' })
  mother = await person({ given: 'Dana', family: 'Quarrendon', dob: '1990-01-20', kind: 'adult' })
  await db()
    .insertInto('person_relationship')
    .values([
      { person_id: mother, related_person_id: older, relationship_type: 'mother', household_member: true },
      { person_id: mother, related_person_id: younger, relationship_type: 'mother', household_member: true },
      { person_id: older, related_person_id: younger, relationship_type: 'sibling', household_member: true },
    ])
    .execute()
  // The older child was referred eight months ago, and the case closed: a new referral is a re-referral.
  const eightMonthsAgo = new Date(Date.now() - 240 * 86_400_000).toISOString().slice(0, 10)
  await db()
    .insertInto('referral')
    .values({
      child_id: older,
      referral_date: eightMonthsAgo,
      referral_source: '2A',
      re_referral: false,
      status: 'closed',
      closed_at: new Date(Date.now() - 200 * 86_400_000),
      closure_reason: 'Assessment complete: no further action',
    })
    .execute()
  // The mother was herself a child in care (history at the front door includes the adults').
  await db()
    .insertInto('case_event')
    .values({
      child_id: mother,
      subject_type: 'care_episode',
      subject_id: 'old-1',
      type: 'care.started',
      occurred_at: new Date('2004-03-01T10:00:00Z'),
      summary: 'Started to be looked after (section 20)',
    })
    .execute()
})
afterAll(async () => t.close())

describe('a contact about two siblings, through triage and decision to allocation', () => {
  let contactId: number
  let ccOlder: number
  let ccYounger: number
  let referralId: number
  const screener = () => new Browser(t.app)

  it('is recorded by a screener, one row per child, with both decision clocks ready', async () => {
    const b = screener()
    await b.signIn('screener')
    // The officer knew of it three hours before telling the MASH (an incident overnight, say).
    const awareAt = new Date(Date.now() - 3 * 3_600_000)
    const res = await b.postMany(
      '/contacts/new',
      [...contactFields([older, younger]), ...awareFields(awareAt)],
      '/contacts/new',
    )
    expect(res.statusCode).toBe(303)
    contactId = Number(/\/contacts\/(\d+)/.exec(res.headers.location as string)?.[1])
    const rows = await db()
      .selectFrom('contact_child')
      .selectAll()
      .where('contact_id', '=', contactId)
      .orderBy('id')
      .execute()
    expect(rows.map((r) => [r.child_id, r.status])).toEqual([
      [older, 'in_triage'],
      [younger, 'in_triage'],
    ])
    ccOlder = rows[0]?.id as number
    ccYounger = rows[1]?.id as number
    const tasks = await db()
      .selectFrom('task')
      .select(['clock_code', 'child_id', 'stopped_at'])
      .where('subject_type', '=', 'contact')
      .where('subject_id', 'in', [String(ccOlder), String(ccYounger)])
      .orderBy('child_id')
      .execute()
    expect(tasks.map((x) => [x.clock_code, x.child_id, x.stopped_at])).toEqual([
      ['mash-decision', older, null],
      ['mash-decision', younger, null],
    ])
    const contact = await db()
      .selectFrom('contact')
      .selectAll()
      .where('id', '=', contactId)
      .executeTakeFirstOrThrow()
    expect(contact.domestic_abuse).toBe(true)
    expect(contact.consent).toBe('not_sought_risk')
    expect(Math.floor(awareAt.getTime() / 60_000) * 60_000).toBe(contact.aware_at?.getTime())
  })

  it('refuses a contact with no child, or an override of consent with no reason, saving nothing', async () => {
    const b = screener()
    await b.signIn('screener')
    const before = await db()
      .selectFrom('contact')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    const noChild = await b.postMany('/contacts/new', contactFields([]), '/contacts/new')
    expect(noChild.statusCode).toBe(400)
    expect(noChild.body).toContain('There is a problem')
    expect(noChild.body).toContain('Add at least one child the contact is about')
    const fields = contactFields([older]).filter(([k]) => k !== 'consentReason' && k !== 'consent')
    const noReason = await b.postMany(
      '/contacts/new',
      [...fields, ['consent', 'overridden']],
      '/contacts/new',
    )
    expect(noReason.statusCode).toBe(400)
    expect(noReason.body).toContain('Enter why consent was overridden')
    expect(noReason.body).toContain('href="#consentReason"')
    const future = contactFields([older]).map(([k, v]): [string, string] => [
      k,
      k === 'received-year' ? '2099' : v,
    ])
    const late = await b.postMany('/contacts/new', future, '/contacts/new')
    expect(late.statusCode).toBe(400)
    expect(late.body).toContain('must be in the past')
    // Aware ten minutes ago of a contact received half an hour ago cannot be.
    const awareAfter = await b.postMany(
      '/contacts/new',
      [...contactFields([older]), ...awareFields(new Date(Date.now() - 10 * 60_000))],
      '/contacts/new',
    )
    expect(awareAfter.statusCode).toBe(400)
    expect(awareAfter.body).toContain(
      'Date the referrer became aware must be on or before the date of the contact',
    )
    expect(awareAfter.body).toContain('href="#aware-day"')
    const after = await db()
      .selectFrom('contact')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(after.n).toBe(before.n)
  })

  it('shows in the MASH queue, filterable in the URL', async () => {
    const b = screener()
    await b.signIn('screener')
    const queue = await b.get('/mash')
    expect(queue.statusCode).toBe(200)
    expect(queue.body).toContain('Skye Quarrendon')
    expect(queue.body).toContain('Rowan Quarrendon')
    const unrated = await b.get('/mash?rag=unrated&source=6')
    expect(unrated.body).toContain('Skye Quarrendon')
    const red = await b.get('/mash?rag=red')
    expect(red.body).not.toContain('Skye Quarrendon')
  })

  it('shows the history of the child and every household member at triage', async () => {
    const b = screener()
    await b.signIn('screener')
    const page = await b.get(`/contacts/${contactId}/children/${ccOlder}`)
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('Dana Quarrendon')
    expect(page.body).toContain('Started to be looked after (section 20)') // the mother's own history
    expect(page.body).toContain('data-testid="history-referrals"') // the earlier referral
    const audited = await db()
      .selectFrom('audit_event')
      .select('child_id')
      .where('action', '=', 'contact.triage.view')
      .where('record_id', '=', String(ccOlder))
      .execute()
    expect(audited.map((a) => a.child_id).sort()).toEqual([older, younger, mother].sort())
  })

  it('records agency information and the rating, which starts the RAG clock', async () => {
    const b = screener()
    await b.signIn('screener')
    const page = `/contacts/${contactId}/children/${ccOlder}`
    const bad = await b.post(`${page}/checks`, { agencyKind: 'health', informant: '', information: '' }, page)
    expect(bad.statusCode).toBe(400)
    expect(bad.body).toContain('Enter who gave the information')
    // The contact came in half an hour ago: information cannot have been given two hours ago.
    const early = await b.post(
      `${page}/checks`,
      {
        agencyKind: 'health',
        informant: 'Health visitor',
        information: 'Missed two appointments.',
        respondedTime: londonParts(new Date(Date.now() - 2 * 3_600_000))['received-time'],
      },
      page,
    )
    expect(early.statusCode).toBe(400)
    expect(early.body).toContain('The time they gave the information must be')
    expect(early.body).toContain('href="#respondedTime"')
    const ok = await b.post(
      `${page}/checks`,
      { agencyKind: 'health', informant: 'Health visitor', information: 'Missed two appointments.' },
      page,
    )
    expect(ok.statusCode).toBe(303)
    const rate = async (cc: number, rag: string) => {
      const p = `/contacts/${contactId}/children/${cc}`
      const rated = await b.post(
        `${p}/rating`,
        { thresholdLevel: '4', rag, recommendation: 'strategy_discussion' },
        p,
      )
      expect(rated.statusCode).toBe(303)
    }
    const ragClock = (cc: number) =>
      db()
        .selectFrom('task')
        .select(['clock_code', 'due_at'])
        .where('subject_type', '=', 'contact')
        .where('subject_id', '=', String(cc))
        .where('clock_code', '=', 'mash-decision-rag')
        .execute()
    await rate(ccOlder, 'red')
    expect(await ragClock(ccOlder)).toHaveLength(1)
    // Rated green, then red once the health visitor's information is in: the same clock, due sooner.
    await rate(ccYounger, 'green')
    const [green] = await ragClock(ccYounger)
    await rate(ccYounger, 'red')
    const clocks = await ragClock(ccYounger)
    expect(clocks).toHaveLength(1)
    // Red is due by the end of the working day, which is sooner than green's 72 hours except late
    // on the day before a weekend or holiday; a re-rating never puts the response back.
    const ragDefinition = STATUTORY_CLOCKS.find((c) => c.code === 'mash-decision-rag')!
    const redDue = Date.parse(
      dueAt(ragDefinition, new Date().toISOString(), englandAndWales, { urgency: 'red' }),
    )
    expect(clocks[0]!.due_at.getTime()).toBe(Math.min(green!.due_at.getTime(), redDue))
    const screenerDecides = await b.get(`${page}/decision`)
    expect(screenerDecides.statusCode).toBe(403) // a screener recommends; the MASH social worker decides
  })

  it('takes one decision per child, with the oversight note, and opens a re-referral', async () => {
    const b = new Browser(t.app)
    await b.signIn('mash.sw')
    const page = `/contacts/${contactId}/children/${ccOlder}`
    const assessment = String(await teamId('Assessment team'))
    const missingNote = await b.post(
      `${page}/decision`,
      { decision: 'strategy_discussion', teamId: assessment },
      `${page}/decision`,
    )
    expect(missingNote.statusCode).toBe(400)
    expect(missingNote.body).toContain('Enter the management oversight note')
    expect(
      await db().selectFrom('referral').select('id').where('child_id', '=', older).execute(),
    ).toHaveLength(1)

    const decided = await b.post(
      `${page}/decision`,
      {
        decision: 'strategy_discussion',
        teamId: assessment,
        oversightNote: 'Significant harm likely: strategy discussion today.',
      },
      `${page}/decision`,
    )
    expect(decided.statusCode).toBe(303)
    const referral = await db()
      .selectFrom('referral')
      .selectAll()
      .where('contact_child_id', '=', ccOlder)
      .executeTakeFirstOrThrow()
    referralId = referral.id
    expect(referral.re_referral).toBe(true)
    expect(referral.strategy_discussion).toBe(true)
    expect(referral.referral_source).toBe('6')
    expect(referral.status).toBe('awaiting_allocation')

    // The younger child's decision is their own: outside level 4's routes, so it needs a reason.
    const young = `/contacts/${contactId}/children/${ccYounger}`
    const noReason = await b.post(
      `${young}/decision`,
      { decision: 'early_help', oversightNote: 'Sibling is at school and seen daily.' },
      `${young}/decision`,
    )
    expect(noReason.statusCode).toBe(400)
    expect(noReason.body).toContain('outside the routes for level 4')
    const earlyHelp = await b.post(
      `${young}/decision`,
      {
        decision: 'early_help',
        decisionReason: 'Seen daily at nursery; no injuries.',
        oversightNote: 'Agreed with the MASH manager.',
      },
      `${young}/decision`,
    )
    expect(earlyHelp.statusCode).toBe(303)
    expect(
      await db().selectFrom('referral').select('id').where('child_id', '=', younger).execute(),
    ).toHaveLength(0)

    const stopped = await db()
      .selectFrom('task')
      .select(['clock_code', 'stopped_at', 'closed_by'])
      .where('subject_type', '=', 'contact')
      .where('subject_id', 'in', [String(ccOlder), String(ccYounger)])
      .execute()
    expect(stopped.every((x) => x.stopped_at !== null && x.closed_by === 'stop')).toBe(true)
    const again = await b.post(
      `${page}/decision`,
      { decision: 'no_further_action', decisionReason: 'x', oversightNote: 'y' },
      `/contacts/${contactId}/children/${ccOlder}`,
    )
    expect(again.statusCode).toBe(400) // already decided: nothing changes
  })

  it('records feedback to the referrer once', async () => {
    const b = screener()
    await b.signIn('screener')
    const page = `/contacts/${contactId}/children/${ccOlder}`
    const res = await b.post(
      `${page}/feedback`,
      { feedbackMethod: 'phone', feedbackNote: 'Told PC Example.' },
      page,
    )
    expect(res.statusCode).toBe(303)
    const twice = await b.post(`${page}/feedback`, { feedbackMethod: 'email' }, page)
    expect(twice.statusCode).toBe(400)
  })

  it('lets the receiving team manager allocate, moving access and open tasks to the worker', async () => {
    const manager = new Browser(t.app)
    await manager.signIn('team.manager')
    const queue = await manager.get('/referrals')
    expect(queue.body).toContain('Skye Quarrendon')
    const worker = await userId('social.worker')
    const none = await manager.post(`/referrals/${referralId}/allocate`, {}, `/referrals/${referralId}`)
    expect(none.statusCode).toBe(400)
    const res = await manager.post(
      `/referrals/${referralId}/allocate`,
      { workerId: String(worker) },
      `/referrals/${referralId}`,
    )
    expect(res.statusCode).toBe(303)
    const grants = await db()
      .selectFrom('child_access')
      .select(['basis', 'user_id', 'team_id'])
      .where('child_id', '=', older)
      .where('revoked_at', 'is', null)
      .orderBy('basis')
      .execute()
    expect(grants).toEqual([
      { basis: 'allocated_team', user_id: null, team_id: await teamId('Assessment team') },
      { basis: 'allocated_worker', user_id: worker, team_id: null },
    ])
    const strategy = await db()
      .selectFrom('task')
      .select(['assigned_user_id', 'stopped_at'])
      .where('clock_code', '=', 'strategy-discussion-24h')
      .where('child_id', '=', older)
      .executeTakeFirstOrThrow()
    expect(strategy).toEqual({ assigned_user_id: worker, stopped_at: null })

    const sw = new Browser(t.app)
    await sw.signIn('social.worker')
    const home = await sw.get('/')
    expect(home.body).toContain('Skye Quarrendon')
    const record = await sw.get(`/children/${older}`)
    expect(record.statusCode).toBe(200)
    expect(record.body).toContain('Referral allocated to')
    expect(record.body).toContain('Decision: strategy discussion (and referral)')
  })

  it('sends a contact about a child with an open case to the allocated worker, not a new referral', async () => {
    const b = screener()
    await b.signIn('screener')
    const res = await b.postMany('/contacts/new', contactFields([older]), '/contacts/new')
    expect(res.statusCode).toBe(303)
    const id = Number(/\/contacts\/(\d+)/.exec(res.headers.location as string)?.[1])
    const row = await db()
      .selectFrom('contact_child')
      .selectAll()
      .where('contact_id', '=', id)
      .executeTakeFirstOrThrow()
    expect(row.status).toBe('routed_to_allocated_worker')
    expect(row.routed_user_id).toBe(await userId('social.worker'))
    const task = await db()
      .selectFrom('task')
      .select(['assigned_user_id'])
      .where('subject_type', '=', 'contact')
      .where('subject_id', '=', String(row.id))
      .where('clock_code', '=', 'mash-decision')
      .executeTakeFirstOrThrow()
    expect(task.assigned_user_id).toBe(await userId('social.worker'))
    const mash = await b.get('/mash')
    expect(mash.body).not.toContain(`/children/${row.id}"`)

    const sw = new Browser(t.app)
    await sw.signIn('social.worker')
    const page = `/contacts/${id}/children/${row.id}`
    const ack = await sw.post(
      `${page}/acknowledge`,
      { note: 'Will discuss at the home visit on Thursday.' },
      `/children/${older}`,
    )
    expect(ack.statusCode).toBe(303)
    const after = await db()
      .selectFrom('contact_child')
      .selectAll()
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow()
    expect(after.decision).toBe('passed_to_allocated_worker')
    expect(
      await db().selectFrom('referral').select('id').where('child_id', '=', older).execute(),
    ).toHaveLength(2)
  })
})

describe('who may use the front door', () => {
  it('refuses the MASH queue to a social worker and a partner, with an audit row', async () => {
    for (const username of ['social.worker', 'police', 'auditor']) {
      const b = new Browser(t.app)
      await b.signIn(username)
      const res = await b.get('/mash')
      expect(res.statusCode, username).toBe(403)
    }
  })

  it('refuses allocation to a manager of another team', async () => {
    const child = await person({ given: 'Ellis', family: 'Nantwich', dob: '2015-02-02' })
    const safeguarding = await teamId('Safeguarding team')
    const { id } = await db()
      .insertInto('referral')
      .values({
        child_id: child,
        referral_date: '2026-11-01',
        referral_source: '2A',
        re_referral: false,
        status: 'awaiting_allocation',
        team_id: safeguarding,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await db()
      .insertInto('child_access')
      .values({ child_id: child, team_id: safeguarding, basis: 'allocated_team' })
      .execute()
    const b = new Browser(t.app)
    await b.signIn('team.manager') // manages the Assessment team only
    const res = await b.get(`/referrals/${id}`)
    expect(res.statusCode).toBe(403)
    const denied = await db()
      .selectFrom('audit_event')
      .select('outcome')
      .where('child_id', '=', child)
      .where('outcome', '=', 'denied')
      .execute()
    expect(denied.length).toBeGreaterThan(0)
  })
})

describe('closing a referral with no further action', () => {
  it('sets the DfE NFA flag, ends the allocation, and sends the next contact to the MASH', async () => {
    const child = await person({ given: 'Arlo', family: 'Penhallow', dob: '2013-07-07' })
    const assessment = await teamId('Assessment team')
    const { id } = await db()
      .insertInto('referral')
      .values({
        child_id: child,
        referral_date: '2026-11-02',
        referral_source: '3B',
        re_referral: false,
        status: 'awaiting_allocation',
        team_id: assessment,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await db()
      .insertInto('child_access')
      .values({ child_id: child, team_id: assessment, basis: 'allocated_team' })
      .execute()
    const manager = new Browser(t.app)
    await manager.signIn('team.manager')
    const empty = await manager.post(`/referrals/${id}/close`, { reason: ' ' }, `/referrals/${id}`)
    expect(empty.statusCode).toBe(400)
    expect(empty.body).toContain('Enter why no further action is needed')
    const closed = await manager.post(
      `/referrals/${id}/close`,
      { reason: 'Health visitor already supporting.' },
      `/referrals/${id}`,
    )
    expect(closed.statusCode).toBe(303)
    const row = await db().selectFrom('referral').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    expect([row.status, row.nfa]).toEqual(['closed', true])
    const live = await db()
      .selectFrom('child_access')
      .select('id')
      .where('child_id', '=', child)
      .where('revoked_at', 'is', null)
      .execute()
    expect(live).toHaveLength(0)

    const screener = new Browser(t.app)
    await screener.signIn('screener')
    const res = await screener.postMany('/contacts/new', contactFields([child]), '/contacts/new')
    expect(res.statusCode).toBe(303)
    const cc = await db()
      .selectFrom('contact_child')
      .select('status')
      .where('child_id', '=', child)
      .executeTakeFirstOrThrow()
    expect(cc.status).toBe('in_triage')
  })
})
