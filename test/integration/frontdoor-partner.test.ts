/**
 * The partner's contact form and their agency's contacts, and the MASH deciding several police
 * domestic abuse notifications at once: on a real database (PGlite, and PostgreSQL in CI).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contactDetailsSchema } from '../../src/modules/frontdoor/model.js'
import {
  linkChild,
  rateContactChild,
  recordContact,
  recordFeedback,
  withdrawContactChild,
} from '../../src/modules/frontdoor/service.js'
import { actingAs } from '../support/actors.js'
import { decideAsTwo } from '../support/frontdoor.js'
import { Browser, openTestApp, pageText, type TestApp } from '../support/web.js'

let t: TestApp
const db = () => t.database.db
/** What the front door's services are given: the test's database and the application's clock. */
const deps = () => ({ db: t.database.db, clock: t.clock })

let policeAgencyId: number
beforeAll(async () => {
  t = await openTestApp()
  // The demo police officer works for Essex Police (the demo seed links the account).
  const police = await db()
    .selectFrom('app_user')
    .select('agency_id')
    .where('username', '=', 'police')
    .executeTakeFirstOrThrow()
  if (police.agency_id === null) throw new Error('the demo police officer has no agency')
  policeAgencyId = police.agency_id
})
afterAll(async () => t.close())

async function signedIn(username: string): Promise<Browser> {
  const b = new Browser(t.app)
  const res = await b.signIn(username)
  expect(res.statusCode).toBe(303)
  return b
}

