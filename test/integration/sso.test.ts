/**
 * Single sign-on end to end against a real OpenID Connect provider started in this process:
 * Haven driven in-process, the provider over HTTP. A first sign-in makes an account that waits
 * for an administrator; once confirmed, the person lands signed in with the role and team their
 * group gives. Tokens with a bad signature, the wrong audience or a past expiry, and a replayed,
 * unknown or foreign state, are each refused with nothing signed in and a denied audit row.
 * Back-channel logout ends the session; sign-out sends the person on to the provider.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { SESSION_COOKIE } from '../../src/platform/http/app.js'
import type { ProviderFetch } from '../../src/platform/auth/sso/provider.js'
import { Browser, openTestApp, type TestApp } from '../support/web.js'
import {
  signInAtProvider,
  startIdentityProvider,
  TEST_CLIENT,
  type TestIdentityProvider,
} from '../support/identity-provider.js'

const HAVEN_URL = 'http://haven.test'
const SOCIAL_WORKERS = 'grp-haven-social-workers'

let idp: TestIdentityProvider
let t: TestApp
/** When set, the ID token from the provider's token endpoint is replaced by what this returns. */
let tamper: ((claims: Record<string, unknown>) => string) | null = null

const tamperingFetch: ProviderFetch = async (url, init) => {
  const res = await fetch(url, init as RequestInit)
  if (!tamper || !new URL(url).pathname.endsWith('/token')) return res
  const body = (await res.json()) as { id_token: string }
  const payload = body.id_token.split('.')[1]!
  body.id_token = tamper(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')))
  return new Response(JSON.stringify(body), {
    status: res.status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  })
}

const db = () => t.database.db
const now = () => Math.floor(Date.now() / 1000)

beforeAll(async () => {
  idp = await startIdentityProvider({ havenUrl: HAVEN_URL })
  t = await openTestApp({ env: { ...idp.env, PUBLIC_URL: HAVEN_URL }, sso: { fetch: tamperingFetch } })
})
afterAll(async () => {
  await t?.close()
  await idp?.close()
})
beforeEach(() => {
  tamper = null
})

async function startAndSignIn(browser: Browser, accountId: string) {
  const start = await browser.get('/sign-in/sso')
  expect(start.statusCode).toBe(302)
  const authorization = new URL(String(start.headers.location))
  expect(authorization.origin).toBe(idp.issuer)
  const callback = await signInAtProvider(authorization.href, accountId)
  return { callback, res: await browser.get(callback.pathname + callback.search) }
}

const sessionCookieSet = (res: { cookies: { name: string; value: string }[] }) =>
  res.cookies.some((c) => c.name === SESSION_COOKIE && c.value !== '')

async function lastDenial() {
  const row = await db()
    .selectFrom('audit_event')
    .select(['detail', 'username', 'outcome'])
    .where('action', '=', 'user.sign_in')
    .where('outcome', '=', 'denied')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow()
  return row
}

const liveSessions = async () =>
  Number(
    (
      await db()
        .selectFrom('user_session')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('ended_at', 'is', null)
        .executeTakeFirstOrThrow()
    ).n,
  )

async function admin() {
  const browser = new Browser(t.app)
  const res = await browser.signIn('admin')
  expect(res.statusCode).toBe(303)
  return browser
}

const teamId = async (name: string) =>
  (await db().selectFrom('team').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id

async function teams() {
  return db().selectFrom('team').select(['id', 'name']).orderBy('id').execute()
}

describe('single sign-on', () => {
  it('offers the provider on the sign-in page, as a link (a GET: the CSP allows forms only to Haven)', async () => {
    const res = await new Browser(t.app).get('/sign-in?returnTo=%2Fmash')
    expect(res.body).toContain('Sign in with Thurrock Council account')
    expect(res.body).toMatch(/href="\/sign-in\/sso\?returnTo=%2Fmash"/)
    expect(res.body).toContain('data-testid="sign-in"') // local accounts still sign in
  })

  it('lets the administrator map a group to a role and team, with errors for bad answers', async () => {
    const a = await admin()
    const empty = await a.post('/admin/sso/groups/new', { groupId: '', role: '', teamId: '' })
    expect(empty.statusCode).toBe(400)
    expect(empty.body).toContain('govuk-error-summary')
    expect(empty.body).toContain('Enter the group’s ID')
    expect(empty.body).toContain('Choose the role the group gives')

    const badTeam = await a.post('/admin/sso/groups/new', {
      groupId: SOCIAL_WORKERS,
      role: 'social_worker',
      teamId: '999999',
    })
    expect(badTeam.statusCode).toBe(409)
    expect(badTeam.body).toContain('Choose a team from the list')

    const [first] = await teams()
    const added = await a.post('/admin/sso/groups/new', {
      groupId: SOCIAL_WORKERS,
      role: 'social_worker',
      teamId: String(first!.id),
    })
    expect(added.statusCode).toBe(303)
    const again = await a.post('/admin/sso/groups/new', {
      groupId: SOCIAL_WORKERS,
      role: 'auditor',
      teamId: '',
    })
    expect(again.statusCode).toBe(409)
    expect(again.body).toContain('already has a mapping')
    const list = await a.get('/admin/sso/groups')
    expect(list.body).toContain(SOCIAL_WORKERS)
    expect(list.body).toContain('Social worker')

    const refused = await new Browser(t.app).signIn('social.worker')
    expect(refused.statusCode).toBe(303)
  })

  it('makes an account at the first sign-in that waits for the administrator, then signs in with the mapped role and team', async () => {
    const before = await liveSessions()
    const priya = new Browser(t.app)
    const first = await startAndSignIn(priya, 'entra-0001')
    expect(first.res.statusCode).toBe(403)
    expect(first.res.body).toContain('Your account is waiting for an administrator to confirm it')
    expect(sessionCookieSet(first.res)).toBe(false)
    expect(await liveSessions()).toBe(before)
    const account = await db()
      .selectFrom('app_user as u')
      .innerJoin('user_identity as i', 'i.user_id', 'u.id')
      .select([
        'u.username',
        'u.role',
        'u.team_id',
        'u.awaiting_confirmation',
        'u.disabled_at',
        'u.password_hash',
        'i.issuer',
        'i.subject',
      ])
      .where('i.subject', '=', 'entra-0001')
      .executeTakeFirstOrThrow()
    const [firstTeam] = await teams()
    expect(account).toMatchObject({
      username: 'priya.nandakumar',
      role: 'social_worker',
      team_id: firstTeam!.id,
      awaiting_confirmation: true,
      password_hash: null,
      issuer: idp.issuer,
      subject: 'entra-0001',
    })
    expect(account.disabled_at).not.toBeNull()
    expect((await lastDenial()).detail).toMatchObject({ method: 'sso', reason: 'awaiting_confirmation' })

    // Again before confirmation: still waiting, and still one account.
    const second = await startAndSignIn(priya, 'entra-0001')
    expect(second.res.statusCode).toBe(403)
    expect(second.res.body).toContain('waiting for an administrator')
    const count = await db()
      .selectFrom('user_identity')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('subject', '=', 'entra-0001')
      .executeTakeFirstOrThrow()
    expect(Number(count.n)).toBe(1)

    // The local password form cannot get in either: the account has no password.
    const local = await new Browser(t.app).signIn('priya.nandakumar', 'anything at all')
    expect(local.statusCode).toBe(401)

    const a = await admin()
    expect((await a.get('/admin/users')).body).toContain('Awaiting confirmation')
    // Not by the users page's Enable: confirmation is its own step.
    const enable = await a.post('/admin/users/priya.nandakumar/enable', {}, '/admin/users')
    expect(enable.statusCode).toBe(404)
    const awaiting = await a.get('/admin/users/awaiting')
    expect(awaiting.body).toContain('Priya Nandakumar')
    expect(awaiting.body).toContain('priya.nandakumar@thurrock.example.gov.uk')
    const confirmed = await a.post('/admin/users/priya.nandakumar/confirm', {}, '/admin/users/awaiting')
    expect(confirmed.statusCode).toBe(303)
    expect((await a.get('/admin/users/awaiting')).body).not.toContain('Priya Nandakumar')

    const third = await startAndSignIn(priya, 'entra-0001')
    expect(third.res.statusCode).toBe(303)
    expect(third.res.headers.location).toBe('/')
    expect(sessionCookieSet(third.res)).toBe(true)
    const home = await priya.get('/')
    expect(home.statusCode).toBe(200)
    expect(home.body).toContain('Priya Nandakumar')
    const allowed = await db()
      .selectFrom('audit_event')
      .select(['detail', 'username'])
      .where('action', '=', 'user.sign_in')
      .where('outcome', '=', 'allowed')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    expect(allowed.username).toBe('priya.nandakumar')
    expect(allowed.detail).toMatchObject({ method: 'sso', subject: 'entra-0001' })
  })

  it('refreshes role and team from the groups at each sign-in', async () => {
    const a = await admin()
    const mapping = await db()
      .selectFrom('sso_group_mapping')
      .select('id')
      .where('group_id', '=', SOCIAL_WORKERS)
      .executeTakeFirstOrThrow()
    const removed = await a.post(`/admin/sso/groups/${mapping.id}/remove`, {}, '/admin/sso/groups')
    expect(removed.statusCode).toBe(303)
    const all = await teams()
    const other = all[all.length - 1]!
    await a.post('/admin/sso/groups/new', {
      groupId: SOCIAL_WORKERS,
      role: 'team_manager',
      teamId: String(other.id),
    })

    const { res } = await startAndSignIn(new Browser(t.app), 'entra-0001')
    expect(res.statusCode).toBe(303)
    const user = await db()
      .selectFrom('app_user')
      .select(['role', 'team_id'])
      .where('username', '=', 'priya.nandakumar')
      .executeTakeFirstOrThrow()
    expect(user).toEqual({ role: 'team_manager', team_id: other.id })
    const refresh = await db()
      .selectFrom('audit_event')
      .select('detail')
      .where('action', '=', 'user.sso_refresh')
      .executeTakeFirstOrThrow()
    expect(refresh.detail).toMatchObject({ role: { from: 'social_worker', to: 'team_manager' } })
    expect(await teamId(other.name)).toBe(other.id)
  })

  it('refuses someone in none of the mapped groups, making no account', async () => {
    const { res } = await startAndSignIn(new Browser(t.app), 'entra-0002')
    expect(res.statusCode).toBe(403)
    expect(res.body).toContain('Your account does not have access to Haven')
    expect(sessionCookieSet(res)).toBe(false)
    expect(
      await db().selectFrom('user_identity').select('id').where('subject', '=', 'entra-0002').execute(),
    ).toEqual([])
    expect((await lastDenial()).detail).toMatchObject({ reason: 'no_mapped_group', subject: 'entra-0002' })
  })

  describe('tampered tokens are refused, nothing is signed in, and the refusal is audited', () => {
    const cases: [string, (claims: Record<string, unknown>) => string, string][] = [
      ['a bad signature', (c) => idp.signWithStrangerKey(c), 'bad_signature'],
      ['the wrong audience', (c) => idp.sign({ ...c, aud: 'another-application' }), 'wrong_audience'],
      ['an expired token', (c) => idp.sign({ ...c, iat: now() - 7200, exp: now() - 3600 }), 'token_expired'],
    ]
    it.each(cases)('%s', async (_name, change, reason) => {
      const before = await liveSessions()
      tamper = change
      const { res } = await startAndSignIn(new Browser(t.app), 'entra-0001')
      expect(res.statusCode).toBe(400)
      expect(res.body).toContain('Your sign-in could not be finished')
      expect(res.body).not.toMatch(/at \w+ \(|OAUTH_|stack/i)
      expect(sessionCookieSet(res)).toBe(false)
      expect(await liveSessions()).toBe(before)
      expect((await lastDenial()).detail).toMatchObject({ method: 'sso', reason })
    })

    it('the same token untouched is accepted (so the refusals above are the checks at work)', async () => {
      tamper = (c) => idp.sign(c)
      const { res } = await startAndSignIn(new Browser(t.app), 'entra-0001')
      expect(res.statusCode).toBe(303)
    })
  })

  it('refuses a replayed state, an unknown state and a state from another browser', async () => {
    const priya = new Browser(t.app)
    const { callback, res } = await startAndSignIn(priya, 'entra-0001')
    expect(res.statusCode).toBe(303)
    const before = await liveSessions()

    const replay = await priya.get(callback.pathname + callback.search)
    expect(replay.statusCode).toBe(400)
    expect(sessionCookieSet(replay)).toBe(false)
    expect((await lastDenial()).detail).toMatchObject({ reason: 'replayed_state' })

    const unknown = await new Browser(t.app).get(`/sign-in/sso/callback?code=made-up&state=never-issued`)
    expect(unknown.statusCode).toBe(400)
    expect((await lastDenial()).detail).toMatchObject({ reason: 'unknown_state' })

    // Started in one browser, finished in another (login CSRF): refused.
    const start = await new Browser(t.app).get('/sign-in/sso')
    const elsewhere = await signInAtProvider(String(start.headers.location), 'entra-0001')
    const foreign = await new Browser(t.app).get(elsewhere.pathname + elsewhere.search)
    expect(foreign.statusCode).toBe(400)
    expect((await lastDenial()).detail).toMatchObject({ reason: 'browser_mismatch' })
    expect(await liveSessions()).toBe(before)
  })

  it('ends the session when the provider sends a back-channel logout, and refuses a forged one', async () => {
    const priya = new Browser(t.app)
    const { res } = await startAndSignIn(priya, 'entra-0001')
    expect(res.statusCode).toBe(303)
    expect((await priya.get('/')).statusCode).toBe(200)
    const session = await db()
      .selectFrom('sso_session')
      .select(['sid', 'subject'])
      .orderBy('created_at', 'desc')
      .orderBy('session_id_hash')
      .executeTakeFirstOrThrow()
    expect(session.sid).toBeTruthy()
    const logout = (sign: (p: Record<string, unknown>) => string) =>
      t.app.inject({
        method: 'POST',
        url: '/sign-in/sso/back-channel-logout',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({
          logout_token: sign({
            iss: idp.issuer,
            aud: TEST_CLIENT.id,
            iat: now(),
            jti: `jti-${Math.random()}`,
            sid: session.sid,
            sub: session.subject,
            events: { 'http://schemas.openid.net/event/backchannel-logout': {} },
          }),
        }).toString(),
      })

    const forged = await logout((p) => idp.signWithStrangerKey(p))
    expect(forged.statusCode).toBe(400)
    expect((await priya.get('/')).statusCode).toBe(200)
    const denied = await db()
      .selectFrom('audit_event')
      .select('detail')
      .where('action', '=', 'user.sign_out')
      .where('outcome', '=', 'denied')
      .executeTakeFirstOrThrow()
    expect(denied.detail).toMatchObject({ method: 'sso_back_channel' })

    const real = await logout((p) => idp.sign(p, 'logout+jwt'))
    expect(real.statusCode).toBe(200)
    const after = await priya.get('/')
    expect(after.statusCode).toBe(302)
    expect(after.headers.location).toMatch(/^\/sign-in/)
  })

  it('signs out of Haven, then sends the person to the provider to sign out there too', async () => {
    const priya = new Browser(t.app)
    await startAndSignIn(priya, 'entra-0001')
    const home = await priya.get('/')
    expect(home.statusCode).toBe(200)
    const out = await priya.post('/sign-out', {}, '/')
    expect(out.statusCode).toBe(200)
    expect(out.body).toContain('You have signed out of Haven')
    const target = /http-equiv="refresh" content="0; url=([^"]+)"/.exec(out.body)?.[1]
    expect(target).toBeTruthy()
    const url = new URL(target!.replaceAll('&amp;', '&'))
    expect(url.origin).toBe(idp.issuer)
    expect(url.searchParams.get('post_logout_redirect_uri')).toBe(`${HAVEN_URL}/signed-out`)
    expect(url.searchParams.get('id_token_hint')).toBeTruthy()
    expect((await priya.get('/')).statusCode).toBe(302)
  })
})
