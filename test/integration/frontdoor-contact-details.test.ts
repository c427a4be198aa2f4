/**
 * What a contact says beyond the concern (the adults involved, safety now, school and GP,
 * interpreter, the child's own words), the one-time key that stops a form sent twice making two
 * records, and finding a described child with every search field, adding their record and coming
 * back to link it: through the pages, on PGlite and (with DATABASE_URL) PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/platform/calendar/clock.js'
import { contactDetailsSchema } from '../../src/modules/frontdoor/model.js'
import { recordContact } from '../../src/modules/frontdoor/service.js'
import { actingAs } from '../support/actors.js'
import { Browser, csrfFrom, openTestApp, pageText, type TestApp } from '../support/web.js'

/** A Tuesday morning in November (GMT, so London time reads as UTC). */
const clock = fixedClock('2026-11-10T10:00:00Z')

let t: TestApp
const db = () => t.database.db
let schoolId: number

beforeAll(async () => {
  t = await openTestApp({ clock })
  const school = await db()
    .insertInto('agency')
    .values({ name: 'Orsett Heath Primary School', kind: 'education', referral_source: '2A' })
    .returning('id')
    .executeTakeFirstOrThrow()
  schoolId = school.id
})
afterAll(async () => t.close())

async function signedIn(username: string) {
  const b = new Browser(t.app)
  const res = await b.signIn(username)
  expect(res.statusCode).toBe(303)
  return b
}

