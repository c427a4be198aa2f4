/**
 * Sign-in throttling: counted and decided in one statement, so a burst of simultaneous guesses
 * cannot slip past the limit; kept per account and source address together, so guessing a
 * colleague's password from elsewhere cannot lock them out; with a looser limit per source across
 * accounts against spraying one password at many; and the account holder is told at their next
 * sign-in. Addresses come from the socket unless a configured proxy forwards them.
 */
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { THROTTLE } from '../../src/platform/auth/sign-in.js'
import { Browser, openTestApp, type TestApp } from '../support/web.js'

let t: TestApp
beforeAll(async () => {
  t = await openTestApp()
})
afterAll(async () => t.close())

/** An account with the demo password, made straight in the database. */
async function addAccount(app: TestApp, username: string) {
  const { password_hash } = await app.database.db
    .selectFrom('app_user')
    .select('password_hash')
    .where('username', '=', 'admin')
    .executeTakeFirstOrThrow()
  await app.database.db
    .insertInto('app_user')
    .values({ username, display_name: `Holder ${username}`, role: 'social_worker', password_hash })
    .execute()
}

/** Browsers that have each loaded the sign-in form, ready to post at once. */
async function browsersAt(app: TestApp, n: number, remoteAddress: string) {
  const list = Array.from({ length: n }, () => new Browser(app.app, { remoteAddress }))
  for (const b of list) await b.get('/sign-in')
  return list
}

const statuses = (codes: number[]) => ({
  401: codes.filter((c) => c === 401).length,
  429: codes.filter((c) => c === 429).length,
})

describe('signing in with wrong passwords', () => {
  it('lets at most the limit through when 12 guesses arrive at once', async () => {
    await addAccount(t, 'burst.target')
    const browsers = await browsersAt(t, 12, '203.0.113.10')
    const results = await Promise.all(browsers.map((b, i) => b.signIn('burst.target', `wrong ${i}`)))
    expect(statuses(results.map((r) => r.statusCode))).toEqual({
      401: THROTTLE.perAccountAndSource,
      429: 12 - THROTTLE.perAccountAndSource,
    })
    // The holder, from their own address, is not locked out.
    const holder = new Browser(t.app, { remoteAddress: '198.51.100.20' })
    expect((await holder.signIn('burst.target')).statusCode).toBe(303)
  })

  it('does not let someone elsewhere lock the holder out, and tells the holder at their next sign-in', async () => {
    await addAccount(t, 'named.colleague')
    const attacker = new Browser(t.app, { remoteAddress: '203.0.113.11' })
    const codes: number[] = []
    for (let i = 0; i < 8; i++)
      codes.push((await attacker.signIn('named.colleague', `guess ${i}`)).statusCode)
    expect(codes).toEqual([401, 401, 401, 401, 401, 429, 429, 429])
    // The attacker's address stays refused even with the right password.
    expect((await attacker.signIn('named.colleague')).statusCode).toBe(429)

    const holder = new Browser(t.app, { remoteAddress: '198.51.100.21' })
    const signedIn = await holder.signIn('named.colleague')
    expect(signedIn.statusCode).toBe(303)
    const home = await holder.get(String(signedIn.headers.location))
    expect(home.statusCode).toBe(200)
    expect(home.body).toContain('govuk-notification-banner')
    expect(home.body).toMatch(/9 unsuccessful attempts to sign in to your account/)
    const warned = await t.database.db
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'user.sign_in_warning')
      .where('username', '=', 'named.colleague')
      .execute()
    expect(warned).toHaveLength(1)
    expect(warned[0]?.detail).toMatchObject({ failedAttempts: 9 })
    // Shown once, then gone; and not again at the next sign-in.
    expect((await holder.get('/')).body).not.toContain('unsuccessful attempts')
    const again = new Browser(t.app, { remoteAddress: '198.51.100.21' })
    const next = await again.signIn('named.colleague')
    expect((await again.get(String(next.headers.location))).body).not.toContain('unsuccessful attempts')
  })

  it('makes each further guess wait twice as long as the last', async () => {
    await addAccount(t, 'slow.guess')
    const b = new Browser(t.app, { remoteAddress: '203.0.113.12' })
    for (let i = 0; i < THROTTLE.perAccountAndSource; i++)
      expect((await b.signIn('slow.guess', `wrong ${i}`)).statusCode).toBe(401)
    const wait = async () => {
      const row = await t.database.db
        .selectFrom('sign_in_throttle')
        .select(sql<number>`extract(epoch from blocked_until - last_attempt_at)::int`.as('seconds'))
        .where('scope', '=', 'account_source')
        .where('username', '=', 'slow.guess')
        .executeTakeFirstOrThrow()
      return Number(row.seconds)
    }
    const waits = [await wait()]
    for (let i = 0; i < 2; i++) {
      expect((await b.signIn('slow.guess', 'still wrong')).statusCode).toBe(429)
      // The wait passes...
      await sql`update sign_in_throttle set blocked_until = now() - interval '1 second', last_attempt_at = last_attempt_at - (blocked_until - last_attempt_at) - interval '1 second' where username = 'slow.guess'`.execute(
        t.database.db,
      )
      // ...and the next wrong guess is let through, and waits twice as long.
      expect((await b.signIn('slow.guess', 'wrong again')).statusCode).toBe(401)
      waits.push(await wait())
    }
    expect(waits).toEqual([
      THROTTLE.firstDelaySeconds,
      THROTTLE.firstDelaySeconds * 2,
      THROTTLE.firstDelaySeconds * 4,
    ])
  })

  it('limits one address guessing across many accounts', async () => {
    const sprayer = new Browser(t.app, { remoteAddress: '203.0.113.13' })
    const codes: number[] = []
    for (let i = 0; i < THROTTLE.perSource; i++)
      codes.push((await sprayer.signIn(`nobody.${i}`, 'Summer2026!')).statusCode)
    expect(codes.every((c) => c === 401)).toBe(true)
    expect((await sprayer.signIn('screener')).statusCode).toBe(429)
    // Elsewhere, the same account signs in.
    expect((await new Browser(t.app, { remoteAddress: '198.51.100.22' }).signIn('screener')).statusCode).toBe(
      303,
    )
  })
})

