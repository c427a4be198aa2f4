/**
 * The people tables' own rules (checked by the database whoever writes), the record page's
 * people sections, and unborn children; on PGlite and, with DATABASE_URL, on PostgreSQL.
 */
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Browser, openTestApp, type TestApp } from '../support/web.js'

let t: TestApp
beforeAll(async () => {
  t = await openTestApp()
})
afterAll(async () => t.close())

const db = () => t.database.db

async function newPerson(values: Record<string, unknown> = {}): Promise<number> {
  const row = await db()
    .insertInto('person')
    .values({ kind: 'child', given_name: 'Test', family_name: 'Person', ...values })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** Runs `write` in a transaction that is always rolled back; returns the error, if any. */
async function failure(write: (trx: typeof t.database.db) => Promise<unknown>): Promise<string | null> {
  try {
    await db()
      .transaction()
      .execute(async (trx) => {
        await write(trx)
        throw new Error('rolled back')
      })
  } catch (err) {
    const message = (err as Error).message
    return message === 'rolled back' ? null : message
  }
  return null
}

describe('the database refuses what the forms refuse', () => {
  it.each<[string, Record<string, unknown>, boolean]>([
    ['a DfE ethnicity code', { ethnicity: 'WBRI' }, true],
    ['an unknown ethnicity code', { ethnicity: 'WHITE' }, false],
    ['disabilities from the list', { disabilities: ['HEAR', 'VIS'] }, true],
    ['a disability not on the list', { disabilities: ['HEAR', 'XYZ'] }, false],
    ['no disability, alone', { disabilities: ['NONE'] }, true],
    ['no disability with another', { disabilities: ['NONE', 'HEAR'] }, false],
    ['a UPN-unknown reason', { upn_unknown_reason: 'UN7' }, true],
    ['an unknown UPN-unknown reason', { upn_unknown_reason: 'UN8' }, false],
    ['a UPN and a reason together', { upn: 'D823200012501', upn_unknown_reason: 'UN2' }, false],
    ['an NHS number of ten digits', { nhs_number: '9434765919' }, true],
    ['an NHS number with spaces', { nhs_number: '943 476 5919' }, false],
    ['a death after birth', { date_of_birth: '2020-01-01', date_of_death: '2021-01-01' }, true],
    ['a death before birth', { date_of_birth: '2020-01-01', date_of_death: '2019-01-01' }, false],
    ['an unborn child with a date of birth', { kind: 'unborn', date_of_birth: '2020-01-01' }, false],
  ])('%s: accepted %s', async (_case, values, accepted) => {
    const error = await failure((trx) =>
      trx
        .insertInto('person')
        .values({ kind: 'child', given_name: 'Check', family_name: 'Rule', ...values })
        .execute(),
    )
    expect(error === null).toBe(accepted)
  })

  it('reads disabilities back as a list on both drivers', async () => {
    const id = await newPerson({ disabilities: ['AUT', 'COMM'] })
    const row = await db()
      .selectFrom('person')
      .select('disabilities')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(row.disabilities).toEqual(['AUT', 'COMM'])
  })

  it('allows one current address, any number of past ones', async () => {
    const id = await newPerson()
    const address = (from: string, to: string | null, q = db()) =>
      q
        .insertInto('person_address')
        .values({ person_id: id, line_1: 'Somewhere', postcode: 'RM17 6SL', from_date: from, to_date: to })
        .execute()
    await address('2020-01-01', '2021-01-01')
    await address('2021-01-01', '2022-06-30')
    await address('2022-07-01', null)
    expect(await failure((trx) => address('2023-01-01', null, trx))).toMatch(/person_address_one_current/)
    expect(await failure((trx) => address('2023-01-01', '2022-01-01', trx))).not.toBeNull()
  })

  it('refuses a relationship to oneself and an unknown relationship type', async () => {
    const a = await newPerson()
    const b = await newPerson()
    const rel = (person: number, related: number, type: string) => (q: typeof t.database.db) =>
      q
        .insertInto('person_relationship')
        .values({ person_id: person, related_person_id: related, relationship_type: type })
        .execute()
    expect(await failure(rel(a, a, 'sibling'))).not.toBeNull()
    expect(await failure(rel(a, b, 'best_friend'))).not.toBeNull()
    expect(await failure(rel(a, b, 'sibling'))).toBeNull()
  })

  it('keeps soft deletion honest: a deletion needs its reason', async () => {
    const id = await newPerson()
    expect(
      await failure((trx) =>
        trx
          .insertInto('person_name')
          .values({ person_id: id, kind: 'alias', given_name: 'A', family_name: 'B', deleted_at: new Date() })
          .execute(),
      ),
    ).not.toBeNull()
  })

  it('keeps name keys current when a name is corrected', async () => {
    const id = await newPerson({ given_name: 'Jon', family_name: 'Smyth' })
    await db().updateTable('person').set({ given_name: 'Jöhn' }).where('id', '=', id).execute()
    const row = await db()
      .selectFrom('person')
      .select(['given_key', 'family_sound'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ given_key: 'john', family_sound: 'smt' })
    const { rows } = await sql<{
      n: number
    }>`select count(*)::int as n from person where family_sound = haven_name_sound('Smith') and id = ${id}`.execute(
      db(),
    )
    expect(rows[0]?.n).toBe(1)
  })
})

describe("the child's record page", () => {
  it('shows other names, address history and family and household, both ways round', async () => {
    const b = new Browser(t.app)
    await b.signIn('screener')
    const child = await newPerson({
      given_name: 'Rosa',
      family_name: 'Lindqvist',
      date_of_birth: '2017-05-01',
    })
    const mother = await newPerson({ kind: 'adult', given_name: 'Karin', family_name: 'Lindqvist' })
    const brother = await newPerson({ given_name: 'Olle', family_name: 'Lindqvist' })
    await db()
      .insertInto('person_relationship')
      .values([
        { person_id: mother, related_person_id: child, relationship_type: 'mother', household_member: true },
        {
          person_id: child,
          related_person_id: brother,
          relationship_type: 'sibling',
          household_member: false,
        },
      ])
      .execute()
    await db()
      .insertInto('person_address')
      .values([
        {
          person_id: child,
          line_1: '1 Old Road',
          postcode: 'RM16 2AA',
          from_date: '2017-05-01',
          to_date: '2022-01-31',
        },
        { person_id: child, line_1: '2 New Road', postcode: 'RM17 6SL', from_date: '2022-02-01' },
      ])
      .execute()
    await db()
      .insertInto('person_name')
      .values({ person_id: child, kind: 'birth', given_name: 'Rosa', family_name: 'Berg' })
      .execute()

    const res = await b.get(`/children/${child}`)
    expect(res.statusCode).toBe(200)
    expect(res.body).toMatch(/data-testid="other-names"[\s\S]*Rosa Berg[\s\S]*name at birth/)
    expect(res.body).toMatch(/2 New Road[\s\S]*Current[\s\S]*1 Old Road[\s\S]*31 January 2022/)
    expect(res.body).toContain('Karin Lindqvist: mother (lives in the household)')
    expect(res.body).toContain('Olle Lindqvist: this child is their brother or sister')

    // The search finds Rosa by her name at birth and by her old postcode.
    expect((await b.get('/people/search?name=Rosa+Berg')).body).toContain(`/children/${child}"`)
    expect((await b.get('/people/search?postcode=RM16+2AA')).body).toContain(`/children/${child}"`)
  })
})

describe('an unborn child', () => {
  it('is added with an expected date of birth and sex not known', async () => {
    const b = new Browser(t.app)
    await b.signIn('mash.sw')
    const next = new Date()
    next.setUTCMonth(next.getUTCMonth() + 3)
    const form = {
      kind: 'unborn',
      givenName: 'Baby',
      familyName: 'Fairweather',
      'expectedDate-day': String(next.getUTCDate()),
      'expectedDate-month': String(next.getUTCMonth() + 1),
      'expectedDate-year': String(next.getUTCFullYear()),
      sex: 'U',
      step: 'save',
    }
    const res = await b.post('/people/new', form, '/people/new')
    expect(res.statusCode).toBe(303)
    const id = Number(res.headers.location?.toString().split('/').pop())
    const person = await db().selectFrom('person').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    expect(person).toMatchObject({
      kind: 'unborn',
      date_of_birth: null,
      sex: 'U',
      upn: null,
      upn_unknown_reason: null,
    })
    const event = await db()
      .selectFrom('case_event')
      .select('summary')
      .where('child_id', '=', id)
      .executeTakeFirstOrThrow()
    expect(event.summary).toBe('Record created for an unborn child')

    const female = await b.post('/people/new', { ...form, sex: 'F' }, '/people/new')
    expect(female.statusCode).toBe(400)
    expect(female.body).toContain('href="#sex"')
  })

  it('reads only the date asked under the answer to “Is the child born?”', async () => {
    const b = new Browser(t.app)
    await b.signIn('mash.sw')
    // Without JavaScript both dates are on the page, each under its answer: a date of birth left
    // under "Yes" when "No, the child is unborn" is chosen is neither refused nor saved.
    const next = new Date()
    next.setUTCMonth(next.getUTCMonth() + 2)
    const res = await b.post(
      '/people/new',
      {
        kind: 'unborn',
        givenName: 'Baby',
        familyName: 'Harrowgate',
        'dateOfBirth-day': '31',
        'dateOfBirth-month': '2',
        'dateOfBirth-year': 'not a year',
        'expectedDate-day': String(next.getUTCDate()),
        'expectedDate-month': String(next.getUTCMonth() + 1),
        'expectedDate-year': String(next.getUTCFullYear()),
        sex: 'U',
        step: 'save',
      },
      '/people/new',
    )
    expect(res.statusCode).toBe(303)
    const id = Number(res.headers.location?.toString().split('/').pop())
    const person = await db().selectFrom('person').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    expect([person.kind, person.date_of_birth]).toEqual(['unborn', null])

    // With "Yes" chosen and no date of birth, the form comes back with "Yes" still chosen, so the
    // date of birth is shown (revealed) with its error.
    const missing = await b.post(
      '/people/new',
      { kind: 'child', givenName: 'Tess', familyName: 'Harrowgate', sex: 'F', step: 'check' },
      '/people/new',
    )
    expect(missing.statusCode).toBe(400)
    expect(missing.body).toContain('href="#dateOfBirth-day"')
    expect(missing.body).toMatch(/value="child" checked data-aria-controls="conditional-kind"/)
    expect(missing.body).toMatch(
      /<div class="govuk-radios__conditional" id="conditional-kind">\s*<div class="govuk-form-group govuk-form-group--error">/,
    )
    expect(missing.body).toMatch(
      /class="govuk-radios__conditional govuk-radios__conditional--hidden" id="conditional-kind-2"/,
    )
  })
})

describe('likely matches', () => {
  it('offers a restricted child by name only, and audits the check', async () => {
    const restricted = await db()
      .selectFrom('person')
      .select(['id', 'given_name', 'family_name', 'date_of_birth'])
      .where('restricted', '=', true)
      .orderBy('id')
      .executeTakeFirstOrThrow()
    const [y, m, d] = (restricted.date_of_birth ?? '').split('-')
    const b = new Browser(t.app)
    await b.signIn('screener')
    const res = await b.post(
      '/people/new',
      {
        kind: 'child',
        givenName: restricted.given_name,
        familyName: restricted.family_name,
        'dateOfBirth-day': String(Number(d)),
        'dateOfBirth-month': String(Number(m)),
        'dateOfBirth-year': y ?? '',
        sex: 'U',
        upnUnknownReason: 'UN6',
      },
      '/people/new',
    )
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('a restricted record')
    expect(res.body).not.toContain(`/children/${restricted.id}"`)
    const audit = await db()
      .selectFrom('audit_event')
      .select('detail')
      .where('action', '=', 'child.search')
      .where('username', '=', 'screener')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    expect(audit.detail).toMatchObject({ purpose: 'duplicate_check' })
    expect((audit.detail as { shown: number[] }).shown).toContain(restricted.id)
  })
})
