/**
 * Changing a child's record through the pages: details and identifiers, addresses with their
 * history, family and household, other names, the birth of an unborn child on the same record,
 * and alerts; each with its case event and audit row, refused without `child.edit` on the child.
 * On PGlite and, with DATABASE_URL, on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addCalendarDays, londonToday } from '../../src/platform/calendar/dates.js'
import { Browser, openTestApp, type TestApp } from '../support/web.js'

let t: TestApp
let childId: number
let otherChildId: number
let sw: Browser
beforeAll(async () => {
  t = await openTestApp()
  const user = await db()
    .selectFrom('app_user')
    .select('id')
    .where('username', '=', 'social.worker')
    .executeTakeFirstOrThrow()
  const allocated = await db()
    .selectFrom('child_access as a')
    .innerJoin('person as p', 'p.id', 'a.child_id')
    .select('a.child_id')
    .where('a.user_id', '=', user.id)
    .where('a.basis', '=', 'allocated_worker')
    .where('a.revoked_at', 'is', null)
    .where('p.restricted', '=', false)
    .orderBy('a.child_id')
    .execute()
  childId = allocated[0]?.child_id as number
  // A child allocated to someone else: social.worker has no link to them.
  const notMine = await db()
    .selectFrom('person')
    .select('id')
    .where('kind', '=', 'child')
    .where('restricted', '=', false)
    .where(
      'id',
      'not in',
      db()
        .selectFrom('child_access')
        .select('child_id')
        .where('revoked_at', 'is', null)
        .where((eb) =>
          eb.or([
            eb('user_id', '=', user.id),
            eb('team_id', '=', eb.selectFrom('app_user').select('team_id').where('id', '=', user.id)),
          ]),
        ),
    )
    .orderBy('id')
    .executeTakeFirstOrThrow()
  otherChildId = notMine.id
  sw = new Browser(t.app)
  await sw.signIn('social.worker')
})
afterAll(async () => t.close())

const db = () => t.database.db

async function eventsOf(id: number, type: string) {
  return db()
    .selectFrom('case_event')
    .select(['id', 'summary', 'attributes'])
    .where('child_id', '=', id)
    .where('type', '=', type)
    .orderBy('id')
    .execute()
}

async function editAudits(id: number, change: string) {
  const rows = await db()
    .selectFrom('audit_event')
    .select(['detail', 'outcome', 'basis'])
    .where('child_id', '=', id)
    .where('action', '=', 'child.edit')
    .orderBy('id')
    .execute()
  return rows.filter((r) => (r.detail as { change?: string }).change === change)
}

const today = londonToday()
const [ty, tm, td] = today.split('-').map(Number) as [number, number, number]
const boxes = (name: string, iso: string) => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number]
  return { [`${name}-day`]: String(d), [`${name}-month`]: String(m), [`${name}-year`]: String(y) }
}

describe('changing details and identifiers', () => {
  it('saves names, identity and identifiers, writes person.updated and an audit row', async () => {
    const page = await sw.get(`/children/${childId}/details`)
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('Change details and identifiers')
    const res = await sw.post(
      `/children/${childId}/details`,
      {
        givenName: 'Rowan',
        familyName: 'Ashdown-Vale',
        sex: 'F',
        genderIdentity: '',
        ethnicity: 'WBRI',
        disabilities: 'HEAR',
        firstLanguage: 'Welsh',
        nhsNumber: '943 476 5919',
        upn: '',
        upnUnknownReason: 'UN2',
        formerUpn: '',
      },
      `/children/${childId}/details`,
    )
    expect(res.statusCode).toBe(303)
    expect(res.headers.location).toBe(`/children/${childId}`)
    const p = await db().selectFrom('person').selectAll().where('id', '=', childId).executeTakeFirstOrThrow()
    expect([p.given_name, p.family_name, p.sex, p.ethnicity, p.first_language, p.nhs_number, p.upn]).toEqual([
      'Rowan',
      'Ashdown-Vale',
      'F',
      'WBRI',
      'Welsh',
      '9434765919',
      null,
    ])
    expect(p.disabilities).toEqual(['HEAR'])
    expect(p.upn_unknown_reason).toBe('UN2')
    const events = await eventsOf(childId, 'person.updated')
    expect(events.at(-1)?.summary).toContain('first name')
    expect(events.at(-1)?.summary).toContain('NHS number')
    const audits = await editAudits(childId, 'person.updated')
    expect(audits.at(-1)?.basis).toBe('allocated_worker')
    const record = await sw.get(res.headers.location as string)
    expect(record.body).toContain('Details saved')
    expect(record.body).toContain('943 476 5919')
  })

  it('shows the errors, keeps the answers and saves nothing on a bad NHS number', async () => {
    const before = await db()
      .selectFrom('person')
      .selectAll()
      .where('id', '=', childId)
      .executeTakeFirstOrThrow()
    const res = await sw.post(
      `/children/${childId}/details`,
      {
        givenName: 'Changed',
        familyName: 'Name',
        sex: 'M',
        nhsNumber: '943 476 5918',
        upn: '',
        upnUnknownReason: '',
        disabilities: 'AUT',
      },
      `/children/${childId}/details`,
    )
    expect(res.statusCode).toBe(400)
    expect(res.body).toMatch(/value="AUT" checked/)
    expect(res.body).toContain('govuk-error-summary')
    expect(res.body).toContain('href="#nhsNumber"')
    expect(res.body).toContain('href="#upn"')
    expect(res.body).toContain('value="Changed"')
    const after = await db()
      .selectFrom('person')
      .selectAll()
      .where('id', '=', childId)
      .executeTakeFirstOrThrow()
    expect(after.given_name).toBe(before.given_name)
  })

  it('refuses an NHS number another record has, without saving', async () => {
    const other = await db()
      .selectFrom('person')
      .select('nhs_number')
      .where('id', '=', otherChildId)
      .executeTakeFirstOrThrow()
    const res = await sw.post(
      `/children/${childId}/details`,
      {
        givenName: 'Rowan',
        familyName: 'Ashdown-Vale',
        sex: 'F',
        nhsNumber: other.nhs_number as string,
        upnUnknownReason: 'UN2',
      },
      `/children/${childId}/details`,
    )
    expect(res.statusCode).toBe(409)
    expect(res.body).toContain('Another record already has this NHS number')
  })

  it('refuses someone with no link to the child, and audits the denial', async () => {
    const page = await sw.get(`/children/${otherChildId}/details`)
    expect(page.statusCode).toBe(403)
    const res = await sw.postWithToken(
      `/children/${otherChildId}/addresses/new`,
      {
        addressLine1: '1 Nowhere Lane',
        'fromDate-day': String(td),
        'fromDate-month': String(tm),
        'fromDate-year': String(ty),
      },
      /name="_csrf" value="([^"]+)"/.exec((await sw.get(`/children/${childId}/addresses/new`)).body)?.[1],
    )
    expect(res.statusCode).toBe(403)
    const denied = await db()
      .selectFrom('audit_event')
      .select('action')
      .where('child_id', '=', otherChildId)
      .where('outcome', '=', 'denied')
      .where('action', '=', 'child.edit')
      .execute()
    expect(denied.length).toBeGreaterThanOrEqual(2)
    const addresses = await db()
      .selectFrom('person_address')
      .select('id')
      .where('person_id', '=', otherChildId)
      .where('line_1', '=', '1 Nowhere Lane')
      .execute()
    expect(addresses).toHaveLength(0)
  })

  it('refuses a role without child.edit (a front door screener)', async () => {
    const screener = new Browser(t.app)
    await screener.signIn('screener')
    expect((await screener.get(`/children/${childId}/details`)).statusCode).toBe(403)
  })
})

describe('addresses', () => {
  it('adds a new address, ending the current one the day before and keeping the history', async () => {
    const before = await db()
      .selectFrom('person_address')
      .selectAll()
      .where('person_id', '=', childId)
      .where('to_date', 'is', null)
      .executeTakeFirstOrThrow()
    const res = await sw.post(`/children/${childId}/addresses/new`, {
      addressLine1: '4 Quarry Close',
      addressTown: 'Grays',
      postcode: 'rm176sl',
      'fromDate-day': String(td),
      'fromDate-month': String(tm),
      'fromDate-year': String(ty),
    })
    expect(res.statusCode).toBe(303)
    const rows = await db()
      .selectFrom('person_address')
      .selectAll()
      .where('person_id', '=', childId)
      .orderBy('id')
      .execute()
    const old = rows.find((r) => r.id === before.id)
    const current = rows.filter((r) => r.to_date === null && r.deleted_at === null)
    expect(current).toHaveLength(1)
    expect(current[0]?.line_1).toBe('4 Quarry Close')
    expect(current[0]?.postcode).toBe('RM17 6SL')
    expect(old?.to_date).not.toBeNull()
    expect((old?.to_date as string) <= today).toBe(true)
    expect((await eventsOf(childId, 'address.added')).at(-1)?.summary).toContain('4 Quarry Close')
    expect(await editAudits(childId, 'address.added')).toHaveLength(1)
  })

  it('refuses a move dated before the current address began, with the error on the date', async () => {
    const res = await sw.post(`/children/${childId}/addresses/new`, {
      addressLine1: '9 Early Street',
      'fromDate-day': '1',
      'fromDate-month': '1',
      'fromDate-year': '2001',
    })
    expect(res.statusCode).toBe(409)
    expect(res.body).toContain('href="#fromDate-day"')
    expect(res.body).toContain('value="9 Early Street"')
  })

  it('corrects an address and deletes one with a reason (soft)', async () => {
    const current = await db()
      .selectFrom('person_address')
      .selectAll()
      .where('person_id', '=', childId)
      .where('to_date', 'is', null)
      .where('deleted_at', 'is', null)
      .executeTakeFirstOrThrow()
    const [fy, fm, fd] = current.from_date.split('-')
    const fixed = await sw.post(`/children/${childId}/addresses/${current.id}`, {
      addressLine1: '4 Quarry Close',
      addressLine2: 'Flat 2',
      addressTown: 'Grays',
      postcode: 'RM17 6SL',
      'fromDate-day': fd as string,
      'fromDate-month': fm as string,
      'fromDate-year': fy as string,
    })
    expect(fixed.statusCode).toBe(303)
    const corrected = await db()
      .selectFrom('person_address')
      .selectAll()
      .where('id', '=', current.id)
      .executeTakeFirstOrThrow()
    expect(corrected.line_2).toBe('Flat 2')
    expect(corrected.to_date).toBeNull()

    const noReason = await sw.post(`/children/${childId}/addresses/${current.id}/delete`, { reason: '' })
    expect(noReason.statusCode).toBe(400)
    expect(noReason.body).toContain('href="#reason"')
    const deleted = await sw.post(`/children/${childId}/addresses/${current.id}/delete`, {
      reason: 'Recorded on the wrong child',
    })
    expect(deleted.statusCode).toBe(303)
    const row = await db()
      .selectFrom('person_address')
      .selectAll()
      .where('id', '=', current.id)
      .executeTakeFirstOrThrow()
    expect(row.deleted_reason).toBe('Recorded on the wrong child')
    expect(row.deleted_at).not.toBeNull()
    expect((await sw.get(`/children/${childId}`)).body).not.toContain('Flat 2')
    expect(await editAudits(childId, 'address.deleted')).toHaveLength(1)
  })

  it('a form for an address on another child is not found', async () => {
    const theirs = await db()
      .selectFrom('person_address')
      .select('id')
      .where('person_id', '=', otherChildId)
      .executeTakeFirstOrThrow()
    expect((await sw.get(`/children/${childId}/addresses/${theirs.id}`)).statusCode).toBe(404)
  })
})

describe('family and household', () => {
  it('finds and picks a person already recorded, or adds a new adult inline', async () => {
    const other = await db()
      .selectFrom('person')
      .select(['id', 'given_name', 'family_name'])
      .where('id', '=', otherChildId)
      .executeTakeFirstOrThrow()
    const search = await sw.get(
      `/children/${childId}/relationships/new?name=${encodeURIComponent(`${other.given_name} ${other.family_name}`)}`,
    )
    expect(search.statusCode).toBe(200)
    expect(search.body).toContain(`value="${other.id}"`)

    const picked = await sw.post(
      `/children/${childId}/relationships/new`,
      {
        relatedPersonId: String(other.id),
        relationshipType: 'half_sibling',
      },
      `/children/${childId}/relationships/new`,
    )
    expect(picked.statusCode).toBe(303)

    const missing = await sw.post(
      `/children/${childId}/relationships/new`,
      {
        relatedPersonId: 'new',
        relationshipType: 'mother',
      },
      `/children/${childId}/relationships/new`,
    )
    expect(missing.statusCode).toBe(400)
    expect(missing.body).toContain('href="#adultGivenName"')
    expect(missing.body).toContain('href="#adultSex"')

    // A new adult's details are asked under "A new adult" only: under someone picked (possible
    // without JavaScript, where both show) they are ignored, and no adult is added.
    const adults = async () =>
      (await db().selectFrom('person').select('id').where('kind', '=', 'adult').execute()).length
    const aunt = await db()
      .insertInto('person')
      .values({ kind: 'adult', given_name: 'Ines', family_name: 'Ashdown', sex: 'F' })
      .returning('id')
      .executeTakeFirstOrThrow()
    const before = await adults()
    const pickedWithDetails = await sw.post(
      `/children/${childId}/relationships/new`,
      {
        relatedPersonId: String(aunt.id),
        relationshipType: 'aunt_or_uncle',
        adultGivenName: 'x'.repeat(300),
        adultSex: 'Q',
        'dateOfBirth-day': '99',
      },
      `/children/${childId}/relationships/new`,
    )
    expect(pickedWithDetails.statusCode).toBe(303)
    expect(await adults()).toBe(before)
    // "A new adult" chosen with a detail missing comes back still chosen: its questions show.
    expect(missing.body).toMatch(/value="new" checked data-aria-controls="conditional-relatedPersonId/)

    const adult = await sw.post(
      `/children/${childId}/relationships/new`,
      {
        relatedPersonId: 'new',
        adultGivenName: 'Maren',
        adultFamilyName: 'Ashdown',
        adultSex: 'F',
        'dateOfBirth-day': '3',
        'dateOfBirth-month': '4',
        'dateOfBirth-year': '1990',
        relationshipType: 'mother',
        householdMember: 'yes',
      },
      `/children/${childId}/relationships/new`,
    )
    expect(adult.statusCode).toBe(303)
    const mother = await db()
      .selectFrom('person')
      .selectAll()
      .where('given_name', '=', 'Maren')
      .where('family_name', '=', 'Ashdown')
      .executeTakeFirstOrThrow()
    expect([mother.kind, mother.date_of_birth, mother.sex]).toEqual(['adult', '1990-04-03', 'F'])
    const rel = await db()
      .selectFrom('person_relationship')
      .selectAll()
      .where('person_id', '=', mother.id)
      .where('related_person_id', '=', childId)
      .executeTakeFirstOrThrow()
    expect([rel.relationship_type, rel.household_member]).toEqual(['mother', true])
    const record = await sw.get(`/children/${childId}`)
    expect(record.body).toContain('Maren Ashdown: mother (lives in the household)')
    expect((await eventsOf(childId, 'relationship.added')).map((e) => e.summary)).toEqual([
      expect.stringContaining('half-brother or half-sister'),
      expect.stringContaining('Ines Ashdown'),
      'Maren Ashdown added as mother, living in the household',
    ])

    const twice = await sw.post(
      `/children/${childId}/relationships/new`,
      {
        relatedPersonId: String(mother.id),
        relationshipType: 'carer',
      },
      `/children/${childId}/relationships/new`,
    )
    expect(twice.statusCode).toBe(409)
    expect(twice.body).toContain('already recorded')
  })

  it('ends a relationship on a date, and deletes one with a reason', async () => {
    const rels = await db()
      .selectFrom('person_relationship')
      .selectAll()
      .where('related_person_id', '=', childId)
      .where('deleted_at', 'is', null)
      .orderBy('id')
      .execute()
    const [sibling, mother] = rels.slice(-2) as [(typeof rels)[number], (typeof rels)[number]]
    const future = await sw.post(`/children/${childId}/relationships/${mother.id}/end`, {
      'toDate-day': '1',
      'toDate-month': '1',
      'toDate-year': String(ty + 2),
    })
    expect(future.statusCode).toBe(400)
    const ended = await sw.post(`/children/${childId}/relationships/${mother.id}/end`, {
      'toDate-day': String(td),
      'toDate-month': String(tm),
      'toDate-year': String(ty),
    })
    expect(ended.statusCode).toBe(303)
    expect(
      (
        await db()
          .selectFrom('person_relationship')
          .select('to_date')
          .where('id', '=', mother.id)
          .executeTakeFirstOrThrow()
      ).to_date,
    ).toBe(today)
    const deleted = await sw.post(`/children/${childId}/relationships/${sibling.id}/delete`, {
      reason: 'Not related: recorded in error',
    })
    expect(deleted.statusCode).toBe(303)
    const row = await db()
      .selectFrom('person_relationship')
      .selectAll()
      .where('id', '=', sibling.id)
      .executeTakeFirstOrThrow()
    expect(row.deleted_reason).toBe('Not related: recorded in error')
    expect((await eventsOf(childId, 'relationship.ended')).length).toBe(1)
    expect((await eventsOf(childId, 'relationship.deleted')).length).toBe(1)
  })
})

describe('other names', () => {
  it('adds a known-as name that search then finds, and deletes it with a reason', async () => {
    const res = await sw.post(`/children/${childId}/names/new`, {
      otherNameKind: 'known_as',
      otherGivenName: 'Ro',
      otherFamilyName: 'Vale',
    })
    expect(res.statusCode).toBe(303)
    const name = await db()
      .selectFrom('person_name')
      .selectAll()
      .where('person_id', '=', childId)
      .where('given_name', '=', 'Ro')
      .executeTakeFirstOrThrow()
    expect(name.kind).toBe('known_as')
    const found = await sw.get('/people/search?name=Ro+Vale')
    expect(found.body).toContain(`/children/${childId}`)
    const bad = await sw.post(`/children/${childId}/names/new`, { otherNameKind: 'nickname' })
    expect(bad.statusCode).toBe(400)
    expect(bad.body).toContain('href="#otherNameKind"')
    const del = await sw.post(`/children/${childId}/names/${name.id}/delete`, { reason: 'Spelt wrongly' })
    expect(del.statusCode).toBe(303)
    expect(await editAudits(childId, 'name.deleted')).toHaveLength(1)
  })
})

describe('an unborn child is born', () => {
  it('records the birth on the same record: the id, history and allocation are kept', async () => {
    // An unborn sibling added by the social worker, with an alert and an address.
    const created = await sw.post(
      '/people/new',
      {
        step: 'save',
        kind: 'unborn',
        givenName: 'Baby',
        familyName: 'Quarry',
        ...boxes('expectedDate', addCalendarDays(today, 30)),
        sex: 'U',
        addressLine1: '4 Quarry Close',
        postcode: 'RM17 6SL',
      },
      '/people/new',
    )
    expect(created.statusCode).toBe(200)
    const person = await db()
      .selectFrom('person')
      .selectAll()
      .where('given_name', '=', 'Baby')
      .where('family_name', '=', 'Quarry')
      .executeTakeFirstOrThrow()
    const unbornId = person.id
    expect(person.kind).toBe('unborn')
    // The creator has no allocation yet: a team manager allocates the unborn child to them.
    const user = await db()
      .selectFrom('app_user')
      .select(['id', 'team_id'])
      .where('username', '=', 'social.worker')
      .executeTakeFirstOrThrow()
    await db()
      .insertInto('child_access')
      .values({ child_id: unbornId, user_id: user.id, basis: 'allocated_worker' })
      .execute()
    const alert = await sw.post(`/children/${unbornId}/alerts/new`, {
      kind: 'risk_to_child',
      summary: 'Pre-birth assessment under way',
    })
    expect(alert.statusCode).toBe(303)
    const historyBefore = await db()
      .selectFrom('case_event')
      .select('id')
      .where('child_id', '=', unbornId)
      .orderBy('id')
      .execute()

    const early = await sw.post(`/children/${unbornId}/birth`, {
      ...boxes('dateOfBirth', addCalendarDays(today, 30 - 24 * 7 - 1)),
      sex: 'F',
    })
    expect(early.statusCode).toBe(400)
    expect(early.body).toContain('24 weeks before the expected date')
    const future = await sw.post(`/children/${unbornId}/birth`, {
      'dateOfBirth-day': String(td),
      'dateOfBirth-month': String(tm),
      'dateOfBirth-year': String(ty + 1),
      sex: 'F',
    })
    expect(future.statusCode).toBe(400)
    expect(future.body).toContain('today or in the past')

    const born = await sw.post(`/children/${unbornId}/birth`, {
      'dateOfBirth-day': String(td),
      'dateOfBirth-month': String(tm),
      'dateOfBirth-year': String(ty),
      sex: 'F',
      nhsNumber: '401 023 2137',
    })
    expect(born.statusCode).toBe(303)
    expect(born.headers.location).toBe(`/children/${unbornId}`)
    const after = await db()
      .selectFrom('person')
      .selectAll()
      .where('id', '=', unbornId)
      .executeTakeFirstOrThrow()
    expect([after.kind, after.date_of_birth, after.sex, after.nhs_number, after.upn_unknown_reason]).toEqual([
      'child',
      today,
      'F',
      '4010232137',
      'UN1',
    ])
    expect(after.expected_birth_date).toBe(person.expected_birth_date)
    expect(after.la_child_id).toBe(person.la_child_id)
    const historyAfter = await db()
      .selectFrom('case_event')
      .select(['id', 'type'])
      .where('child_id', '=', unbornId)
      .orderBy('id')
      .execute()
    expect(historyAfter.map((e) => e.id).slice(0, historyBefore.length)).toEqual(
      historyBefore.map((e) => e.id),
    )
    expect(historyAfter.at(-1)?.type).toBe('person.born')
    expect(
      await db().selectFrom('person_alert').select('id').where('person_id', '=', unbornId).execute(),
    ).toHaveLength(1)
    expect(
      await db().selectFrom('person_address').select('id').where('person_id', '=', unbornId).execute(),
    ).toHaveLength(1)
    // Recorded once: the form is gone for a born child.
    expect((await sw.get(`/children/${unbornId}/birth`)).statusCode).toBe(404)
  })
})

describe('alerts and warnings', () => {
  it('adds an alert that shows near the top of the record, and removes it with a reason', async () => {
    const bad = await sw.post(`/children/${childId}/alerts/new`, { kind: '', summary: '' })
    expect(bad.statusCode).toBe(400)
    expect(bad.body).toContain('href="#kind"')
    expect(bad.body).toContain('href="#summary"')
    const res = await sw.post(`/children/${childId}/alerts/new`, {
      kind: 'risk_to_staff',
      summary: 'Visit in pairs: a dog at the address',
      'untilDate-day': String(td),
      'untilDate-month': String(tm),
      'untilDate-year': String(ty + 1),
    })
    expect(res.statusCode).toBe(303)
    const page = await sw.get(`/children/${childId}`)
    const alerts = page.body.indexOf('data-testid="alerts"')
    const summary = page.body.indexOf('Summary</h2>')
    expect(alerts).toBeGreaterThan(0)
    expect(alerts).toBeLessThan(summary)
    expect(page.body.slice(alerts, summary)).toContain('Visit in pairs: a dog at the address')
    const alert = await db()
      .selectFrom('person_alert')
      .selectAll()
      .where('person_id', '=', childId)
      .executeTakeFirstOrThrow()
    expect(alert.from_date).toBe(today)
    const removed = await sw.post(`/children/${childId}/alerts/${alert.id}/remove`, {
      reason: 'The family has rehomed the dog',
    })
    expect(removed.statusCode).toBe(303)
    const gone = await sw.get(`/children/${childId}`)
    expect(gone.body).not.toContain('Visit in pairs')
    const row = await db()
      .selectFrom('person_alert')
      .selectAll()
      .where('id', '=', alert.id)
      .executeTakeFirstOrThrow()
    expect(row.deleted_reason).toBe('The family has rehomed the dog')
    expect((await eventsOf(childId, 'alert.added')).length).toBe(1)
    expect((await eventsOf(childId, 'alert.removed')).length).toBe(1)
  })
})

describe('the record page', () => {
  it('shows open involvements from the front door view, with the worker and team', async () => {
    const user = await db()
      .selectFrom('app_user')
      .select(['id', 'team_id'])
      .where('username', '=', 'social.worker')
      .executeTakeFirstOrThrow()
    const { id: refId } = await db()
      .insertInto('referral')
      .values({
        child_id: childId,
        referral_date: today,
        referral_source: '3A',
        re_referral: false,
        status: 'allocated',
        team_id: user.team_id,
        worker_id: user.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const page = await sw.get(`/children/${childId}`)
    const section = page.body.slice(page.body.indexOf('data-testid="involvements"'))
    expect(section).toContain(`/referrals/${refId}`)
    expect(section).toContain('Allocated')
    expect(section).toContain('Amara Lewis, Assessment team')
  })
})