describe('old throttle keys', () => {
  it('are tidied away at a sign-in once nobody has tried them for a day', async () => {
    await t.database.db
      .insertInto('sign_in_throttle')
      .values([
        {
          scope: 'source',
          username: '',
          ip: '192.0.2.200',
          allowance: 30,
          attempts: 3,
          last_attempt_at: sql`now() - interval '25 hours'`,
        },
        {
          scope: 'source',
          username: '',
          ip: '192.0.2.201',
          allowance: 30,
          attempts: 3,
          last_attempt_at: sql`now() - interval '2 hours'`,
        },
      ])
      .execute()
    expect((await new Browser(t.app, { remoteAddress: '198.51.100.23' }).signIn('screener')).statusCode).toBe(
      303,
    )
    const left = await t.database.db
      .selectFrom('sign_in_throttle')
      .select('ip')
      .where('ip', 'in', ['192.0.2.200', '192.0.2.201'])
      .execute()
    expect(left.map((r) => r.ip)).toEqual(['192.0.2.201'])
  })
})

describe('the address a request comes from', () => {
  const auditIps = (app: TestApp, username: string) =>
    app.database.db
      .selectFrom('audit_event')
      .select('ip')
      .where('action', '=', 'user.sign_in')
      .where(sql<string>`detail->>'username'`, '=', username)
      .orderBy('id')
      .execute()

  it('is the socket’s when no proxy is trusted: a spoofed X-Forwarded-For changes neither the throttle nor the audit trail', async () => {
    await addAccount(t, 'spoof.target')
    const codes: number[] = []
    for (let i = 0; i < THROTTLE.perAccountAndSource + 2; i++) {
      const b = new Browser(t.app, {
        remoteAddress: '203.0.113.14',
        headers: { 'x-forwarded-for': `10.9.${i}.${i + 1}` },
      })
      codes.push((await b.signIn('spoof.target', `wrong ${i}`)).statusCode)
    }
    expect(codes.slice(-2)).toEqual([429, 429])
    expect(new Set((await auditIps(t, 'spoof.target')).map((r) => r.ip))).toEqual(new Set(['203.0.113.14']))
    const keys = await t.database.db
      .selectFrom('sign_in_throttle')
      .select('ip')
      .where('username', '=', 'spoof.target')
      .execute()
    expect(keys.map((k) => k.ip)).toEqual(['203.0.113.14'])
  })

  it('is the forwarded one when the request comes through a configured proxy', async () => {
    const proxied = await openTestApp({ env: { TRUSTED_PROXIES: '203.0.113.0/24, 192.0.2.7' } })
    try {
      await addAccount(proxied, 'behind.proxy')
      const viaProxy = new Browser(proxied.app, {
        remoteAddress: '203.0.113.15',
        headers: { 'x-forwarded-for': '198.51.100.99' },
      })
      expect((await viaProxy.signIn('behind.proxy', 'wrong')).statusCode).toBe(401)
      // A proxy not in the list is not believed.
      const other = new Browser(proxied.app, {
        remoteAddress: '192.0.2.8',
        headers: { 'x-forwarded-for': '198.51.100.98' },
      })
      expect((await other.signIn('behind.proxy', 'wrong')).statusCode).toBe(401)
      expect((await auditIps(proxied, 'behind.proxy')).map((r) => r.ip)).toEqual([
        '198.51.100.99',
        '192.0.2.8',
      ])
    } finally {
      await proxied.close()
    }
  })
})
