import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { nameKey, soundKey } from '../../src/modules/people/matching.js'
import { Browser, openTestApp, type TestApp } from '../support/web.js'

let t: TestApp
beforeAll(async () => {
  t = await openTestApp()
})
afterAll(async () => t.close())

const db = () => t.database.db

/** A complete, valid new child; each test changes what it needs. */
const child = (change: Record<string, string> = {}): Record<string, string> => ({
  kind: 'child',
  givenName: 'Zoë',
  familyName: "O'Hara-Quinn",
  'dateOfBirth-day': '4',
  'dateOfBirth-month': '3',
  'dateOfBirth-year': '2019',
  sex: 'F',
  ethnicity: 'WIRI',
  nhsNumber: '943 476 5919',
  upn: 'D823200012501',
  addressLine1: '12 Example Close',
  addressTown: 'Grays',
  postcode: 'rm17 6sl',
  otherNameKind: 'known_as',
  otherGivenName: 'Zoe',
  otherFamilyName: 'Quinn',
  ...change,
})

const counts = async () => {
  const [p, n, a, e] = await Promise.all(
    (['person', 'person_name', 'person_address', 'case_event'] as const).map((table) =>
      db()
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ),
  )
  return [p, n, a, e].map((r) => Number(r?.n))
}

async function signedIn(username: string): Promise<Browser> {
  const b = new Browser(t.app)
  const res = await b.signIn(username)
  expect(res.statusCode).toBe(303)
  return b
}

describe('name keys in SQL and TypeScript', () => {
  it.each([
    "O'Brien",
    'Smith-Jones',
    'Zoë',
    'ŁUKASZ',
    'Ngozi Adébáyọ̀',
    'Catherine',
    'Mohammed',
    'Philippa',
    'Ævar',
  ])('%s gets the same keys from both', async (name) => {
    const { rows } = await sql<{
      k: string
      s: string
    }>`select haven_name_key(${name}) as k, haven_name_sound(${name}) as s`.execute(db())
    expect(rows[0]).toEqual({ k: nameKey(name), s: soundKey(name) })
  })
})