const count = async (table: 'contact' | 'contact_adult' | 'person') =>
  Number(
    (
      await db()
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

/** A child and their mother, related as the people module records it. */
async function childAndMother(surname: string) {
  const insert = async (given: string, dob: string, kind: 'child' | 'adult') =>
    (
      await db()
        .insertInto('person')
        .values({ kind, given_name: given, family_name: surname, date_of_birth: dob, sex: 'F' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
  const child = await insert('Ivy', '2018-04-12', 'child')
  const mother = await insert('Nadia', '1991-02-03', 'adult')
  await db()
    .insertInto('person_relationship')
    .values({
      person_id: mother,
      related_person_id: child,
      relationship_type: 'mother',
      household_member: true,
    })
    .execute()
  return { child, mother }
}

/** The screener's contact form about one child, with the details this part adds. */
function screenerFields(childId: number, extra: [string, string][] = []): [string, string][] {
  return [
    ['received-day', '10'],
    ['received-month', '11'],
    ['received-year', '2026'],
    ['received-time', '09:30'],
    ['channel', 'phone'],
    ['referralSource', '2A'],
    ['referrerName', 'Ms Example'],
    ['reason', 'Ivy told her teacher that her mother’s partner hit her.'],
    ['consent', 'given'],
    ['childIds', String(childId)],
    ...extra,
  ]
}

const DETAILS: [string, string][] = [
  ['adultRows', '2'],
  ['adult1Name', 'Nadia Quarrie'],
  ['adult1Relationship', 'Mother'],
  ['adult2Name', 'Lee Dawson'],
  ['adult2Relationship', 'Mother’s partner'],
  ['adult2Perpetrator', 'yes'],
  ['childSafeNow', 'yes'],
  ['childSafeYes', 'Lee Dawson was arrested this morning; Ivy is with her grandmother.'],
  ['childSafeNo', 'An answer under a choice not made, left out'],
  ['gpName', 'Orsett Road Surgery'],
  ['interpreter', 'yes'],
  ['interpreterLanguage', 'Polish'],
  ['childWords', '“Lee hit me with his belt because I spilt my drink.”'],
]

describe("the screener's contact records the adults, safety now, school, GP, interpreter and the child's words", () => {
  it('saves them, linking an adult to her record, and shows them on the contact, triage and decision pages', async () => {
    const { child, mother } = await childAndMother('Quarrie')
    const b = await signedIn('screener')
    const res = await b.postMany('/contacts/new', [
      ...screenerFields(child, DETAILS),
      ['adult1PersonId', String(mother)],
      ['schoolAgencyId', String(schoolId)],
      ['step', 'save'],
    ])
    expect(res.statusCode, pageText(res.body)).toBe(303)
    const contactId = Number(/\/contacts\/(\d+)/.exec(String(res.headers.location))?.[1])
    const contact = await db()
      .selectFrom('contact')
      .selectAll()
      .where('id', '=', contactId)
      .executeTakeFirstOrThrow()
    expect(contact).toMatchObject({
      child_safe_now: 'yes',
      child_safe_detail: 'Lee Dawson was arrested this morning; Ivy is with her grandmother.',
      school_agency_id: schoolId,
      school_name: null,
      gp_agency_id: null,
      gp_name: 'Orsett Road Surgery',
      interpreter_language: 'Polish',
      child_words: '“Lee hit me with his belt because I spilt my drink.”',
    })
    const adults = await db()
      .selectFrom('contact_adult')
      .select(['position', 'name', 'relationship', 'alleged_perpetrator', 'person_id'])
      .where('contact_id', '=', contactId)
      .orderBy('position')
      .execute()
    expect(
      adults.map((a) => ({ ...a, person_id: a.person_id === null ? null : Number(a.person_id) })),
    ).toEqual([
      {
        position: 1,
        name: 'Nadia Quarrie',
        relationship: 'Mother',
        alleged_perpetrator: false,
        person_id: mother,
      },
      {
        position: 2,
        name: 'Lee Dawson',
        relationship: 'Mother’s partner',
        alleged_perpetrator: true,
        person_id: null,
      },
    ])
    const cc = await db()
      .selectFrom('contact_child')
      .select('id')
      .where('contact_id', '=', contactId)
      .executeTakeFirstOrThrow()
    await db()
      .updateTable('contact_child')
      .set({ threshold_level: '4', rag: 'red', rated_at: new Date('2026-11-10T09:45:00Z') })
      .where('id', '=', cc.id)
      .execute()
    const mash = await signedIn('mash.sw')
    for (const page of [
      `/contacts/${contactId}`,
      `/contacts/${contactId}/children/${cc.id}`,
      `/contacts/${contactId}/children/${cc.id}/decision`,
    ]) {
      const shown = await mash.get(page)
      expect(shown.statusCode, page).toBe(200)
      const text = pageText(shown.body)
      expect(text, page).toContain('The concern')
      expect(text, page).toContain('Ivy told her teacher')
      expect(text, page).toContain('Lee Dawson (Mother’s partner) Alleged perpetrator')
      expect(text, page).toContain('Nadia Quarrie (Mother): linked to the record of Nadia Quarrie')
      expect(text, page).toContain('Yes: Lee Dawson was arrested this morning')
      expect(text, page).toContain('Orsett Heath Primary School')
      expect(text, page).toContain('Orsett Road Surgery')
      expect(text, page).toContain('Needed: Polish')
      expect(text, page).toContain('Lee hit me with his belt')
      expect(text, page).not.toContain('left out')
    }
  })

  it('asks for each follow-up, refuses a record that is not the family’s, and saves nothing', async () => {
    const { child } = await childAndMother('Renshaw')
    const { mother: stranger } = await childAndMother('Stranger')
    const b = await signedIn('screener')
    const before = { contacts: await count('contact'), adults: await count('contact_adult') }
    const bad = await b.postMany('/contacts/new', [
      ...screenerFields(child),
      ['adultRows', '2'],
      ['adult1Name', 'Someone'],
      ['adult2Relationship', 'Uncle'],
      ['childSafeNow', 'no'],
      ['schoolAgencyId', String(schoolId)],
      ['schoolName', 'Typed as well'],
      ['interpreter', 'yes'],
      ['childWords', 'x'.repeat(10_001)],
      ['step', 'save'],
    ])
    expect(bad.statusCode).toBe(400)
    expect(bad.body).toContain('<title>Error: ')
    for (const [href, message] of [
      ['#adult1Relationship', 'Enter adult 1’s relationship to the child'],
      ['#adult2Name', 'Enter adult 2’s name, or clear their row'],
      ['#childSafeNo', 'Enter what puts the child at risk now, and what has been done'],
      ['#schoolName', 'Select the school from the list or type its name, not both'],
      ['#interpreterLanguage', 'Enter the language the interpreter is needed for'],
      ['#childWords', 'The child’s own words must be 10,000 characters or fewer'],
    ])
      expect(bad.body, message).toContain(`href="${href}"`)
    expect(bad.body).toContain('value="Someone"')
    // A record is offered only from the children's family: another adult's id is refused.
    const outsider = await b.postMany('/contacts/new', [
      ...screenerFields(child),
      ['adultRows', '1'],
      ['adult1Name', 'Nadia Stranger'],
      ['adult1Relationship', 'Neighbour'],
      ['adult1PersonId', String(stranger)],
      ['childSafeNow', 'not_known'],
      ['step', 'save'],
    ])
    expect(outsider.statusCode).toBe(400)
    expect(outsider.body).toContain('Select adult 1’s record from the list of the children’s family')
    expect(await count('contact')).toBe(before.contacts)
    expect(await count('contact_adult')).toBe(before.adults)
  })

  it('asks whether the child is safe now on both forms, "Not known" being an answer', async () => {
    const { child } = await childAndMother('Tolworth')
    const before = await count('contact')
    const screener = await signedIn('screener')
    const unasked = await screener.postMany('/contacts/new', [...screenerFields(child), ['step', 'save']])
    expect(unasked.statusCode).toBe(400)
    expect(unasked.body).toContain('<title>Error: ')
    expect(unasked.body).toContain('href="#childSafeNow">Select whether the child is safe now</a>')
    expect(unasked.body).toMatch(/id="childSafeNow-error"[\s\S]*?Select whether the child is safe now/)
    expect(unasked.body).toContain('value="not_known"')
    const police = await signedIn('police')
    const { childSafeNow: _answered, ...partnerUnasked } = partnerFields()
    const partner = await police.post(
      '/partner/contacts/new',
      { ...partnerUnasked, step: 'check' },
      '/partner/contacts/new',
    )
    expect(partner.statusCode).toBe(400)
    expect(partner.body).toContain('href="#childSafeNow">Select whether the child is safe now</a>')
    expect(await count('contact')).toBe(before)
    const notKnown = await screener.postMany('/contacts/new', [
      ...screenerFields(child, [['childSafeNow', 'not_known']]),
      ['step', 'save'],
    ])
    expect(notKnown.statusCode).toBe(303)
    const contactId = Number(/\/contacts\/(\d+)/.exec(String(notKnown.headers.location))?.[1])
    expect(
      await db()
        .selectFrom('contact')
        .select(['child_safe_now', 'child_safe_detail'])
        .where('id', '=', contactId)
        .executeTakeFirstOrThrow(),
    ).toEqual({ child_safe_now: 'not_known', child_safe_detail: null })
    expect(pageText((await screener.get(`/contacts/${contactId}`)).body)).toContain(
      'Is the child safe now Not known',
    )
  })

  it('adds another adult’s row without JavaScript, keeping what was typed, up to ten', async () => {
    const { child } = await childAndMother('Ashdown')
    const b = await signedIn('screener')
    const res = await b.postMany('/contacts/new', [
      ...screenerFields(child, [
        ['adultRows', '1'],
        ['adult1Name', 'Kept Name'],
      ]),
      ['step', 'add-adult'],
    ])
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('value="Kept Name"')
    expect(res.body).toContain('id="adult2Name"')
    expect(res.body).toContain('name="adultRows" value="2"')
    const full = await b.postMany('/contacts/new', [
      ...screenerFields(child, [['adultRows', '10']]),
      ['step', 'add-adult'],
    ])
    expect(full.body).toContain('id="adult10Name"')
    expect(full.body).not.toContain('id="adult11Name"')
    expect(full.body).not.toContain('data-testid="add-adult"')
  })
})

/** The partner's answers, as the check-answers page carries them. */
const partnerFields = (change: Record<string, string> = {}): Record<string, string> => ({
  referralSource: '6',
  'received-day': '10',
  'received-month': '11',
  'received-year': '2026',
  'received-time': '08:15',
  childRows: '1',
  child1Name: 'Maisie Hollins',
  child1Birth: '3 5 2017',
  child1Address: '4 Example Row, Grays RM17 6SL',
  reason: 'Officers attended a domestic incident at the home overnight.',
  consent: 'given',
  adultRows: '1',
  adult1Name: 'Craig Hollins',
  adult1Relationship: 'Father',
  adult1Perpetrator: 'yes',
  childSafeNow: 'not_known',
  schoolName: 'Grays Riverside Academy',
  interpreter: 'no',
  ...change,
})

describe("the partner's contact records the same details, seen only by their agency", () => {
  it('shows them on the check-answers page and on the partner’s own contact page', async () => {
    const b = await signedIn('police')
    const check = await b.post(
      '/partner/contacts/new',
      { ...partnerFields(), step: 'check' },
      '/partner/contacts/new',
    )
    expect(check.statusCode).toBe(200)
    const checkText = pageText(check.body)
    expect(checkText).toContain('Craig Hollins (Father): alleged perpetrator')
    expect(checkText).toContain('Is the child safe now Not known')
    expect(checkText).toContain('School Grays Riverside Academy')
    // The adults and details are carried through to the send.
    expect(check.body).toContain('name="adult1Name" value="Craig Hollins"')
    expect(check.body).toContain('name="childSafeNow" value="not_known"')
    const key = /name="_submission" value="([^"]+)"/.exec(check.body)?.[1] ?? ''
    const sent = await b.postWithToken(
      '/partner/contacts/new',
      { ...partnerFields(), step: 'save', _submission: key },
      csrfFrom(check.body),
    )
    expect(sent.statusCode).toBe(303)
    const contactId = Number(/\/partner\/contacts\/(\d+)/.exec(String(sent.headers.location))?.[1])
    const own = await b.get(`/partner/contacts/${contactId}`)
    expect(pageText(own.body)).toContain('Craig Hollins (Father) Alleged perpetrator')
  })

  it('refuses a partner who names an adult’s record, and hides the details from another agency', async () => {
    const b = await signedIn('police')
    const { mother } = await childAndMother('Pennock')
    const named = await b.post(
      '/partner/contacts/new',
      { ...partnerFields({ adult1PersonId: String(mother) }), step: 'save' },
      '/partner/contacts/new',
    )
    // The record's id is dropped from a partner's answers: the adult is saved in words only.
    expect(named.statusCode).toBe(303)
    const madeId = Number(/\/partner\/contacts\/(\d+)/.exec(String(named.headers.location))?.[1])
    const adult = await db()
      .selectFrom('contact_adult')
      .select('person_id')
      .where('contact_id', '=', madeId)
      .executeTakeFirstOrThrow()
    expect(adult.person_id).toBeNull()

    // Another agency's contact, with its adults, is answered as if it did not exist.
    const { id: clinic } = await db()
      .insertInto('agency')
      .values({ name: 'Tilbury Health Visiting', kind: 'health', referral_source: '3A' })
      .returning('id')
      .executeTakeFirstOrThrow()
    await db()
      .insertInto('app_user')
      .values({
        username: 'hv.tilbury',
        display_name: 'Ros Kemble',
        role: 'partner_practitioner',
        agency_id: clinic,
      })
      .execute()
    const { actor, ctx } = await actingAs(db(), 'hv.tilbury')
    const { contactId } = await recordContact(
      { db: db(), clock },
      actor,
      {
        details: contactDetailsSchema.parse({
          channel: 'partner_form',
          referralSource: '3A',
          referrerName: 'Ros Kemble',
          reason: 'Baby seen with a bruise on a home visit.',
          consent: 'given',
        }),
        receivedAt: new Date('2026-11-10T09:00:00Z'),
        childIds: [],
        described: [{ name: 'Baby Kemp', birth: null, address: null }],
        adults: [{ name: 'Shane Kemp', relationship: 'Father', allegedPerpetrator: true, personId: null }],
      },
      ctx,
    )
    const other = await b.get(`/partner/contacts/${contactId}`)
    expect(other.statusCode).toBe(404)
    expect(other.body).not.toContain('Shane Kemp')
  })
})

describe('a create form sent twice shows the record already made', () => {
  it('the police officer’s contact: Back, then Send again', async () => {
    const b = await signedIn('police')
    const form = await b.get('/partner/contacts/new')
    const key = /name="_submission" value="([^"]+)"/.exec(form.body)?.[1] ?? ''
    expect(key).toMatch(/^[A-Za-z0-9_-]{22,64}$/)
    const csrf = csrfFrom(form.body)
    // The key made on the form's page is carried through the check-answers page.
    const check = await b.postWithToken(
      '/partner/contacts/new',
      { ...partnerFields(), step: 'check', _submission: key },
      csrf,
    )
    expect(check.body).toContain(`name="_submission" value="${key}"`)
    const before = await count('contact')
    const first = await b.postWithToken(
      '/partner/contacts/new',
      { ...partnerFields(), step: 'save', _submission: key },
      csrf,
    )
    expect(first.statusCode).toBe(303)
    expect(await count('contact')).toBe(before + 1)
    const contactId = Number(/\/partner\/contacts\/(\d+)/.exec(String(first.headers.location))?.[1])
    // The Back button shows the check-answers page again; sending it again makes nothing new.
    const again = await b.postWithToken(
      '/partner/contacts/new',
      { ...partnerFields(), step: 'save', _submission: key },
      csrf,
    )
    expect(again.statusCode).toBe(303)
    expect(again.headers.location).toBe(`/forms/sent?key=${key}`)
    expect(await count('contact')).toBe(before + 1)
    const shown = await b.get(String(again.headers.location))
    expect(shown.statusCode).toBe(200)
    expect(pageText(shown.body)).toContain('This contact was already sent')
    expect(shown.body).toContain(`href="/partner/contacts/${contactId}"`)
    // The page is the sender's own: nobody else can read it.
    const other = await signedIn('screener')
    expect((await other.get(String(again.headers.location))).statusCode).toBe(404)
  })

  it('the screener’s contact: an error keeps the key usable, and a second send shows the first', async () => {
    const { child } = await childAndMother('Tarrant')
    const b = await signedIn('screener')
    const form = await b.get('/contacts/new')
    const key = /name="_submission" value="([^"]+)"/.exec(form.body)?.[1] ?? ''
    const csrf = csrfFrom(form.body)
    const fields = (extra: [string, string][]) =>
      new URLSearchParams([['_csrf', csrf], ['_submission', key], ...screenerFields(child), ...extra])
    const post = (extra: [string, string][]) =>
      t.app.inject({
        method: 'POST',
        url: '/contacts/new',
        headers: { cookie: b.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: fields(extra).toString(),
      })
    const before = await count('contact')
    const wrong = await post([
      ['childSafeNow', 'no'],
      ['step', 'save'],
    ])
    expect(wrong.statusCode).toBe(400)
    expect(wrong.body).toContain(`name="_submission" value="${key}"`)
    const first = await post([
      ['childSafeNow', 'not_known'],
      ['step', 'save'],
    ])
    expect(first.statusCode).toBe(303)
    const again = await post([
      ['childSafeNow', 'not_known'],
      ['step', 'save'],
    ])
    expect(again.headers.location).toBe(`/forms/sent?key=${key}`)
    expect(await count('contact')).toBe(before + 1)
    const shown = await b.get(String(again.headers.location))
    expect(shown.body).toContain(String(first.headers.location))
  })

  it('adding a person: the same key twice makes one record', async () => {
    const b = await signedIn('screener')
    const form = await b.get('/people/new')
    const key = /name="_submission" value="([^"]+)"/.exec(form.body)?.[1] ?? ''
    const csrf = csrfFrom(form.body)
    const child = {
      kind: 'child',
      givenName: 'Orla',
      familyName: 'Whitcombe',
      'dateOfBirth-day': '2',
      'dateOfBirth-month': '2',
      'dateOfBirth-year': '2020',
      sex: 'F',
      upnUnknownReason: 'UN6',
      step: 'save',
      _submission: key,
    }
    const before = await count('person')
    const first = await b.postWithToken('/people/new', child, csrf)
    expect(first.statusCode, pageText(first.body)).toBe(303)
    const again = await b.postWithToken('/people/new', child, csrf)
    expect(again.headers.location).toBe(`/forms/sent?key=${key}`)
    expect(await count('person')).toBe(before + 1)
    expect(pageText((await b.get(String(again.headers.location))).body)).toContain(
      'This child’s record was already added',
    )
  })
})

