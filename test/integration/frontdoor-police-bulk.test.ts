/**
 * Police domestic abuse notifications: what the police say about the risk (on their form and the
 * screener's), the bulk page's counts and markers, the rule that keeps some children out of a
 * bulk decision (enforced however the form is sent), and Operation Encompass's clock and record:
 * on a real database (PGlite, and PostgreSQL in CI).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contactDetailsSchema } from '../../src/modules/frontdoor/model.js'
import { recordContact } from '../../src/modules/frontdoor/service.js'
import type { PoliceRisk } from '../../src/modules/frontdoor/police-notifications.js'
import { actingAs } from '../support/actors.js'
import { Browser, openTestApp, pageText, type TestApp } from '../support/web.js'

let t: TestApp
const db = () => t.database.db
const deps = () => ({ db: t.database.db, clock: t.clock })

beforeAll(async () => {
  t = await openTestApp()
})
afterAll(async () => t.close())

async function signedIn(username: string): Promise<Browser> {
  const b = new Browser(t.app)
  expect((await b.signIn(username)).statusCode).toBe(303)
  return b
}

const count = async (table: 'contact' | 'case_event' | 'contact_school_notice') =>
  Number(
    (
      await db()
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

async function child(given: string, family: string, dob: string) {
  const { id } = await db()
    .insertInto('person')
    .values({ kind: 'child', given_name: given, family_name: family, date_of_birth: dob, sex: 'U' })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

/** A police domestic abuse notification about `childIds`, recorded by the screener. */
async function notify(childIds: number[], receivedAt: Date, policeRisk: PoliceRisk | null = null) {
  const { actor, ctx } = await actingAs(db(), 'screener')
  const result = await recordContact(
    deps(),
    actor,
    {
      details: contactDetailsSchema.parse({
        channel: 'police_notification',
        referralSource: '6',
        referrerName: 'PC Dana Reeve',
        reason: 'Domestic abuse notification: argument between the adults, children in the home.',
        presentingNeeds: ['3B'],
        consent: 'not_sought_risk',
        consentReason: 'Police notification under the information-sharing agreement.',
      }),
      receivedAt,
      childIds,
      described: [],
      domesticAbuse: true,
      policeRisk,
    },
    ctx,
  )
  return { contactId: result.contactId, ids: result.children.map((c) => c.contactChildId) }
}

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000)
const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000)

