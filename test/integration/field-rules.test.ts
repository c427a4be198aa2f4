/**
 * Field rules (SEC-04) through the pages: a confidential address and what the police and health
 * said at triage are absent from the response for everyone without the field grant, and present
 * for those with it; the forms neither prefill nor change what is withheld; search neither shows
 * nor matches a confidential address; and the audit row of each view names what was withheld.
 * On PGlite and, with DATABASE_URL, on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { londonToday } from '../../src/platform/calendar/dates.js'
import { Browser, openTestApp, type TestApp } from '../support/web.js'

// Values that appear nowhere else in the demo data, so their absence means something.
const SAFE_LINE = '14 Lantern Mews'
const SAFE_TOWN = 'Quillbridge'
const SAFE_POSTCODE = 'CM20 9QZ'
const EARLIER_LINE = '3 Juniper Yard'
const EARLIER_POSTCODE = 'OL1 1XW'
const POLICE_TEXT = 'Known to police: two domestic abuse call-outs, reference XK-4471'
const POLICE_INFORMANT = 'DS Ivo Brannagh'
const HEALTH_TEXT = 'Attends the Wexley clinic for an eating disorder'
const HEALTH_INFORMANT = 'Nurse Ottoline Perrow'
const EDUCATION_TEXT = 'Attendance 71 percent this term'

let t: TestApp
let childId: number
let triageChildId: number
let triageUrl: string
const as: Record<string, Browser> = {}
const ids: Record<string, number> = {}

const db = () => t.database.db

function dateFields(name: string, iso: string): Record<string, string> {
  const [y, m, d] = iso.split('-')
  return {
    [`${name}-day`]: String(Number(d)),
    [`${name}-month`]: String(Number(m)),
    [`${name}-year`]: y ?? '',
  }
}

beforeAll(async () => {
  t = await openTestApp()
  for (const u of await db().selectFrom('app_user').select(['id', 'username']).execute())
    ids[u.username] = u.id
  const assessment = await db()
    .selectFrom('team')
    .select('id')
    .where('name', '=', 'Assessment team')
    .executeTakeFirstOrThrow()
  // A colleague in the allocated team who is not the allocated worker: duty cover.
  const sw = await db()
    .selectFrom('app_user')
    .select('password_hash')
    .where('username', '=', 'social.worker')
    .executeTakeFirstOrThrow()
  const duty = await db()
    .insertInto('app_user')
    .values({
      username: 'duty.worker',
      display_name: 'Dee Duty',
      role: 'social_worker',
      team_id: assessment.id,
      password_hash: sw.password_hash,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  ids['duty.worker'] = duty.id

  // A child allocated to social.worker and the assessment team (managed by team.manager), with
  // the police partner in a process, and social.worker2 holding a restricted-record grant.
  const child = await db()
    .insertInto('person')
    .values({ kind: 'child', given_name: 'Wren', family_name: 'Halloway', date_of_birth: '2016-05-09' })
    .returning('id')
    .executeTakeFirstOrThrow()
  childId = child.id
  const grant = (values: { user_id?: number; team_id?: number; basis: string; child_id?: number }) =>
    db()
      .insertInto('child_access')
      .values({ child_id: childId, reason: 'test', ...values } as never)
      .execute()
  await grant({ user_id: ids['social.worker'] as number, basis: 'allocated_worker' })
  await grant({ team_id: assessment.id, basis: 'allocated_team' })
  await grant({ user_id: ids.police as number, basis: 'process_participant' })
  await grant({ user_id: ids['social.worker2'] as number, basis: 'restriction_grant' })

  // A child waiting at triage, allocated the same way, with what three agencies said.
  const cc = await db()
    .selectFrom('contact_child as cc')
    .innerJoin('person as p', 'p.id', 'cc.child_id')
    .select(['cc.id', 'cc.contact_id', 'cc.child_id'])
    .where('cc.status', '=', 'in_triage')
    .where('p.restricted', '=', false)
    .orderBy('cc.id')
    .executeTakeFirstOrThrow()
  triageChildId = cc.child_id as number
  triageUrl = `/contacts/${cc.contact_id}/children/${cc.id}`
  await grant({ child_id: triageChildId, user_id: ids['social.worker'] as number, basis: 'allocated_worker' })
  await grant({ child_id: triageChildId, team_id: assessment.id, basis: 'allocated_team' })
  const check = (agency_kind: 'police' | 'health' | 'education', informant: string, information: string) =>
    db()
      .insertInto('contact_agency_check')
      .values({
        contact_child_id: cc.id,
        agency_kind,
        informant,
        information,
        responded_at: new Date(),
        recorded_by: ids.screener as number,
      })
      .execute()
  await check('police', POLICE_INFORMANT, POLICE_TEXT)
  await check('health', HEALTH_INFORMANT, HEALTH_TEXT)
  await check('education', 'Mr Teal, head of year', EDUCATION_TEXT)

  for (const name of [
    'social.worker',
    'social.worker2',
    'duty.worker',
    'team.manager',
    'service.manager',
    'screener',
    'mash.sw',
    'police',
  ]) {
    as[name] = new Browser(t.app)
    await as[name].signIn(name)
  }

  // The allocated worker records an address, then learns it is a refuge and corrects it to
  // confidential, then the family moves to another refuge (recorded as confidential at once).
  const sw1 = as['social.worker'] as Browser
  const today = londonToday()
  let res = await sw1.post(
    `/children/${childId}/addresses/new`,
    { addressLine1: EARLIER_LINE, postcode: EARLIER_POSTCODE, ...dateFields('fromDate', '2025-01-06') },
    `/children/${childId}/addresses/new`,
  )
  expect(res.statusCode).toBe(303)
  const earlier = await db()
    .selectFrom('person_address')
    .select('id')
    .where('person_id', '=', childId)
    .executeTakeFirstOrThrow()
  res = await sw1.post(`/children/${childId}/addresses/${earlier.id}`, {
    addressLine1: EARLIER_LINE,
    postcode: EARLIER_POSTCODE,
    confidential: 'yes',
    ...dateFields('fromDate', '2025-01-06'),
  })
  expect(res.statusCode).toBe(303)
  res = await sw1.post(
    `/children/${childId}/addresses/new`,
    {
      addressLine1: SAFE_LINE,
      addressTown: SAFE_TOWN,
      postcode: SAFE_POSTCODE,
      confidential: 'yes',
      ...dateFields('fromDate', today),
    },
    `/children/${childId}/addresses/new`,
  )
  expect(res.statusCode).toBe(303)
})
afterAll(async () => t.close())

const SECRETS = [SAFE_LINE, SAFE_TOWN, SAFE_POSTCODE, EARLIER_LINE, EARLIER_POSTCODE]

async function currentAddressId(): Promise<number> {
  const row = await db()
    .selectFrom('person_address')
    .select('id')
    .where('person_id', '=', childId)
    .where('to_date', 'is', null)
    .executeTakeFirstOrThrow()
  return row.id
}

describe("a confidential address on the child's record page", () => {
  it.each([
    ['social.worker', 'the allocated worker'],
    ['team.manager', 'the manager of the allocated team'],
    ['social.worker2', 'the holder of a restricted-record grant'],
  ])('is shown to %s (%s)', async (name) => {
    const res = await (as[name] as Browser).get(`/children/${childId}`)
    expect(res.statusCode).toBe(200)
    for (const secret of SECRETS) expect(res.body).toContain(secret)
    expect(res.body).toContain('Confidential')
  })

  it.each([
    ['duty.worker', 'a colleague in the allocated team'],
    ['screener', 'the front door'],
    ['mash.sw', 'the front door'],
    ['service.manager', 'service oversight'],
    ['police', 'a partner in a process'],
  ])('is absent for %s (%s), who is told one is held and by whom', async (name) => {
    const res = await (as[name] as Browser).get(`/children/${childId}`)
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('Wren Halloway')
    for (const secret of SECRETS) expect(res.body).not.toContain(secret)
    expect(res.body).toContain('Confidential address:')
    expect(res.body).toContain('held by the allocated worker (Amara Lewis)')
    // The chronology says what happened without the address, including the move recorded before
    // the address was marked confidential.
    expect(res.body).toContain('Moved to a confidential address')
  })

  it('names what was withheld in the audit row of the view', async () => {
    await (as['duty.worker'] as Browser).get(`/children/${childId}`)
    await (as['social.worker'] as Browser).get(`/children/${childId}`)
    const rows = await db()
      .selectFrom('audit_event')
      .select(['user_id', 'detail'])
      .where('child_id', '=', childId)
      .where('action', '=', 'child.view')
      .where('user_id', 'in', [ids['duty.worker'] as number, ids['social.worker'] as number])
      .orderBy('id', 'desc')
      .limit(2)
      .execute()
    const by = (id: number) => rows.find((r) => r.user_id === id)?.detail as Record<string, unknown>
    expect(by(ids['duty.worker'] as number).withheld).toEqual(['confidential_address'])
    expect(by(ids['social.worker'] as number).withheld).toBeUndefined()
  })
})

describe('the address forms', () => {
  it('prefill a confidential address, ticked, for the allocated worker', async () => {
    const res = await (as['social.worker'] as Browser).get(
      `/children/${childId}/addresses/${await currentAddressId()}`,
    )
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain(SAFE_LINE)
    expect(res.body).toMatch(
      /name="confidential"[^>]*value="yes"[^>]*checked|checked[^>]*name="confidential"/,
    )
  })

  it('refuse to open a confidential address for correction or deletion by duty cover, and audit it', async () => {
    const duty = as['duty.worker'] as Browser
    const id = await currentAddressId()
    for (const url of [
      `/children/${childId}/addresses/${id}`,
      `/children/${childId}/addresses/${id}/delete`,
    ]) {
      const res = await duty.get(url)
      expect(res.statusCode).toBe(403)
      for (const secret of SECRETS) expect(res.body).not.toContain(secret)
      expect(res.body).toContain('confidential address')
    }
    // Posting a correction anyway changes nothing.
    const form = await duty.get(`/children/${childId}/addresses/new`)
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1]
    const res = await duty.postWithToken(
      `/children/${childId}/addresses/${id}`,
      { addressLine1: 'Overwritten', ...dateFields('fromDate', londonToday()) },
      csrf,
    )
    expect(res.statusCode).toBe(403)
    const row = await db()
      .selectFrom('person_address')
      .select('line_1')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(row.line_1).toBe(SAFE_LINE)
    const denied = await db()
      .selectFrom('audit_event')
      .select('detail')
      .where('child_id', '=', childId)
      .where('user_id', '=', ids['duty.worker'] as number)
      .where('action', '=', 'child.edit')
      .where('outcome', '=', 'denied')
      .execute()
    expect(denied.length).toBeGreaterThanOrEqual(3)
  })

  it('let duty cover add a new address, with the confidential box and its hint, nothing prefilled', async () => {
    const res = await (as['duty.worker'] as Browser).get(`/children/${childId}/addresses/new`)
    expect(res.statusCode).toBe(200)
    for (const secret of SECRETS) expect(res.body).not.toContain(secret)
    expect(res.body).toContain('This is a refuge or undisclosed address')
    expect(res.body).toContain('Search will not show it or find the child by it')
  })
})

describe('search', () => {
  it('does not find a child by a confidential postcode, current or past, even for their worker', async () => {
    for (const postcode of [SAFE_POSTCODE, EARLIER_POSTCODE]) {
      const res = await (as['social.worker'] as Browser).get(
        `/people/search?postcode=${encodeURIComponent(postcode)}`,
      )
      expect(res.statusCode).toBe(200)
      expect(res.body).not.toContain('Wren Halloway')
    }
    // The district alone does not find them either.
    const res = await (as['social.worker'] as Browser).get('/people/search?postcode=CM20')
    expect(res.body).not.toContain('Wren Halloway')
  })

  it('shows "Confidential" in place of the postcode', async () => {
    for (const name of ['social.worker', 'screener']) {
      const res = await (as[name] as Browser).get('/people/search?name=Wren+Halloway')
      expect(res.statusCode).toBe(200)
      expect(res.body).toContain('Wren Halloway')
      expect(res.body).toContain('Confidential')
      for (const secret of SECRETS) expect(res.body).not.toContain(secret)
    }
  })
})

describe('what the police and health said at triage', () => {
  it.each([
    ['screener', 'the front door'],
    ['mash.sw', 'the front door'],
    ['social.worker', 'the allocated worker'],
    ['team.manager', 'the manager of the allocated team'],
  ])('is shown to %s (%s)', async (name) => {
    const res = await (as[name] as Browser).get(triageUrl)
    expect(res.statusCode).toBe(200)
    for (const text of [POLICE_TEXT, POLICE_INFORMANT, HEALTH_TEXT, HEALTH_INFORMANT, EDUCATION_TEXT])
      expect(res.body).toContain(text)
  })

  it('is absent for a colleague in the allocated team, who sees which agencies were asked', async () => {
    const res = await (as['duty.worker'] as Browser).get(triageUrl)
    expect(res.statusCode).toBe(200)
    for (const text of [POLICE_TEXT, POLICE_INFORMANT, HEALTH_TEXT, HEALTH_INFORMANT])
      expect(res.body).not.toContain(text)
    expect(res.body).toContain('It is police intelligence')
    expect(res.body).toContain('It is health detail')
    // Education's information is not protected.
    expect(res.body).toContain(EDUCATION_TEXT)
    const audit = await db()
      .selectFrom('audit_event')
      .select('detail')
      .where('user_id', '=', ids['duty.worker'] as number)
      .where('action', '=', 'contact.triage.view')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    expect((audit.detail as Record<string, unknown>).withheld).toEqual([
      'police_intelligence',
      'health_detail',
    ])
  })
})
