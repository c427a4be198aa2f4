/** Drives the web application in-process for integration tests (no network, real database). */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { buildApp } from '../../src/bootstrap.js'
import { loadConfig, type Config } from '../../src/platform/config.js'
import { systemClock, type Clock } from '../../src/platform/calendar/clock.js'
import type { Logger } from '../../src/platform/logging.js'
import type { OpenDatabase } from '../../src/platform/db/database.js'
import type { ProviderOptions } from '../../src/platform/auth/sso/provider.js'
import { DEMO_PASSWORD } from '../../src/modules/demo/seed.js'
import { openTestDatabase } from './test-database.js'

export interface TestApp {
  app: FastifyInstance
  database: OpenDatabase
  /** The configuration the application was built with. */
  config: Config
  /** The clock the application's services read (the system's unless the test fixed one). */
  clock: Clock
  close(): Promise<void>
}

export interface TestAppOptions {
  /** Settings beside the test defaults, as environment variables (e.g. TRUSTED_PROXIES, OIDC_*). */
  env?: Record<string, string>
  /** A change to the loaded configuration (e.g. to run as production without its settings). */
  config?: (config: Config) => Config
  /** A logger to write to (e.g. one that captures what the application logs). */
  logger?: Logger
  /** How the single sign-on client reaches the test provider. */
  sso?: ProviderOptions
  /** The time as the application's services see it, e.g. `fixedClock('2026-12-24T15:00:00Z')`. */
  clock?: Clock
}

export async function openTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = await openTestDatabase({ seeded: true })
  const loaded = loadConfig({
    NODE_ENV: 'test',
    AUDIT_HMAC_KEY: 'test-key',
    DRAFT_KEY: 'test-draft-key',
    ...options.env,
  })
  const config = options.config ? options.config(loaded) : loaded
  const app = await buildApp(config, database, {
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.sso ? { sso: options.sso } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  })
  return {
    app,
    database,
    config,
    clock: options.clock ?? systemClock,
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

/** A form field, or a file chosen in a file input (`content` as sent). */
export type FilePart = readonly [
  string,
  string | { filename: string; content: string | Buffer; type?: string },
]

export interface BrowserOptions {
  /** The address the request comes from (the socket's, as a proxy or the client would be). */
  remoteAddress?: string
  /** Headers sent with every request, e.g. an X-Forwarded-For. */
  headers?: Record<string, string>
}

const FORM = 'application/x-www-form-urlencoded'

export class Browser {
  cookie = ''
  constructor(
    readonly app: FastifyInstance,
    readonly options: BrowserOptions = {},
  ) {}

  private from() {
    return this.options.remoteAddress ? { remoteAddress: this.options.remoteAddress } : {}
  }

  async get(url: string) {
    const res = await this.app.inject({
      method: 'GET',
      url,
      headers: { ...this.options.headers, cookie: this.cookie },
      ...this.from(),
    })
    this.cookie = cookiesFrom(res, this.cookie)
    return res
  }

  /** Posts a form, taking the CSRF token from `formUrl` first, as a browser would. */
  async post(url: string, fields: Record<string, string>, formUrl = url) {
    const form = await this.get(formUrl)
    const csrf = csrfFrom(form.body)
    return this.postWithToken(url, fields, csrf)
  }

  /** Posts a body of the given type with this browser's cookies, keeping the cookies it sets. */
  private async send(url: string, contentType: string, payload: string | Buffer) {
    const res = await this.app.inject({
      method: 'POST',
      url,
      headers: { ...this.options.headers, cookie: this.cookie, 'content-type': contentType },
      payload,
      ...this.from(),
    })
    this.cookie = cookiesFrom(res, this.cookie)
    return res
  }

  async postWithToken(url: string, fields: Record<string, string>, csrf: string | undefined) {
    return this.send(
      url,
      FORM,
      new URLSearchParams({ ...(csrf ? { _csrf: csrf } : {}), ...fields }).toString(),
    )
  }

  /** Posts a form whose fields repeat (several children, several checkboxes), token from `formUrl`. */
  async postMany(url: string, fields: [string, string][], formUrl = url) {
    const form = await this.get(formUrl)
    const params = new URLSearchParams([['_csrf', csrfFrom(form.body)], ...fields])
    return this.send(url, FORM, params.toString())
  }

  /**
   * Sends a form with files (multipart), as a browser would: the fields and files in the order
   * given, the CSRF token from `formUrl` first unless `csrf` says otherwise (null: none).
   */
  async postFiles(
    url: string,
    parts: readonly FilePart[],
    options: { formUrl?: string; csrf?: string | null } = {},
  ) {
    const csrf =
      options.csrf === undefined ? csrfFrom((await this.get(options.formUrl ?? url)).body) : options.csrf
    const boundary = `----haven-test-${Math.random().toString(16).slice(2)}`
    const chunks: Buffer[] = []
    const all: readonly FilePart[] = csrf === null ? parts : [['_csrf', csrf], ...parts]
    for (const [name, value] of all) {
      const head =
        typeof value === 'string'
          ? `Content-Disposition: form-data; name="${name}"\r\n\r\n`
          : `Content-Disposition: form-data; name="${name}"; filename="${value.filename}"\r\nContent-Type: ${value.type ?? 'application/octet-stream'}\r\n\r\n`
      chunks.push(Buffer.from(`--${boundary}\r\n${head}`))
      chunks.push(typeof value === 'string' ? Buffer.from(value) : Buffer.from(value.content))
      chunks.push(Buffer.from('\r\n'))
    }
    chunks.push(Buffer.from(`--${boundary}--\r\n`))
    return this.send(url, `multipart/form-data; boundary=${boundary}`, Buffer.concat(chunks))
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