describe('adding a child', () => {
  it('shows check answers first, then saves the child, their names, address, event and audit', async () => {
    const b = await signedIn('screener')
    const before = await counts()
    const check = await b.post('/people/new', child(), '/people/new')
    expect(check.statusCode).toBe(200)
    expect(check.body).toContain('Check your answers')
    expect(check.body).toContain('943 476 5919'.replace(/ /g, ''))
    expect(await counts()).toEqual(before) // nothing saved yet

    const saved = await b.post('/people/new', { ...child(), step: 'save' }, '/people/new')
    expect(saved.statusCode).toBe(303)
    const id = Number(saved.headers.location?.toString().replace('/children/', ''))
    expect(id).toBeGreaterThan(0)
    const person = await db().selectFrom('person').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    expect(person).toMatchObject({
      kind: 'child',
      given_name: 'Zoë',
      family_name: "O'Hara-Quinn",
      date_of_birth: '2019-03-04',
      sex: 'F',
      ethnicity: 'WIRI',
      nhs_number: '9434765919',
      upn: 'D823200012501',
      upn_unknown_reason: null,
      disabilities: [],
      given_key: 'zoe',
      family_key: 'oharaquinn',
      la_child_id: `C${String(id).padStart(7, '0')}`,
    })
    const address = await db().selectFrom('person_address').selectAll().where('person_id', '=', id).execute()
    expect(address).toMatchObject([{ line_1: '12 Example Close', postcode: 'RM17 6SL', to_date: null }])
    const names = await db().selectFrom('person_name').selectAll().where('person_id', '=', id).execute()
    expect(names).toMatchObject([{ kind: 'known_as', given_name: 'Zoe', family_name: 'Quinn' }])
    const events = await db().selectFrom('case_event').selectAll().where('child_id', '=', id).execute()
    expect(events).toMatchObject([{ type: 'person.created', subject_type: 'person' }])
    const audit = await db()
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'child.create')
      .where('child_id', '=', id)
      .execute()
    expect(audit).toHaveLength(1)
    expect(audit[0]?.username).toBe('screener')

    const page = await b.get(`/children/${id}`)
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('943 476 5919')
    expect(page.body).toContain('D823200012501')
    expect(page.body).toContain('White Irish')
    expect(page.body).toContain('Zoe Quinn')
    expect(page.body).toContain('RM17 6SL')
    expect(page.body).toContain('Record created')
  })

  it('shows the existing child as a likely match before a second record is made', async () => {
    const b = await signedIn('screener')
    const res = await b.post(
      '/people/new',
      child({ givenName: 'Zoe', familyName: 'OHara Quinn', nhsNumber: '', upn: '', upnUnknownReason: 'UN2' }),
      '/people/new',
    )
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('Check this child is not already known')
    expect(res.body).toMatch(/data-testid="likely-matches"[\s\S]*Zoë O&#39;Hara-Quinn/)
  })

  it('refuses a second live record with the same NHS number, saving nothing', async () => {
    const b = await signedIn('screener')
    const before = await counts()
    const res = await b.post(
      '/people/new',
      { ...child({ upn: '', upnUnknownReason: 'UN3' }), step: 'save' },
      '/people/new',
    )
    expect(res.statusCode).toBe(409)
    expect(res.body).toContain('href="#nhsNumber"')
    expect(await counts()).toEqual(before)
  })

  it.each<[string, Record<string, string>, string]>([
    ['an NHS number that fails its check', { nhsNumber: '943 476 5918' }, 'nhsNumber'],
    ['a UPN with the wrong check letter', { upn: 'E823200012501' }, 'upn'],
    [
      'a date of birth in the future',
      { 'dateOfBirth-year': String(new Date().getFullYear() + 1) },
      'dateOfBirth-day',
    ],
    [
      'a date of birth more than 25 years ago',
      { 'dateOfBirth-year': String(new Date().getFullYear() - 26) },
      'dateOfBirth-day',
    ],
    ['an ethnicity not on the DfE list', { ethnicity: 'XXXX' }, 'ethnicity'],
    ['a sex code the DfE does not use', { sex: '9' }, 'sex'],
    ['an oversized first name', { givenName: 'A'.repeat(5000) }, 'givenName'],
    ['a UPN-unknown reason that does not exist', { upn: '', upnUnknownReason: 'UN9' }, 'upnUnknownReason'],
  ])(
    '%s: 400, an error summary linking to the field, answers kept, nothing saved',
    async (_case, change, href) => {
      const b = await signedIn('screener')
      const before = await counts()
      for (const step of ['check', 'save']) {
        const res = await b.post('/people/new', { ...child(change), step }, '/people/new')
        expect(res.statusCode).toBe(400)
        expect(res.body).toContain('govuk-error-summary')
        expect(res.body).toContain(`href="#${href}"`)
        expect(res.body).toContain('<title>Error: Add a child')
        expect(res.body).toContain('value="12 Example Close"')
      }
      expect(await counts()).toEqual(before)
    },
  )

  it('refuses a form without its CSRF token, and people who may not search', async () => {
    const b = await signedIn('screener')
    await b.get('/people/new')
    expect((await b.postWithToken('/people/new', child(), undefined)).statusCode).toBe(403)
    const police = await signedIn('police')
    expect((await police.get('/people/new')).statusCode).toBe(403)
  })
})

