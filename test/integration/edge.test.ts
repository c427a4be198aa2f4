/**
 * Bad input is refused at the edge, before any handler or the database sees it: a NUL byte,
 * malformed percent-encoding or invalid UTF-8 anywhere in the URL or a form; a form with an
 * unreasonable number of fields; a body that is not a form. Each gets a plain message page with a
 * 4xx status, never a 500, and nothing is saved. And the smaller leaks at the edge: health and
 * version pages, request ids, methods other than GET and POST, the session cookie's lifetime.
 */
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/platform/config.js'
import type { Database } from '../../src/platform/db/schema.js'
import { createApp } from '../../src/platform/http/app.js'
import { Browser, csrfFrom, openTestApp, type TestApp } from '../support/web.js'
import { firstAllocatedChild } from '../support/actors.js'

let t: TestApp
beforeAll(async () => {
  t = await openTestApp()
})
afterAll(async () => t.close())

const allocatedChild = () => firstAllocatedChild(t.database.db)

const alertCount = async (childId: number) =>
  (
    await t.database.db
      .selectFrom('person_alert')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('person_id', '=', childId)
      .executeTakeFirstOrThrow()
  ).n

/** A refusal at the edge: the status asked for, Haven's message page, no server error. */
function expectRefused(res: { statusCode: number; body: string }, status: number) {
  expect(res.statusCode).toBe(status)
  expect(res.body).toContain('There is a problem with your request')
  expect(res.body).not.toContain('Sorry, there is a problem with the service')
}

describe('bad input in the URL', () => {
  let b: Browser
  beforeAll(async () => {
    b = new Browser(t.app)
    await b.signIn('social.worker')
  })

  it.each([
    ['a NUL byte in the query', '/people/search?search=1&name=ab%00c'],
    ['a NUL byte in a query name', '/people/search?search=1&na%00me=abc'],
    ['malformed percent-encoding in the query', '/people/search?search=1&name=ab%zzc'],
    ['a cut-off percent-encoding in the query', '/people/search?search=1&name=ab%E0%A4%A'],
    ['invalid UTF-8 in the query', '/people/search?search=1&name=ab%C3%28c'],
    ['an encoded surrogate in the query', '/people/search?search=1&name=%ED%A0%80'],
    ['a NUL byte in the path', '/children/%00'],
    ['malformed percent-encoding in the path', '/children/%zz'],
    ['invalid UTF-8 in the path', '/people/%FF/search'],
  ])('refuses %s with 400', async (_what, url) => {
    expectRefused(await b.get(url), 400)
  })

  it('refuses a NUL byte in an administrator’s page address', async () => {
    const admin = new Browser(t.app)
    await admin.signIn('admin')
    expectRefused(await admin.get('/admin/users/%00/edit'), 400)
    expect((await admin.get('/admin/users/social.worker/edit')).statusCode).toBe(200)
  })

  it('still accepts ordinary encoded text', async () => {
    const res = await b.get('/people/search?search=1&name=Zo%C3%AB+O%E2%80%99Brien')
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('value="Zoë O’Brien"')
  })
})

describe('bad input in a form', () => {
  let b: Browser
  let childId: number
  let csrf: string
  beforeAll(async () => {
    b = new Browser(t.app)
    await b.signIn('social.worker')
    childId = await allocatedChild()
    csrf = csrfFrom((await b.get(`/children/${childId}/alerts/new`)).body)
  })

  const post = (payload: string | Buffer, contentType = 'application/x-www-form-urlencoded') =>
    t.app.inject({
      method: 'POST',
      url: `/children/${childId}/alerts/new`,
      headers: { cookie: b.cookie, 'content-type': contentType },
      payload,
    })
  const alert = (summary: string) =>
    `_csrf=${encodeURIComponent(csrf)}&kind=medical&summary=${summary}&fromDate-day=&fromDate-month=&fromDate-year=&untilDate-day=&untilDate-month=&untilDate-year=`

  it.each([
    ['a NUL byte', alert('Needs%00an inhaler')],
    ['malformed percent-encoding', alert('Needs%zzan inhaler')],
    ['invalid UTF-8', alert('Needs%C3%28an inhaler')],
    ['a NUL byte in a field name', `${alert('Asthma')}&no%00te=x`],
  ])('refuses %s with 400 and saves nothing', async (_what, payload) => {
    const before = await alertCount(childId)
    expectRefused(await post(payload), 400)
    expect(await alertCount(childId)).toBe(before)
  })

  it('refuses raw bytes that are not UTF-8', async () => {
    const before = await alertCount(childId)
    const payload = Buffer.concat([Buffer.from(alert('Needs')), Buffer.from([0xff, 0xfe])])
    expectRefused(await post(payload), 400)
    expect(await alertCount(childId)).toBe(before)
  })

  it('refuses a form of more than 1,000 fields with 413', async () => {
    const before = await alertCount(childId)
    const extra = Array.from({ length: 1000 }, (_, i) => `f${i}=x`).join('&')
    expectRefused(await post(`${alert('Asthma')}&${extra}`), 413)
    expect(await alertCount(childId)).toBe(before)
  })

  it('refuses a JSON body on a form route with 415', async () => {
    const before = await alertCount(childId)
    const res = await post(
      JSON.stringify({ _csrf: csrf, kind: 'medical', summary: 'Sent as JSON' }),
      'application/json',
    )
    expectRefused(res, 415)
    expect(await alertCount(childId)).toBe(before)
    expectRefused(await post('summary=plain', 'text/plain'), 415)
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/sign-in',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ username: 'admin', password: 'haven-demo-2026' }),
    })
    expect(signIn.statusCode).toBe(415)
  })

  it('still saves a good form', async () => {
    const before = Number(await alertCount(childId))
    const res = await post(alert('Carries+an+inhaler%3A+asthma'))
    expect(res.statusCode).toBe(303)
    expect(Number(await alertCount(childId))).toBe(before + 1)
  })
})