describe('finding the child a contact describes', () => {
  it('searches with every field, adds the record filled from the contact, and comes back to link it', async () => {
    const police = await signedIn('police')
    const sent = await police.post(
      '/partner/contacts/new',
      {
        ...partnerFields({
          child1Name: 'Poppy Marchetti',
          child1Birth: '14 3 2019',
          child1Address: '9 Quay Lane, Tilbury RM18 7AB',
        }),
        step: 'save',
      },
      '/partner/contacts/new',
    )
    const contactId = Number(/\/partner\/contacts\/(\d+)/.exec(String(sent.headers.location))?.[1])
    const cc = await db()
      .selectFrom('contact_child')
      .select('id')
      .where('contact_id', '=', contactId)
      .executeTakeFirstOrThrow()
    const page = `/contacts/${contactId}/children/${cc.id}`
    const b = await signedIn('screener')
    const triage = await b.get(page)
    // The search starts from what the contact says: name, date of birth and postcode.
    expect(triage.body).toContain('value="Poppy Marchetti"')
    expect(triage.body).toMatch(
      /id="dateOfBirth-year" name="dateOfBirth-year" type="text" value="2019"|name="dateOfBirth-year"[^>]*value="2019"/,
    )
    expect(triage.body).toContain('value="RM18 7AB"')
    const none = await b.post(
      `${page}/find`,
      {
        childQuery: '',
        'dateOfBirth-day': '14',
        'dateOfBirth-month': '3',
        'dateOfBirth-year': '2019',
        postcode: 'RM18 7AB',
        identifier: '',
      },
      page,
    )
    expect(none.statusCode).toBe(200)
    expect(pageText(none.body)).toContain('0 records found')
    const bad = await b.post(
      `${page}/find`,
      { childQuery: '', 'dateOfBirth-day': '31', 'dateOfBirth-month': '2', 'dateOfBirth-year': '2019' },
      page,
    )
    expect(bad.statusCode).toBe(400)
    expect(bad.body).toContain('Date of birth must be a real date')
    expect(bad.body).toContain('href="#dateOfBirth-day"')

    // "Add the child's record" opens the new record filled from the contact.
    const href = /href="(\/people\/new\?[^"]+)" data-testid="add-child-record"/.exec(triage.body)?.[1]
    expect(href).toBeDefined()
    const form = await b.get((href ?? '').replace(/&amp;/g, '&'))
    expect(form.statusCode).toBe(200)
    for (const v of [
      'value="Poppy"',
      'value="Marchetti"',
      'value="2019"',
      'value="9 Quay Lane, Tilbury"',
      'value="RM18 7AB"',
    ])
      expect(form.body, v).toContain(v)
    expect(form.body).toContain(`name="returnTo" value="${page}"`)
    const key = /name="_submission" value="([^"]+)"/.exec(form.body)?.[1] ?? ''
    const saved = await b.postWithToken(
      '/people/new',
      {
        kind: 'child',
        givenName: 'Poppy',
        familyName: 'Marchetti',
        'dateOfBirth-day': '14',
        'dateOfBirth-month': '3',
        'dateOfBirth-year': '2019',
        sex: 'F',
        upnUnknownReason: 'UN6',
        addressLine1: '9 Quay Lane',
        addressTown: 'Tilbury',
        postcode: 'RM18 7AB',
        returnTo: page,
        step: 'save',
        _submission: key,
      },
      csrfFrom(form.body),
    )
    expect(saved.statusCode, pageText(saved.body)).toBe(303)
    const back = String(saved.headers.location)
    expect(back).toMatch(new RegExp(`^${page}\\?childId=\\d+$`))
    const childId = Number(back.split('=')[1])
    const returned = await b.get(back)
    expect(returned.statusCode).toBe(200)
    expect(returned.body).toContain('data-testid="child-added"')
    expect(returned.body).toContain(`name="childId" value="${childId}"`)
    const linked = await b.post(`${page}/link`, { childId: String(childId) }, back)
    expect(linked.statusCode).toBe(303)
    const row = await db()
      .selectFrom('contact_child')
      .select(['status', 'child_id'])
      .where('id', '=', cc.id)
      .executeTakeFirstOrThrow()
    expect(row.status).toBe('in_triage')
    expect(Number(row.child_id)).toBe(childId)
  })

  it('never returns to another site after adding a record', async () => {
    const b = await signedIn('screener')
    const form = await b.get('/people/new?returnTo=//evil.example/x&givenName=A')
    expect(form.body).not.toContain('name="returnTo" value="//evil')
    expect(form.body).toContain('value="A"')
  })
})
