/**
 * Issue 10's reproductions, each as it was tried from outside: a restricted child's name reached
 * around its permission check, contacts readable by every triage or decision role, and refusals
 * that were never audited. Each failed against the code before the route subjects landed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Browser, csrfFrom, openTestApp, type TestApp } from '../support/web.js'

let t: TestApp
const db = () => t.database.db
let restrictedId = 0
let contactId = 0

beforeAll(async () => {
  t = await openTestApp()
  const worker = await db()
    .selectFrom('app_user')
    .select('id')
    .where('username', '=', 'social.worker')
    .executeTakeFirstOrThrow()
  restrictedId = (
    await db()
      .insertInto('person')
      .values({
        kind: 'child',
        given_name: 'Tamsin',
        family_name: 'Holloway-Reach',
        date_of_birth: '2015-07-19',
        restricted: true,
        restriction_category: 'high_profile',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
  await db()
    .insertInto('child_access')
    .values({ child_id: restrictedId, user_id: worker.id, basis: 'allocated_worker', granted_by: worker.id })
    .execute()
  contactId = (
    await db()
      .insertInto('contact')
      .values({
        received_at: new Date(Date.now() - 3_600_000),
        channel: 'phone',
        referral_source: '1A',
        reason: 'Neighbour heard screaming from the flat at night.',
        consent: 'given',
        recorded_by: worker.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
  await db()
    .insertInto('contact_child')
    .values({ contact_id: contactId, child_id: restrictedId, status: 'in_triage' })
    .execute()
})
afterAll(async () => t.close())

async function signedIn(username: string) {
  const b = new Browser(t.app)
  await b.signIn(username)
  return b
}

const denials = (requestId: unknown) =>
  db()
    .selectFrom('audit_event')
    .select(['action', 'child_id', 'detail'])
    .where('request_id', '=', String(requestId))
    .where('outcome', '=', 'denied')
    .execute()

describe('1. a restricted child’s name and date of birth on the contact form', () => {
  for (const username of ['team.manager', 'screener', 'mash.sw'])
    it(`is not shown to ${username} by ?childId=, and the refusal is audited`, async () => {
      const b = await signedIn(username)
      const res = await b.get(`/contacts/new?childId=${restrictedId}`)
      expect(res.body).not.toContain('Holloway-Reach')
      expect(res.body).not.toContain('19 July 2015')
      expect(res.body).toContain('You cannot add a child whose record you cannot open')
      expect(await denials(res.headers['x-request-id'])).toEqual([
        expect.objectContaining({ action: 'child.view', child_id: restrictedId }),
      ])
    })

  it('is not shown when fifty ids are posted with an add step', async () => {
    const b = await signedIn('team.manager')
    const token = csrfFrom((await b.get('/contacts/new')).body)
    const ids = Array.from({ length: 49 }, (_, i) => ['childIds', String(i + 1)] as [string, string])
    const res = await t.app.inject({
      method: 'POST',
      url: '/contacts/new',
      headers: { cookie: b.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams([['_csrf', token], ['step', `add-${restrictedId}`], ...ids]).toString(),
    })
    expect(res.body).not.toContain('Holloway-Reach')
    const refused = await denials(res.headers['x-request-id'])
    expect(refused.some((r) => r.child_id === restrictedId)).toBe(true)
    // Every child the team manager has no link to is refused and audited, not just the restricted one.
    expect(refused.length).toBeGreaterThan(1)
  })

  it('still lists a child the screener may open', async () => {
    const b = await signedIn('screener')
    const open = await db()
      .selectFrom('person')
      .select(['id', 'family_name'])
      .where('restricted', '=', false)
      .where('kind', '=', 'child')
      .orderBy('id')
      .executeTakeFirstOrThrow()
    const res = await b.get(`/contacts/new?childId=${open.id}`)
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain(open.family_name)
  })
})

describe('2. a contact about a restricted child', () => {
  for (const username of ['team.manager', 'service.manager', 'screener'])
    it(`is refused to ${username}, with nothing of the contact and an audit row`, async () => {
      const b = await signedIn(username)
      const res = await b.get(`/contacts/${contactId}`)
      expect(res.statusCode).toBe(403)
      expect(res.body).not.toContain('screaming')
      expect(res.body).not.toContain('Holloway-Reach')
      expect(await denials(res.headers['x-request-id'])).toEqual([
        expect.objectContaining({ action: 'child.view', child_id: restrictedId }),
      ])
    })

  it('is refused to its allocated worker too: the contact page is the front door’s', async () => {
    const b = await signedIn('social.worker')
    const res = await b.get(`/contacts/${contactId}`)
    expect(res.statusCode).toBe(403)
    expect(res.body).not.toContain('screaming')
  })
})

describe('3. refusals by role and by CSRF are audited', () => {
  for (const path of ['/mash', '/admin/users', '/audit', '/people/search'])
    it(`audits the partner's 403 on ${path}`, async () => {
      const b = await signedIn('police')
      const res = await b.get(path)
      expect(res.statusCode).toBe(403)
      expect(await denials(res.headers['x-request-id'])).toEqual([
        expect.objectContaining({ action: 'request.role_refused', child_id: null }),
      ])
    })

  it('audits the auditor’s refused form post', async () => {
    const b = await signedIn('auditor')
    const token = csrfFrom((await b.get('/audit')).body)
    const res = await b.postWithToken('/people/new', { givenName: 'A', familyName: 'B' }, token)
    expect(res.statusCode).toBe(403)
    expect(await denials(res.headers['x-request-id'])).toEqual([
      expect.objectContaining({ action: 'request.role_refused' }),
    ])
  })

  it('audits a post with no token, and one with a wrong token', async () => {
    const b = await signedIn('screener')
    const none = await b.postWithToken('/contacts/new', { step: 'find', childQuery: 'Smith' }, undefined)
    expect(none.statusCode).toBe(403)
    expect(await denials(none.headers['x-request-id'])).toEqual([
      expect.objectContaining({
        action: 'request.csrf_refused',
        detail: expect.objectContaining({ token: 'missing' }),
      }),
    ])
    const wrong = await b.postWithToken('/contacts/new', { step: 'find' }, 'not-the-token')
    expect(await denials(wrong.headers['x-request-id'])).toEqual([
      expect.objectContaining({
        action: 'request.csrf_refused',
        detail: expect.objectContaining({ token: 'wrong' }),
      }),
    ])
  })

  it('audits a form posted after the session has ended', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/contacts/new',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'step=find',
    })
    expect(res.statusCode).toBe(401)
    expect(await denials(res.headers['x-request-id'])).toEqual([
      expect.objectContaining({ action: 'request.sign_in_required' }),
    ])
  })
})