describe('the auditor’s search', () => {
  it.each([['/audit?to=x'], ['/audit?from=2020-1-1'], ['/audit?from=2026-13-45']])(
    'shows an error summary with 400 for %s',
    async (url) => {
      const a = new Browser(t.app)
      await a.signIn('auditor')
      const res = await a.get(url)
      expect(res.statusCode).toBe(400)
      expect(res.body).toContain('govuk-error-summary')
      expect(res.body).toMatch(/Enter a (real )?date in the format YYYY-MM-DD/)
    },
  )
})

describe('methods other than GET and POST', () => {
  it.each(['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE'] as const)(
    'answers %s with 405 and the methods a page takes',
    async (method) => {
      const b = new Browser(t.app)
      await b.signIn('social.worker')
      const childId = await allocatedChild()
      const form = await t.app.inject({ method, url: '/sign-in', headers: { cookie: b.cookie } })
      expect(form.statusCode).toBe(405)
      expect(form.headers.allow).toBe('GET, HEAD, POST')
      expect(form.body).not.toContain('This form has expired')
      const page = await t.app.inject({ method, url: `/children/${childId}`, headers: { cookie: b.cookie } })
      expect(page.statusCode).toBe(405)
      expect(page.headers.allow).toBe('GET, HEAD')
      const missing = await t.app.inject({ method, url: '/no-such-page', headers: { cookie: b.cookie } })
      expect(missing.statusCode).toBe(404)
    },
  )
})

describe('request ids', () => {
  it('are Haven’s own, whatever the client sends, in the response and the audit trail', async () => {
    const chosen = 'chosen-by-the-client-0001'
    const res = await t.app.inject({
      method: 'POST',
      url: '/sign-in',
      headers: {
        'x-request-id': chosen,
        'content-type': 'application/x-www-form-urlencoded',
        cookie: 'haven_csrf=abc',
      },
      payload: '_csrf=abc&username=nobody.here&password=wrong',
    })
    expect(res.statusCode).toBe(401)
    expect(res.headers['x-request-id']).not.toBe(chosen)
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/)
    const rows = await t.database.db
      .selectFrom('audit_event')
      .select('request_id')
      .where('request_id', '=', chosen)
      .execute()
    expect(rows).toHaveLength(0)
  })
})

describe('the session cookie', () => {
  it('ends with the browser: no Max-Age or Expires', async () => {
    const b = new Browser(t.app)
    const res = await b.signIn('social.worker')
    const cookie = String(
      ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('haven_session=')),
    )
    expect(cookie).toContain('HttpOnly')
    expect(cookie).not.toMatch(/max-age|expires/i)
  })
})

describe('the public health and version pages', () => {
  it('report a database that is down without its error text', async () => {
    const unreachable = new Kysely<Database>({
      dialect: new PostgresDialect({
        pool: new pg.Pool({ connectionString: 'postgres://haven@127.0.0.1:1/none', max: 1 }),
      }),
    })
    const app = await createApp({ config: loadConfig({ NODE_ENV: 'test' }), db: unreachable, routes: [] })
    try {
      const res = await app.inject('/health')
      expect(res.statusCode).toBe(503)
      expect(res.json()).toEqual({ status: 'DOWN', components: { database: { status: 'DOWN' } } })
      expect(res.body).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/)
    } finally {
      await app.close()
      await unreachable.destroy()
    }
  })

  it('do not name the commit in production', async () => {
    const config = {
      ...loadConfig({ NODE_ENV: 'test' }),
      environment: 'production' as const,
      commit: 'abc123',
      drafts: { key: 'd'.repeat(40), keepDays: 14 },
    }
    const app = await createApp({ config, db: t.database.db, routes: [] })
    try {
      const info = (await app.inject('/info')).json()
      expect(info).toHaveProperty('version')
      expect(info).not.toHaveProperty('commit')
      expect(JSON.stringify(info)).not.toContain('abc123')
    } finally {
      await app.close()
    }
    // Outside production the commit helps whoever is testing say what they tried.
    expect((await t.app.inject('/info')).json()).toHaveProperty('commit')
  })
})
