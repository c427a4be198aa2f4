/**
 * A real OpenID Connect provider (the `oidc-provider` package) started in-process on a spare port,
 * standing in for the authority's Microsoft Entra ID: one client for Haven and test accounts whose
 * ID tokens carry their groups. Its own sign-in page accepts any password for a known account.
 * Also signs tokens with its key, or with a stranger's, for tests that tamper with them.
 */
import { createPrivateKey, createSign, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider'

export const TEST_CLIENT = { id: 'haven-test', secret: 'haven-test-secret-of-enough-length' }

export interface TestAccount {
  name: string
  email: string
  preferred_username: string
  groups: string[]
}

export const TEST_ACCOUNTS: Record<string, TestAccount> = {
  'entra-0001': {
    name: 'Priya Nandakumar',
    email: 'priya.nandakumar@thurrock.example.gov.uk',
    preferred_username: 'priya.nandakumar@thurrock.example.gov.uk',
    groups: ['grp-haven-social-workers', 'grp-all-staff'],
  },
  'entra-0002': {
    name: 'Tom Okafor',
    email: 'tom.okafor@thurrock.example.gov.uk',
    preferred_username: 'tom.okafor@thurrock.example.gov.uk',
    groups: ['grp-all-staff'],
  },
}

export interface TestIdentityProvider {
  issuer: string
  provider: Provider
  /** Haven's settings for this provider. */
  env: Record<string, string>
  /** Signs a JWT with the provider's own key (same `kid`). */
  sign(payload: Record<string, unknown>, typ?: string): string
  /** Signs a JWT under the provider's `kid` with a key the provider never published. */
  signWithStrangerKey(payload: Record<string, unknown>): string
  close(): Promise<void>
}

const b64u = (value: string | Buffer) => Buffer.from(value).toString('base64url')

function signJwt(key: KeyObject, kid: string, payload: Record<string, unknown>, typ = 'JWT'): string {
  const input = `${b64u(JSON.stringify({ alg: 'RS256', kid, typ }))}.${b64u(JSON.stringify(payload))}`
  const signature = createSign('RSA-SHA256').update(input).sign(key)
  return `${input}.${b64u(signature)}`
}

/** A free port on this machine (for a server that must know its address before it starts). */
export async function freePort(): Promise<number> {
  const server = http.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

export async function startIdentityProvider(options: {
  /** Haven's public address, for the redirect, post-logout and back-channel addresses. */
  havenUrl: string
  displayName?: string
}): Promise<TestIdentityProvider> {
  const server = http.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const issuer = `http://127.0.0.1:${port}`

  const kid = `test-key-${randomUUID().slice(0, 8)}`
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' }
  const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey

  const configuration: Configuration = {
    clients: [
      {
        client_id: TEST_CLIENT.id,
        client_secret: TEST_CLIENT.secret,
        redirect_uris: [`${options.havenUrl}/sign-in/sso/callback`],
        post_logout_redirect_uris: [`${options.havenUrl}/signed-out`],
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_basic',
        backchannel_logout_uri: `${options.havenUrl}/sign-in/sso/back-channel-logout`,
        backchannel_logout_session_required: true,
      },
    ],
    jwks: { keys: [jwk as never] },
    pkce: { methods: ['S256'], required: () => true },
    features: {
      devInteractions: { enabled: true },
      backchannelLogout: { enabled: true },
      rpInitiatedLogout: { enabled: true },
    },
    claims: {
      openid: ['sub'],
      profile: ['name', 'preferred_username', 'groups'],
      email: ['email', 'email_verified'],
    },
    // Entra ID puts the groups in the ID token itself: so does this provider.
    conformIdTokenClaims: false,
    cookies: { keys: ['haven-test-cookie-key'] },
    findAccount: async (_ctx, id) => {
      const account = TEST_ACCOUNTS[id]
      if (!account) return undefined
      return { accountId: id, claims: async () => ({ sub: id, email_verified: true, ...account }) }
    },
    // Haven is the authority's own application: staff are not asked to consent to it.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const client = ctx.oidc.client
      const session = ctx.oidc.session
      if (!client || !session?.accountId) return undefined
      const grantId = session.grantIdFor(client.clientId)
      if (grantId) return ctx.oidc.provider.Grant.find(grantId)
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId })
      grant.addOIDCScope('openid profile email')
      await grant.save()
      session.grantIdFor(client.clientId, grant.jti)
      return grant
    },
  }
  const provider = new Provider(issuer, configuration)
  // Koa's handler answers its own errors (ctx.onerror) and never rejects, so nothing awaits it.
  const handle = provider.callback()
  server.on('request', (req, res) => void handle(req, res))
  const key = createPrivateKey({ key: jwk as never, format: 'jwk' })

  return {
    issuer,
    provider,
    env: {
      OIDC_ISSUER_URL: issuer,
      OIDC_CLIENT_ID: TEST_CLIENT.id,
      OIDC_CLIENT_SECRET: TEST_CLIENT.secret,
      OIDC_DISPLAY_NAME: options.displayName ?? 'Thurrock Council account',
    },
    sign: (payload, typ) => signJwt(key, kid, payload, typ),
    signWithStrangerKey: (payload) => signJwt(stranger, kid, payload),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/**
 * A browser's visit to the provider, by fetch: follows its redirects with its own cookies, signs
 * in on its sign-in page as the account named, and returns the address it finally sends the
 * browser to (Haven's callback) without following it.
 */
export async function signInAtProvider(authorizationUrl: string, accountId: string): Promise<URL> {
  const jar = new Map<string, string>()
  const send = async (url: string, init: RequestInit = {}) => {
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: {
        ...(init.headers as Record<string, string> | undefined),
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
      },
    })
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';')
      const at = pair!.indexOf('=')
      jar.set(pair!.slice(0, at), pair!.slice(at + 1))
    }
    return res
  }
  let url = authorizationUrl
  for (let hops = 0; hops < 10; hops++) {
    const res = await send(url)
    const location = res.headers.get('location')
    if (res.status >= 300 && res.status < 400 && location) {
      const next = new URL(location, url)
      if (next.pathname.endsWith('/sign-in/sso/callback')) return next
      url = next.href
      continue
    }
    const page = await res.text()
    if (!/name="login"/.test(page))
      throw new Error(`Unexpected page from the provider (${res.status}): ${page.slice(0, 300)}`)
    const action = /action="([^"]+)"/.exec(page)?.[1]
    if (!action) throw new Error('No sign-in form at the provider')
    const posted = await send(new URL(action, url).href, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ prompt: 'login', login: accountId, password: 'any password' }).toString(),
    })
    const after = posted.headers.get('location')
    if (!after) throw new Error(`The provider did not accept the sign-in (${posted.status})`)
    url = new URL(after, url).href
  }
  throw new Error('Too many redirects at the provider')
}