describe('searching', () => {
  let restrictedId: number
  let restrictedName: string
  beforeAll(async () => {
    const r = await db()
      .selectFrom('person')
      .select(['id', 'given_name', 'family_name'])
      .where('restricted', '=', true)
      .orderBy('id')
      .executeTakeFirstOrThrow()
    restrictedId = r.id
    restrictedName = `${r.given_name} ${r.family_name}`
  })

  const lastSearchAudit = async (username: string) =>
    db()
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'child.search')
      .where('username', '=', username)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()

  it('finds a child by spelling variants, transposed names and other names', async () => {
    const b = await signedIn('screener')
    for (const q of [
      'Zoe OHara-Quinn',
      'zoë o hara quinn',
      "O'Hara-Quinn Zoe",
      'Zoe Quin',
      'Zoe Quinn',
      'oharaquinn',
    ]) {
      const res = await b.get(`/people/search?name=${encodeURIComponent(q)}`)
      expect(res.statusCode, q).toBe(200)
      expect(res.body, q).toContain('Zoë O&#39;Hara-Quinn')
    }
    const none = await b.get('/people/search?name=Nobody+Atall')
    expect(none.body).toContain('0 children found')
    // The title says what was found, so it is the first thing a screen reader announces.
    expect(none.body).toMatch(/<title>0 children found – Search for a child – Haven/)
    const one = await b.get('/people/search?name=Zoe+Quinn')
    expect(one.body).toMatch(/<title>1 child found – Search for a child – Haven/)
    const form = await b.get('/people/search')
    expect(form.body).toMatch(/<title>Search for a child – Haven/)
    expect(none.body).not.toContain('Hara-Quinn')
  })

  it('finds by date of birth, postcode (full or district) and each identifier', async () => {
    const b = await signedIn('screener')
    for (const q of [
      'dateOfBirth-day=4&dateOfBirth-month=3&dateOfBirth-year=2019',
      'postcode=RM17+6SL',
      'postcode=rm17',
      'identifier=943+476+5919',
      'identifier=d823200012501',
    ]) {
      const res = await b.get(`/people/search?${q}`)
      expect(res.statusCode, q).toBe(200)
      expect(res.body, q).toContain('Hara-Quinn')
    }
    const wrong = await b.get('/people/search?postcode=RM18+6SL')
    expect(wrong.body).not.toContain('Hara-Quinn')
  })

  it('asks for something to search for, and rejects a bad date', async () => {
    const b = await signedIn('screener')
    const empty = await b.get('/people/search?search=1&name=')
    expect(empty.statusCode).toBe(400)
    expect(empty.body).toContain('href="#name"')
    const bad = await b.get('/people/search?dateOfBirth-day=31&dateOfBirth-month=2&dateOfBirth-year=2020')
    expect(bad.statusCode).toBe(400)
    expect(bad.body).toContain('href="#dateOfBirth-day"')
  })

  it('shows a restricted child by name only, with no link, to someone without access, and audits what it showed', async () => {
    const b = await signedIn('screener')
    const res = await b.get(`/people/search?name=${encodeURIComponent(restrictedName)}`)
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('data-testid="name-only"')
    expect(res.body).not.toContain(`/children/${restrictedId}"`)
    const audit = await lastSearchAudit('screener')
    expect(audit.detail).toMatchObject({ nameOnly: [restrictedId] })
    expect((audit.detail as { shown: number[] }).shown).toContain(restrictedId)
  })

  it('shows the restricted child in full to the worker allocated to them', async () => {
    const grant = await db()
      .selectFrom('child_access as a')
      .innerJoin('app_user as u', 'u.id', 'a.user_id')
      .select('u.username')
      .where('a.child_id', '=', restrictedId)
      .where('a.basis', '=', 'allocated_worker')
      .where('a.revoked_at', 'is', null)
      .executeTakeFirst()
    if (!grant) return expect.fail('the demo authority allocates its restricted children')
    const b = await signedIn(grant.username)
    const res = await b.get(`/people/search?name=${encodeURIComponent(restrictedName)}`)
    expect(res.body).toContain(`/children/${restrictedId}"`)
    expect(res.body).not.toContain('data-testid="name-only"')
    const audit = await lastSearchAudit(grant.username)
    expect(audit.detail).toMatchObject({ nameOnly: [] })
  })

  it('never gives a social worker a link to a child outside their work', async () => {
    const b = await signedIn('social.worker')
    const res = await b.get('/people/search?name=Zoe+OHara-Quinn')
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('You cannot open this record')
    expect(res.body).toContain('4 March 2019') // enough to tell children apart
    expect(res.body).not.toContain('RM17 6SL') // but not where the child lives
    expect(res.body).not.toMatch(/href="\/children\/\d+">Zoë/)
  })

  it('keeps partner-agency practitioners out of search: they see only children shared with them', async () => {
    const b = await signedIn('police')
    const res = await b.get('/people/search?name=Smith')
    expect(res.statusCode).toBe(403)
    const home = await b.get('/')
    expect(home.body).not.toContain('href="/people/search"')
  })
})
