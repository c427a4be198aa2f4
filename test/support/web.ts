/** Drives the web application in-process for integration tests (no network, real database). */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { buildApp } from '../../src/bootstrap.js'
import { loadConfig } from '../../src/platform/config.js'
import type { OpenDatabase } from '../../src/platform/db/database.js'
import type { ProviderOptions } from '../../src/platform/auth/sso/provider.js'
import { DEMO_PASSWORD, seedDemo } from '../../src/modules/demo/seed.js'
import { openTestDatabase } from './test-database.js'

export interface TestApp {
  app: FastifyInstance
  database: OpenDatabase
  close(): Promise<void>
}

/** `env` adds settings (single sign-on's, for one); `sso` reaches the provider client. */
export async function openTestApp(
  options: { env?: Record<string, string>; sso?: ProviderOptions } = {},
): Promise<TestApp> {
  const database = await openTestDatabase()
  await seedDemo(database.db)
  const config = loadConfig({ NODE_ENV: 'test', AUDIT_HMAC_KEY: 'test-key', ...options.env })
  const app = await buildApp(config, database, options.sso ? { sso: options.sso } : {})
  return {
    app,
    database,
    close: async () => {
      await app.close()
      await database.close()
    },
  }
}

/** Cookies from a response, as a Cookie header value, merged over earlier ones. */
export function cookiesFrom(res: LightMyRequestResponse, previous = ''): string {
  const jar = new Map(
    previous
      .split('; ')
      .filter(Boolean)
      .map((c) => c.split('=') as [string, string]),
  )
  for (const c of res.cookies) jar.set(c.name, c.value)
  return [...jar].map(([k, v]) => `${k}=${v}`).join('; ')
}

export function csrfFrom(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html)
  if (!m?.[1]) throw new Error('No CSRF token on the page')
  return m[1]
}

export class Browser {
  cookie = ''
  constructor(readonly app: FastifyInstance) {}

  async get(url: string) {
    const res = await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookie } })
    this.cookie = cookiesFrom(res, this.cookie)
    return res
  }

  /** Posts a form, taking the CSRF token from `formUrl` first, as a browser would. */
  async post(url: string, fields: Record<string, string>, formUrl = url) {
    const form = await this.get(formUrl)
    const csrf = csrfFrom(form.body)
    return this.postWithToken(url, fields, csrf)
  }

  async postWithToken(url: string, fields: Record<string, string>, csrf: string | undefined) {
    const res = await this.app.inject({
      method: 'POST',
      url,
      headers: { cookie: this.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ ...(csrf ? { _csrf: csrf } : {}), ...fields }).toString(),
    })
    this.cookie = cookiesFrom(res, this.cookie)
    return res
  }

  /** Posts a form whose fields repeat (several children, several checkboxes), token from `formUrl`. */
  async postMany(url: string, fields: [string, string][], formUrl = url) {
    const form = await this.get(formUrl)
    const params = new URLSearchParams([['_csrf', csrfFrom(form.body)], ...fields])
    const res = await this.app.inject({
      method: 'POST',
      url,
      headers: { cookie: this.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: params.toString(),
    })
    this.cookie = cookiesFrom(res, this.cookie)
    return res
  }

  async signIn(username: string, password = DEMO_PASSWORD) {
    return this.post('/sign-in', { username, password }, '/sign-in')
  }
}

/** What a page says, without the markup or what differs on every response (nonces, tokens). */
export function pageText(html: string): string {
  const main = /<main[^>]*>([\s\S]*?)<\/main>/.exec(html)?.[1] ?? html
  return main
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}