const count = async (table: 'contact' | 'contact_child' | 'case_event' | 'audit_event') =>
  Number(
    (
      await db()
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

/** A complete contact about two siblings; each test changes what it needs. */
const partnerContact = (change: Record<string, string> = {}): Record<string, string> => ({
  referralSource: '6',
  'received-day': '20',
  'received-month': '11',
  'received-year': '2026',
  'received-time': '09:15',
  'aware-day': '20',
  'aware-month': '11',
  'aware-year': '2026',
  'aware-time': '02:40',
  childRows: '2',
  child1Name: 'Maisie Thornbury',
  child1Birth: '3 5 2017',
  child1Address: '4 Example Row, Grays',
  child2Name: 'Alfie Thornbury',
  child2Birth: 'about 4',
  child2Address: '4 Example Row, Grays',
  reason: 'Officers attended a domestic incident at the home overnight. Both children were present.',
  presentingNeeds: '3B',
  consent: 'not_sought_risk',
  consentReason: 'Telling the mother would alert the alleged perpetrator.',
  childSafeNow: 'not_known',
  referrerPhone: '01234 567890',
  referrerEmail: 'sam.turner@police.example',
  ...change,
})

describe("the partner's contact form", () => {
  it('shows who they are with their agency’s referral source selected and the time now', async () => {
    const b = await signedIn('police')
    const res = await b.get('/partner/contacts/new')
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('Essex Police')
    expect(res.body).toMatch(/<option value="6" selected>Police<\/option>/)
    expect(res.body).toMatch(
      /name="received-year" type="text" value="20\d\d"|id="received-year" name="received-year"/,
    )
  })

  it('lists every problem linked to its field, keeps the answers and saves nothing', async () => {
    const b = await signedIn('police')
    const before = await count('contact')
    const res = await b.post(
      '/partner/contacts/new',
      partnerContact({
        child2Name: '',
        reason: '',
        consent: 'overridden',
        consentReason: '',
        'received-time': '25:00',
        step: 'check',
      }),
      '/partner/contacts/new',
    )
    expect(res.statusCode).toBe(400)
    expect(res.body).toContain('<title>Error: ')
    for (const href of ['#received-time', '#child2Name', '#reason', '#consentReason'])
      expect(res.body).toContain(`href="${href}"`)
    // The summary follows the order of the page.
    expect(res.body.indexOf('href="#received-time"')).toBeLessThan(res.body.indexOf('href="#child2Name"'))
    expect(res.body).toContain('Enter child 2’s full name, or clear their row')
    expect(res.body).toContain('Enter why consent was overridden')
    expect(res.body).toContain('value="Maisie Thornbury"')
    expect(res.body).toContain('value="about 4"')
    expect(await count('contact')).toBe(before)
  })

  it('asks for at least one child with a name', async () => {
    const b = await signedIn('police')
    const res = await b.post(
      '/partner/contacts/new',
      partnerContact({
        childRows: '1',
        child1Name: '',
        child1Birth: '',
        child1Address: '',
        child2Name: '',
        step: 'check',
      }),
    )
    expect(res.statusCode).toBe(400)
    expect(res.body).toContain('href="#child1Name"')
    expect(res.body).toContain('Enter the full name of at least one child')
  })

  it('refuses a date of birth in the future or that is not one, and an age over 17, and saves nothing', async () => {
    const b = await signedIn('police')
    const before = await count('contact')
    for (const step of ['check', 'save']) {
      const res = await b.post(
        '/partner/contacts/new',
        partnerContact({ child1Birth: '1 1 2030', child2Birth: 'banana', step }),
        '/partner/contacts/new',
      )
      expect(res.statusCode).toBe(400)
      expect(res.body).toContain('govuk-error-summary')
      expect(res.body).toContain('href="#child1Birth"')
      expect(res.body).toContain('Child 1’s date of birth must be today or in the past')
      expect(res.body).toContain('href="#child2Birth"')
      expect(res.body).toContain(
        'Enter child 2’s date of birth, like 14 3 2019, or their age in years, like 6',
      )
      expect(res.body).toContain('value="banana"') // kept, to be put right
    }
    const tooOld = await b.post('/partner/contacts/new', partnerContact({ child2Birth: '19', step: 'save' }))
    expect(tooOld.statusCode).toBe(400)
    expect(tooOld.body).toContain('Child 2’s age must be 17 or under')
    expect(await count('contact')).toBe(before)
  })

  it('refuses a reason over the length policy’s limit rather than cutting it short, and saves nothing', async () => {
    const b = await signedIn('police')
    const before = await count('contact')
    for (const step of ['check', 'save']) {
      const res = await b.post(
        '/partner/contacts/new',
        partnerContact({ reason: 'x'.repeat(200_000), step }),
        '/partner/contacts/new',
      )
      expect(res.statusCode).toBe(400)
      expect(res.body).toContain('href="#reason"')
      expect(res.body).toContain(
        'What has happened and why you are worried must be 10,000 characters or fewer',
      )
    }
    expect(await count('contact')).toBe(before)
  })

  it('names the date of the contact as the page labels it', async () => {
    const b = await signedIn('police')
    const res = await b.post(
      '/partner/contacts/new',
      partnerContact({ 'received-day': '31', 'received-month': '2', step: 'check' }),
    )
    expect(res.statusCode).toBe(400)
    expect(res.body).toContain('Date of the contact')
    expect(res.body).toContain('Date of the contact must be a real date')
    expect(res.body).not.toContain('Date received')
  })

  it('adds another child row without JavaScript, keeping what was typed, up to six', async () => {
    const b = await signedIn('police')
    const one = await b.post(
      '/partner/contacts/new',
      partnerContact({ childRows: '1', child2Name: '', step: 'add-child' }),
    )
    expect(one.statusCode).toBe(200)
    expect(one.body).toContain('id="child2Name"')
    expect(one.body).not.toContain('id="child3Name"')
    expect(one.body).toContain('value="Maisie Thornbury"')
    expect(one.body).not.toContain('govuk-error-summary')
    const six = await b.post('/partner/contacts/new', partnerContact({ childRows: '6', step: 'add-child' }))
    expect(six.body).toContain('id="child6Name"')
    expect(six.body).not.toContain('id="child7Name"')
    expect(six.body).not.toContain('data-testid="add-child"')
  })

  let sentId = 0
  it('checks the answers, then records one contact with a row for each child, and confirms it', async () => {
    const b = await signedIn('police')
    const [contacts, children] = [await count('contact'), await count('contact_child')]
    const check = await b.post('/partner/contacts/new', partnerContact({ step: 'check' }))
    expect(check.statusCode).toBe(200)
    expect(check.body).toContain('Check your answers before sending the contact')
    expect(check.body).toContain('Alfie Thornbury')
    expect(check.body).toContain('20 November 2026 at 2:40am')
    expect(await count('contact')).toBe(contacts) // nothing saved until it is sent

    const sent = await b.post(
      '/partner/contacts/new',
      partnerContact({ step: 'save' }),
      '/partner/contacts/new',
    )
    expect(sent.statusCode).toBe(303)
    const match = /^\/partner\/contacts\/(\d+)\/sent$/.exec(String(sent.headers.location))
    expect(match).not.toBeNull()
    sentId = Number(match?.[1])
    expect(await count('contact')).toBe(contacts + 1)
    expect(await count('contact_child')).toBe(children + 2)

    const contact = await db()
      .selectFrom('contact')
      .selectAll()
      .where('id', '=', sentId)
      .executeTakeFirstOrThrow()
    expect(contact).toMatchObject({
      channel: 'partner_form',
      referral_source: '6',
      referrer_name: 'DC Sam Turner',
      referrer_agency_id: policeAgencyId,
      submitted_by_agency_id: policeAgencyId,
      consent: 'not_sought_risk',
      consent_reason: 'Telling the mother would alert the alleged perpetrator.',
      domestic_abuse: true,
      presenting_needs: ['3B'],
    })
    // When the officer became aware is a time of its own (2:40am London, GMT in November).
    expect(contact.aware_at?.toISOString()).toBe('2026-11-20T02:40:00.000Z')
    expect(contact.reason).not.toContain('aware')
    expect(contact.received_at.toISOString()).toBe('2026-11-20T09:15:00.000Z')
    const rows = await db()
      .selectFrom('contact_child')
      .select(['described_name', 'described_birth', 'status', 'child_id'])
      .where('contact_id', '=', sentId)
      .orderBy('id')
      .execute()
    expect(rows).toEqual([
      {
        described_name: 'Maisie Thornbury',
        described_birth: '3 5 2017',
        status: 'awaiting_match',
        child_id: null,
      },
      {
        described_name: 'Alfie Thornbury',
        described_birth: 'about 4',
        status: 'awaiting_match',
        child_id: null,
      },
    ])
    const audit = await db()
      .selectFrom('audit_event')
      .select(['username', 'outcome'])
      .where('action', '=', 'contact.record')
      .where('record_id', '=', String(sentId))
      .execute()
    expect(audit).toEqual([{ username: 'police', outcome: 'allowed' }])

    const confirmation = await b.get(String(sent.headers.location))
    expect(confirmation.statusCode).toBe(200)
    expect(confirmation.body).toContain('Contact sent')
    expect(confirmation.body).toContain(`C-${String(sentId).padStart(6, '0')}`)
  })

  it("lists the agency's own contacts, newest first, each child's progress in words", async () => {
    const b = await signedIn('police')
    const res = await b.get('/partner/contacts')
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain(`href="/partner/contacts/${sentId}"`)
    expect(res.body).toContain('Maisie Thornbury')
    expect(res.body).toContain('With the front door')
    const one = await b.get(`/partner/contacts/${sentId}`)
    expect(one.statusCode).toBe(200)
    expect(one.body).toContain('Alfie Thornbury')
    expect(one.body).toContain('Officers attended a domestic incident')
    expect(one.body).toMatch(/When you became aware[\s\S]*?20 November 2026 at 2:40am/)
  })

  it('shows a child’s outcome only once the front door has recorded feedback, and never the record it matched', async () => {
    const { actor: mash, ctx } = await actingAs(db(), 'mash.sw')
    const { id: childId } = await db()
      .insertInto('person')
      .values({
        kind: 'child',
        given_name: 'Maisy',
        family_name: 'Thornbury-Clarke',
        date_of_birth: '2017-05-03',
        sex: 'F',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const [maisie] = await db()
      .selectFrom('contact_child')
      .select('id')
      .where('contact_id', '=', sentId)
      .orderBy('id')
      .execute()
    const ccid = maisie?.id as number
    await linkChild(deps(), mash, ccid, childId, ctx)
    // The MASH sees when the officer became aware beside the contact's own details.
    const triage = await (await signedIn('mash.sw')).get(`/contacts/${sentId}/children/${ccid}`)
    expect(triage.statusCode).toBe(200)
    expect(triage.body).toMatch(/Referrer became aware[\s\S]*?20 November 2026 at 2:40am/)
    await rateContactChild(
      deps(),
      mash,
      ccid,
      { thresholdLevel: '2', rag: 'amber', recommendation: null },
      ctx,
    )
    await decideAsTwo(deps(), { actor: mash, ctx }, await actingAs(db(), 'mash.manager'), ccid, {
      decision: 'early_help',
    })
    const b = await signedIn('police')
    const decided = await b.get(`/partner/contacts/${sentId}`)
    expect(decided.body).toContain('Decided: the front door will tell you the outcome')
    expect(decided.body).not.toContain('Decided: early help')
    await recordFeedback(deps(), mash, ccid, { feedbackMethod: 'partner_portal', feedbackNote: null }, ctx)
    const told = await b.get('/partner/contacts')
    expect(told.body).toContain('Decided: early help')
    expect(told.body).toContain('With the front door') // Alfie, not yet found
    const page = await b.get(`/partner/contacts/${sentId}`)
    expect(page.body).toContain('Decided: early help')
    expect(page.body).toContain('Maisie Thornbury')
    expect(page.body).not.toContain('Thornbury-Clarke')
    expect(page.body).not.toContain('Early help with the family’s agreement.')
  })

  it("answers another agency's contact as if it did not exist, with an audit row", async () => {
    const { id: schoolId } = await db()
      .insertInto('agency')
      .values({ name: 'Chadwell Primary School', kind: 'education', referral_source: '2A' })
      .returning('id')
      .executeTakeFirstOrThrow()
    await db()
      .insertInto('app_user')
      .values({
        username: 'dsl.chadwell',
        display_name: 'Kim Ashby',
        role: 'partner_practitioner',
        agency_id: schoolId,
        job_title: 'Designated safeguarding lead',
      })
      .execute()
    const { actor: teacher, ctx } = await actingAs(db(), 'dsl.chadwell')
    const { contactId } = await recordContact(
      deps(),
      teacher,
      {
        details: contactDetailsSchema.parse({
          channel: 'partner_form',
          referralSource: '2A',
          referrerName: 'Kim Ashby',
          reason: 'A pupil came to school with bruising.',
          consent: 'given',
        }),
        receivedAt: new Date(Date.now() - 3_600_000),
        childIds: [],
        described: [{ name: 'Rosa Pemberton', birth: null, address: null }],
      },
      ctx,
    )
    const b = await signedIn('police')
    const list = await b.get('/partner/contacts')
    expect(list.body).not.toContain('Rosa Pemberton')
    const denied = await b.get(`/partner/contacts/${contactId}`)
    // A partner cannot search records, so a refusal must not tell them the contact exists.
    expect(denied.statusCode).toBe(404)
    expect(denied.body).not.toContain('Rosa Pemberton')
    const missing = await b.get('/partner/contacts/99999999')
    expect(missing.statusCode).toBe(404)
    expect(pageText(denied.body)).toBe(pageText(missing.body))
    const audit = await db()
      .selectFrom('audit_event')
      .select(['username', 'outcome', 'action'])
      .where('record_type', '=', 'contact')
      .where('record_id', '=', String(contactId))
      .where('outcome', '=', 'denied')
      .execute()
    expect(audit).toEqual([{ username: 'police', outcome: 'denied', action: 'contact.view' }])
  })

  it('tells a partner whose account has no agency, and sends other roles to their own pages', async () => {
    await db()
      .insertInto('app_user')
      .values({
        username: 'no.agency',
        display_name: 'Pat Unlinked',
        role: 'partner_practitioner',
        password_hash: (
          await db()
            .selectFrom('app_user')
            .select('password_hash')
            .where('username', '=', 'police')
            .executeTakeFirstOrThrow()
        ).password_hash,
      })
      .execute()
    const b = await signedIn('no.agency')
    const res = await b.get('/partner/contacts/new')
    expect(res.statusCode).toBe(403)
    expect(res.body).toContain('not linked to a partner agency')
    const posted = await b.post('/partner/contacts/new', { step: 'save' }, '/partner/contacts/new')
    expect(posted.statusCode).toBe(403)
    expect(posted.body).toContain('not linked to a partner agency')
    const screener = await signedIn('screener')
    expect((await screener.get('/partner/contacts/new')).statusCode).toBe(403)
    expect((await screener.post('/partner/contacts/new', { step: 'save' }, '/mash')).statusCode).toBe(403)
    expect((await screener.get('/partner/contacts')).statusCode).toBe(403)
  })
})

// ---------------------------------------------------------------------------------------------

describe('police domestic abuse notifications decided together', () => {
  const children: Record<string, number> = {}
  const notification: Record<string, { contactId: number; ids: number[] }> = {}

  beforeAll(async () => {
    for (const [key, given, family, dob] of [
      ['a', 'Ellis', 'Marchbank', '2016-02-11'],
      ['b', 'Nia', 'Calloway', '2018-07-30'],
      ['c', 'Reuben', 'Calloway', '2020-01-05'],
      ['d', 'Tess', 'Holloway', '2012-09-19'],
      ['e', 'Kit', 'Ormerod', '2015-04-02'],
      ['f', 'Luca', 'Pennant', '2017-12-24'],
    ] as const) {
      const { id } = await db()
        .insertInto('person')
        .values({ kind: 'child', given_name: given, family_name: family, date_of_birth: dob, sex: 'U' })
        .returning('id')
        .executeTakeFirstOrThrow()
      children[key] = id
    }
    const { actor: screener, ctx } = await actingAs(db(), 'screener')
    const notify = async (key: string, childKeys: string[]) => {
      const result = await recordContact(
        deps(),
        screener,
        {
          details: contactDetailsSchema.parse({
            channel: 'police_notification',
            referralSource: '6',
            referrerName: 'PC Dana Reeve',
            reason: 'Domestic abuse notification: verbal argument, children in the home, no injuries.',
            presentingNeeds: ['3B'],
            consent: 'not_sought_risk',
            consentReason: 'Police notification under the information-sharing agreement.',
          }),
          receivedAt: new Date(Date.now() - 2 * 3_600_000),
          childIds: childKeys.map((k) => children[k] as number),
          described: [],
          domesticAbuse: true,
        },
        ctx,
      )
      expect(result.children.every((c) => c.route === 'in_triage')).toBe(true)
      notification[key] = { contactId: result.contactId, ids: result.children.map((c) => c.contactChildId) }
    }
    await notify('one', ['a'])
    await notify('siblings', ['b', 'c'])
    await notify('three', ['d'])
    await notify('four', ['e'])
    await notify('five', ['f'])
  })

  const decision = (ids: number[], change: Record<string, string> = {}) => {
    const form = new URLSearchParams({
      thresholdLevel: '1',
      rag: 'green',
      decision: 'information_and_advice',
      decisionReason: '',
      rationale: 'Standard-risk notifications; letters to both parents with local DA support services.',
      ...change,
    })
    for (const id of ids) form.append('contactChildIds', String(id))
    return form
  }

  /** Posts a form with repeated fields, taking the CSRF token from the page as a browser would. */
  const post = async (b: Browser, form: URLSearchParams) => {
    const page = await b.get('/contacts/police-notifications')
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? ''
    form.set('_csrf', csrf)
    return t.app.inject({
      method: 'POST',
      url: '/contacts/police-notifications',
      headers: { cookie: b.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: form.toString(),
    })
  }

  it('lists the notifications waiting, one row per child', async () => {
    const b = await signedIn('mash.sw')
    const res = await b.get('/contacts/police-notifications')
    expect(res.statusCode).toBe(200)
    for (const name of ['Ellis Marchbank', 'Nia Calloway', 'Reuben Calloway', 'Tess Holloway', 'Kit Ormerod'])
      expect(res.body).toContain(name)
    for (const id of notification.siblings?.ids ?? []) expect(res.body).toContain(`value="${id}"`)
  })

  it('refuses a screener, who cannot decide contacts', async () => {
    const b = await signedIn('screener')
    expect((await b.get('/contacts/police-notifications')).statusCode).toBe(403)
    const events = await count('case_event')
    const res = await b.postWithToken(
      '/contacts/police-notifications',
      {
        contactChildIds: String(notification.one?.ids[0]),
        thresholdLevel: '1',
        rag: 'green',
        decision: 'signpost',
        rationale: 'x',
      },
      undefined,
    )
    expect(res.statusCode).toBe(403)
    expect(await count('case_event')).toBe(events)
  })

  it('asks for what is missing, refuses a referral in bulk, and saves nothing', async () => {
    const b = await signedIn('mash.sw')
    const events = await count('case_event')
    const nfa = await post(
      b,
      decision(notification.one?.ids ?? [], { decision: 'no_further_action', rationale: '' }),
    )
    expect(nfa.statusCode).toBe(400)
    expect(nfa.body).toContain('href="#decisionReason"')
    expect(nfa.body).toContain('href="#rationale"')
    expect(nfa.body).toMatch(/id="contactChildIds"[^>]*value="\d+" checked/)
    const none = await post(b, decision([]))
    expect(none.body).toContain('Select at least one notification')
    const referral = await post(b, decision(notification.one?.ids ?? [], { decision: 'referral' }))
    expect(referral.statusCode).toBe(400)
    expect(referral.body).toContain('each child’s own decision page')
    const outside = await post(
      b,
      decision(notification.one?.ids ?? [], { thresholdLevel: '1', decision: 'early_help' }),
    )
    expect(outside.body).toContain('outside the routes for level 1 need')
    // A child at level 3 or 4 is seen on their own: the level is refused before anything is saved.
    const level3 = await post(
      b,
      decision(notification.one?.ids ?? [], { thresholdLevel: '3', decision: 'early_help' }),
    )
    expect(level3.statusCode).toBe(400)
    expect(pageText(level3.body)).toContain(
      'Select level 1 or 2: a child at level 3 or 4 is decided on their own page',
    )
    expect(await count('case_event')).toBe(events)
  })

  it('recommends for three notifications (four children) in one go; a manager authorises them together, which stops their clocks', async () => {
    const b = await signedIn('mash.sw')
    const ids = [
      ...(notification.one?.ids ?? []),
      ...(notification.siblings?.ids ?? []),
      ...(notification.three?.ids ?? []),
    ]
    expect(ids).toHaveLength(4)
    const res = await post(b, decision(ids))
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe('/contacts/police-notifications/decided?n=4&waiting=4')
    const done = await b.get(String(res.headers.location))
    expect(pageText(done.body)).toContain('4 children waiting for a manager')

    const userId = async (username: string) =>
      (
        await db()
          .selectFrom('app_user')
          .select('id')
          .where('username', '=', username)
          .executeTakeFirstOrThrow()
      ).id
    const [mash, manager] = [await userId('mash.sw'), await userId('mash.manager')]
    const rowsNow = () =>
      db().selectFrom('contact_child').selectAll().where('id', 'in', ids).orderBy('id').execute()
    // Rated and recommended, not decided: each waits for a manager, its decision clock running.
    for (const row of await rowsNow())
      expect(row).toMatchObject({
        status: 'awaiting_authorisation',
        decision: null,
        threshold_level: '1',
        rag: 'green',
        rated_by: mash,
      })

    // The recommender cannot authorise their own, even ticked together.
    const own = await b.post('/mash/authorisation', {
      contactChildIds: String(ids[0]),
      oversightNote: 'x'.repeat(60),
    })
    expect(own.statusCode).toBe(409)
    expect(pageText(own.body)).toContain('Only a manager can authorise a front-door decision')
    expect(pageText(own.body)).toContain('Nothing was authorised')

    const m = await signedIn('mash.manager')
    const queue = await m.get('/mash/authorisation')
    for (const id of ids) expect(queue.body).toContain(`value="${id}"`)
    const ticked = ids.map((id): [string, string] => ['contactChildIds', String(id)])
    const short = await m.postMany('/mash/authorisation', [...ticked, ['oversightNote', 'Agreed']])
    expect(short.statusCode).toBe(400)
    expect(short.body).toContain('href="#oversightNote"')
    expect(pageText(short.body)).toContain('at least 40 characters')
    expect((await rowsNow()).every((r) => r.status === 'awaiting_authorisation')).toBe(true)

    const note =
      'Read each analysis and the police risk: standard risk, letters to both parents are proportionate.'
    const ok = await m.postMany('/mash/authorisation', [...ticked, ['oversightNote', note]])
    expect(ok.statusCode).toBe(303)
    expect(ok.headers.location).toBe('/mash/authorisation?authorised=4')
    expect(pageText((await m.get(String(ok.headers.location))).body)).toContain('4 decisions authorised')

    const rows = await rowsNow()
    for (const row of rows)
      expect(row).toMatchObject({
        status: 'decided',
        decision: 'information_and_advice',
        decided_by: manager,
        oversight_note: note,
      })
    for (const id of ids) {
      const events = await db()
        .selectFrom('case_event')
        .select(['type', 'attributes'])
        .where('subject_type', '=', 'contact')
        .where('subject_id', '=', String(id))
        .where('type', '<>', 'contact.school_notice_needed') // Operation Encompass: its own tests
        .orderBy('id')
        .execute()
      expect(events.map((e) => e.type)).toEqual([
        'contact.received',
        'contact.rated',
        'contact.recommended',
        'contact.authorised',
        'contact.decided',
      ])
      const audits = await db()
        .selectFrom('audit_event')
        .select(['action', 'user_id'])
        .where('record_type', '=', 'contact_child')
        .where('record_id', '=', String(id))
        .where('action', 'in', ['contact.rate', 'contact.recommend', 'contact.decide'])
        .where('outcome', '=', 'allowed')
        .orderBy('id')
        .execute()
      expect(audits.map((a) => [a.action, a.user_id])).toEqual([
        ['contact.rate', mash],
        ['contact.recommend', mash],
        ['contact.decide', manager],
      ])
      const tasks = await db()
        .selectFrom('task')
        .select(['clock_code', 'stopped_at', 'assigned_user_id'])
        .where('subject_type', '=', 'contact')
        .where('subject_id', '=', String(id))
        // The decision clocks; Operation Encompass's has its own tests (frontdoor-police-bulk.test.ts).
        .where('clock_code', '<>', 'operation-encompass')
        .orderBy('clock_code')
        .execute()
      // Authorisation stops the decision clocks and the manager's; telling the police falls to the
      // social worker who recommended.
      expect(tasks.map((k) => [k.clock_code, k.stopped_at !== null])).toEqual([
        ['mash-authorisation', true],
        ['mash-decision', true],
        ['mash-decision-rag', true],
        ['referrer-feedback', false],
      ])
      expect(tasks.find((k) => k.clock_code === 'referrer-feedback')?.assigned_user_id).toBe(mash)
    }
    // The siblings were decided separately: one row, one set of events each.
    const siblingRows = rows.filter((r) => notification.siblings?.ids.includes(r.id))
    expect(new Set(siblingRows.map((r) => r.child_id))).toEqual(new Set([children.b, children.c]))
    const list = await b.get('/contacts/police-notifications')
    expect(list.body).not.toContain('Ellis Marchbank')
    expect(list.body).toContain('Kit Ormerod')
  })

  it('saves nothing when one selected child is no longer waiting, and says which', async () => {
    const b = await signedIn('mash.sw')
    const page = await b.get('/contacts/police-notifications')
    expect(page.body).toContain('Luca Pennant')
    // Someone else withdraws Luca's notification after the page was shown.
    const { actor: mash, ctx } = await actingAs(db(), 'mash.sw')
    await withdrawContactChild(
      deps(),
      mash,
      notification.five?.ids[0] as number,
      'Duplicate of an earlier notification',
      ctx,
    )
    const [events, audits] = [await count('case_event'), await count('audit_event')]
    const kit = notification.four?.ids[0] as number
    const res = await post(b, decision([kit, notification.five?.ids[0] as number]))
    expect(res.statusCode).toBe(409)
    expect(res.body).toContain('Luca Pennant')
    expect(res.body).toContain('has already been decided or passed on')
    expect(res.body).toContain('Nothing was saved')
    expect(res.body).toContain('href="#contactChildIds"')
    const row = await db()
      .selectFrom('contact_child')
      .select(['status', 'rag', 'decision'])
      .where('id', '=', kit)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ status: 'in_triage', rag: null, decision: null })
    expect(await count('case_event')).toBe(events)
    // Only the page views' own audit rows were added: no rating or decision.
    const written = await db()
      .selectFrom('audit_event')
      .select('action')
      .where('id', '>', 0)
      .orderBy('id', 'desc')
      .limit((await count('audit_event')) - audits)
      .execute()
    expect(
      written.map((w) => w.action).filter((a) => a === 'contact.rate' || a === 'contact.decide'),
    ).toEqual([])
  })
})