describe('what the police say about the risk', () => {
  const partnerForm = (change: Record<string, string> = {}) => ({
    referralSource: '6',
    'received-day': '20',
    'received-month': '11',
    'received-year': '2026',
    'received-time': '09:15',
    childRows: '1',
    child1Name: 'Harper Quill',
    child1Birth: '3 5 2016',
    reason: 'Officers attended a domestic incident; the mother had a cut to her lip.',
    presentingNeeds: '3B',
    consent: 'not_sought_risk',
    consentReason: 'Telling the mother would alert the alleged perpetrator.',
    childSafeNow: 'not_known',
    dashRisk: 'high',
    maracReferral: 'yes',
    injuryMentioned: 'yes',
    step: 'save',
    ...change,
  })

  it('asks a police officer for the DASH risk, MARAC and an injury, and keeps them on the contact', async () => {
    const b = await signedIn('police')
    const form = await b.get('/partner/contacts/new')
    expect(pageText(form.body)).toContain('DASH risk level')
    const res = await b.post('/partner/contacts/new', partnerForm(), '/partner/contacts/new')
    expect(res.statusCode).toBe(303)
    const id = Number(/\/partner\/contacts\/(\d+)\/sent/.exec(String(res.headers.location))?.[1])
    const saved = await db()
      .selectFrom('contact')
      .select(['dash_risk', 'marac_referral', 'injury_mentioned'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(saved).toEqual({ dash_risk: 'high', marac_referral: true, injury_mentioned: true })
  })

  it('refuses an answer that is not one of the choices, and saves nothing', async () => {
    const b = await signedIn('police')
    const before = await count('contact')
    const res = await b.post(
      '/partner/contacts/new',
      partnerForm({ dashRisk: 'severe' }),
      '/partner/contacts/new',
    )
    expect(res.statusCode).toBe(400)
    expect(res.body).toContain('href="#dashRisk"')
    expect(await count('contact')).toBe(before)
  })

  it('does not ask other agencies', async () => {
    const teacher = await db()
      .selectFrom('app_user as u')
      .innerJoin('agency as a', 'a.id', 'u.agency_id')
      .select('u.username')
      .where('a.kind', '<>', 'police')
      .where('u.role', '=', 'partner_practitioner')
      .executeTakeFirst()
    if (!teacher) return
    const b = await signedIn(teacher.username)
    expect(pageText((await b.get('/partner/contacts/new')).body)).not.toContain('DASH risk level')
  })

  it('keeps them from the screener’s form for a police notification only', async () => {
    const b = await signedIn('screener')
    const child1 = await child('Juno', 'Farrant', '2015-06-01')
    const form = {
      'received-day': '1',
      'received-month': '12',
      'received-year': '2026',
      'received-time': '08:00',
      channel: 'police_notification',
      referralSource: '6',
      referrerName: 'PC Dana Reeve',
      reason: 'Domestic abuse notification.',
      presentingNeeds: '3B',
      consent: 'not_sought_risk',
      consentReason: 'Information-sharing agreement.',
      childSafeNow: 'not_known',
      childIds: String(child1),
      dashRisk: 'medium',
      maracReferral: 'no',
      injuryMentioned: 'no',
      step: 'save',
    }
    const res = await b.post('/contacts/new', form, '/contacts/new')
    expect(res.statusCode).toBe(303)
    const id = Number(/\/contacts\/(\d+)/.exec(String(res.headers.location))?.[1])
    expect(
      await db()
        .selectFrom('contact')
        .select(['dash_risk', 'marac_referral', 'injury_mentioned'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow(),
    ).toEqual({ dash_risk: 'medium', marac_referral: false, injury_mentioned: false })
  })
})

describe('the bulk page and its rule', () => {
  const c: Record<string, number> = {}
  const n: Record<string, { contactId: number; ids: number[] }> = {}

  beforeAll(async () => {
    c.plain = await child('Ada', 'Plainfield', '2014-01-15')
    c.high = await child('Bea', 'Highcombe', '2013-03-03')
    c.repeat = await child('Cal', 'Repton', '2012-04-04')
    c.injury = await child('Dot', 'Inchley', '2011-05-05')
    c.known = await child('Eli', 'Knowles', '2010-06-06')
    n.plain = await notify([c.plain], hoursAgo(2), {
      dashRisk: 'standard',
      maracReferral: false,
      injuryMentioned: false,
    })
    n.high = await notify([c.high], hoursAgo(2), {
      dashRisk: 'high',
      maracReferral: true,
      injuryMentioned: false,
    })
    // Two earlier notifications in the year (still waiting too, each held back by nothing); this is the third.
    for (const months of [9, 4]) await notify([c.repeat], daysAgo(months * 30))
    n.repeat = await notify([c.repeat], hoursAgo(2))
    n.injury = await notify([c.injury], daysAgo(6), {
      dashRisk: null,
      maracReferral: null,
      injuryMentioned: true,
    })
    n.known = await notify([c.known], hoursAgo(2))
    await db()
      .insertInto('referral')
      .values({
        child_id: c.known,
        referral_date: '2026-10-01',
        referral_source: '2A',
        re_referral: false,
        status: 'awaiting_allocation',
      })
      .execute()
  })

  /** The bulk form posted for the children given, whether the page offered them or not (a crafted post). */
  async function postBulk(b: Browser, contactChildIds: readonly number[]) {
    const page = await b.get('/contacts/police-notifications')
    const form = new URLSearchParams({
      _csrf: /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '',
      thresholdLevel: '1',
      rag: 'green',
      decision: 'information_and_advice',
      rationale: 'Standard risk; letters to the parents.',
    })
    for (const id of contactChildIds) form.append('contactChildIds', String(id))
    return t.app.inject({
      method: 'POST',
      url: '/contacts/police-notifications',
      headers: { cookie: b.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: form.toString(),
    })
  }

  it('shows each child’s notifications in 12 months, the police risk, open cases, overdue clocks and who is held back', async () => {
    const b = await signedIn('mash.sw')
    const res = await b.get('/contacts/police-notifications')
    expect(res.statusCode).toBe(200)
    const row = (key: string) => {
      const id = n[key]!.ids[0]!
      const m = new RegExp(
        `<tr class="govuk-table__row" data-testid="notification-${id}">([\\s\\S]*?)</tr>`,
      ).exec(res.body)
      return pageText(m?.[1] ?? '')
    }
    expect(row('plain')).toContain('DASH standard')
    expect(row('plain')).not.toContain('Triage individually')
    expect(res.body).toMatch(new RegExp(`name="contactChildIds" type="checkbox" value="${n.plain!.ids[0]}"`))
    expect(row('high')).toContain('DASH high')
    expect(row('high')).toContain('Referred to MARAC')
    expect(row('high')).toContain('Goes to individual triage: the police assessed the risk as high (DASH).')
    expect(row('repeat')).toMatch(/ 3 /)
    expect(row('repeat')).toContain('third or later police notification')
    expect(row('injury')).toContain('Injury mentioned')
    expect(row('injury')).toContain('the notification mentions an injury')
    // Received six days ago: past its one working day, tagged as any other item is.
    expect(row('injury')).toContain('Overdue')
    expect(row('known')).toContain('Open case')
    expect(row('known')).not.toContain('Triage individually')
    for (const key of ['high', 'repeat', 'injury'])
      expect(res.body).not.toMatch(new RegExp(`type="checkbox" value="${n[key]!.ids[0]}"`))
    expect(pageText(res.body)).toContain('3 children cannot be decided with others')
  })

  it('refuses a crafted post that includes a high-risk child, saving nothing for any child', async () => {
    const b = await signedIn('mash.sw')
    const events = await count('case_event')
    const res = await postBulk(b, [...n.plain!.ids, ...n.high!.ids])
    expect(res.statusCode).toBe(409)
    expect(pageText(res.body)).toContain('Bea Highcombe')
    expect(pageText(res.body)).toContain('cannot be decided with others')
    expect(pageText(res.body)).toContain('Nothing was saved')
    expect(await count('case_event')).toBe(events)
    const rows = await db()
      .selectFrom('contact_child')
      .select(['status', 'decision', 'rag'])
      .where('id', 'in', [...n.plain!.ids, ...n.high!.ids])
      .execute()
    for (const r of rows) expect(r).toEqual({ status: 'in_triage', decision: null, rag: null })

    // The child without a reason is decided on their own.
    expect((await postBulk(b, n.plain!.ids)).statusCode).toBe(303)
  })

  it('refuses a child the social worker may not open, audited as a single child’s decision is, saving nothing', async () => {
    const open = await child('Fay', 'Openshaw', '2015-07-07')
    const hidden = await child('Gus', 'Hiddleston', '2014-08-08')
    const both = { open: await notify([open], hoursAgo(1)), hidden: await notify([hidden], hoursAgo(1)) }
    await db()
      .updateTable('person')
      .set({ restricted: true, restriction_category: 'high_risk' })
      .where('id', '=', hidden)
      .execute()
    const b = await signedIn('mash.sw')
    const events = await count('case_event')
    const res = await postBulk(b, [...both.open.ids, ...both.hidden.ids])
    expect(res.statusCode).toBe(409)
    expect(pageText(res.body)).toContain(`You cannot decide notification ${both.hidden.ids[0]}`)
    expect(pageText(res.body)).not.toContain('Gus Hiddleston')
    expect(pageText(res.body)).toContain('Nothing was saved')
    expect(await count('case_event')).toBe(events)
    const status = await db()
      .selectFrom('contact_child')
      .select('status')
      .where('id', 'in', [...both.open.ids, ...both.hidden.ids])
      .execute()
    expect(status).toEqual([{ status: 'in_triage' }, { status: 'in_triage' }])
    // The refusal is the one a single child's recommendation writes: viewing the child, denied.
    const denials = await db()
      .selectFrom('audit_event')
      .select(['action', 'outcome', 'username', 'record_type'])
      .where('child_id', '=', hidden)
      .where('outcome', '=', 'denied')
      .execute()
    expect(denials).toEqual([
      { action: 'child.view', outcome: 'denied', username: 'mash.sw', record_type: 'child' },
    ])
  })
})

describe('Operation Encompass', () => {
  it('starts a clock to tell the school, due by the end of the next working day after receipt', async () => {
    const pupil = await child('Finn', 'Scholes', '2016-09-01')
    const toddler = await child('Gil', 'Scholes', '2024-02-02')
    // Friday 20 November 2026 at 09:15: due by the end of Monday 23 November.
    const friday = await notify([pupil, toddler], new Date('2026-11-20T09:15:00Z'))
    const tasks = await db()
      .selectFrom('task')
      .select(['subject_id', 'due_at', 'stopped_at'])
      .where('clock_code', '=', 'operation-encompass')
      .where('subject_id', 'in', friday.ids.map(String))
      .execute()
    expect(tasks).toEqual([
      { subject_id: String(friday.ids[0]), due_at: new Date('2026-11-23T23:59:59.999Z'), stopped_at: null },
    ])
    // Christmas Eve 2025 (Wednesday) at 16:00: Christmas Day, Boxing Day and the weekend are not working days.
    const eve = await notify([await child('Hal', 'Yule', '2015-12-12')], new Date('2025-12-24T16:00:00Z'))
    const due = await db()
      .selectFrom('task')
      .select('due_at')
      .where('clock_code', '=', 'operation-encompass')
      .where('subject_id', '=', String(eve.ids[0]))
      .executeTakeFirstOrThrow()
    expect(due.due_at.toISOString()).toBe('2025-12-29T23:59:59.999Z')
  })

  it('does not start for a contact that is not a police notification', async () => {
    const { actor, ctx } = await actingAs(db(), 'screener')
    const pupil = await child('Ivy', 'Otherway', '2014-02-02')
    const result = await recordContact(
      deps(),
      actor,
      {
        details: contactDetailsSchema.parse({
          channel: 'phone',
          referralSource: '2A',
          referrerName: 'Ms Hale',
          reason: 'Worried about the child at home.',
          presentingNeeds: ['3B'],
          consent: 'given',
        }),
        receivedAt: hoursAgo(1),
        childIds: [pupil],
        described: [],
      },
      ctx,
    )
    const tasks = await db()
      .selectFrom('task')
      .select('id')
      .where('clock_code', '=', 'operation-encompass')
      .where('subject_id', '=', String(result.children[0]!.contactChildId))
      .execute()
    expect(tasks).toHaveLength(0)
  })

  it('records who told whom, when and how, which stops the clock; a partner cannot', async () => {
    const pupil = await child('Jude', 'Keyworth', '2015-10-10')
    // Received on Thursday evening; the school told before it opened on Friday.
    const { contactId, ids } = await notify([pupil], new Date('2026-12-03T18:00:00Z'))
    const triage = `/contacts/${contactId}/children/${ids[0]}`
    const url = `${triage}/school-notice`
    const b = await signedIn('screener')
    const page = await b.get(triage)
    expect(pageText(page.body)).toContain('Tell the child’s school (Operation Encompass)')
    const answers = {
      school: 'Riverside Primary School',
      toldPerson: 'Mrs Okoro, designated safeguarding lead',
      'told-day': '4',
      'told-month': '12',
      'told-year': '2026',
      'told-time': '08:05',
      method: 'phone',
      noticeNote: '',
    }
    const missing = await b.post(url, { ...answers, school: '', method: '' }, triage)
    expect(missing.statusCode).toBe(400)
    expect(missing.body).toContain('<title>Error: ')
    expect(missing.body).toContain('href="#school"')
    expect(missing.body).toContain('href="#method"')
    expect(missing.body).toContain('value="Mrs Okoro, designated safeguarding lead"')
    expect(await count('contact_school_notice')).toBe(0)

    const partner = await signedIn('police')
    const form = await partner.get('/partner/contacts/new')
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1]
    expect((await partner.postWithToken(url, answers, csrf)).statusCode).toBe(403)

    const res = await b.post(url, answers, triage)
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe(triage)
    const notice = await db()
      .selectFrom('contact_school_notice')
      .selectAll()
      .where('contact_child_id', '=', ids[0]!)
      .executeTakeFirstOrThrow()
    expect(notice).toMatchObject({
      school: 'Riverside Primary School',
      told_person: 'Mrs Okoro, designated safeguarding lead',
      method: 'phone',
      told_at: new Date('2026-12-04T08:05:00Z'),
    })
    const task = await db()
      .selectFrom('task')
      .select(['stopped_at', 'closed_by'])
      .where('clock_code', '=', 'operation-encompass')
      .where('subject_id', '=', String(ids[0]))
      .executeTakeFirstOrThrow()
    expect(task).toEqual({ stopped_at: new Date('2026-12-04T08:05:00Z'), closed_by: 'stop' })
    const audit = await db()
      .selectFrom('audit_event')
      .select('child_id')
      .where('action', '=', 'contact.school_notice')
      .where('record_id', '=', String(ids[0]))
      .execute()
    expect(audit).toEqual([{ child_id: pupil }])
    const shown = pageText((await b.get(triage)).body)
    expect(shown).toContain('Riverside Primary School')
    expect(shown).toContain('4 December 2026 at 8:05am, phone call')
    // Recorded once: the form is gone, and a second post is refused.
    expect(
      (
        await b.postWithToken(
          url,
          answers,
          /name="_csrf" value="([^"]+)"/.exec((await b.get(triage)).body)?.[1],
        )
      ).statusCode,
    ).toBe(404)
  })
})
