/**
 * The conversation with the authority's OpenID Connect provider, through openid-client: discovery
 * (kept once it succeeds), the authorisation request with PKCE (S256), state and nonce, the code
 * exchange with every ID token check (signature included), the RP-initiated sign-out address,
 * and back-channel logout tokens, verified with jose against the provider's published keys.
 */
import * as oidc from 'openid-client'
import {
  createRemoteJWKSet,
  customFetch as joseFetch,
  jwtVerify,
  type FetchImplementation as JoseFetch,
  type JWTPayload,
} from 'jose'
import type { SsoConfig } from '../../config.js'

/** A stand-in for `fetch`, for tests that need to see or change what the provider sends. */
export type ProviderFetch = oidc.CustomFetch

export interface ProviderOptions {
  fetch?: ProviderFetch
}

export interface StartedSignIn {
  url: string
  state: string
  nonce: string
  codeVerifier: string
}

export interface SignedInClaims {
  issuer: string
  subject: string
  sid: string | null
  idToken: string
  claims: Record<string, unknown>
}

const BACKCHANNEL_EVENT = 'http://schemas.openid.net/event/backchannel-logout'

export class ProviderUnavailableError extends Error {}
export class LogoutTokenError extends Error {}

export class OidcProvider {
  private configuration: Promise<oidc.Configuration> | null = null
  private jwks: ReturnType<typeof createRemoteJWKSet> | null = null

  constructor(
    readonly config: SsoConfig,
    private readonly options: ProviderOptions = {},
  ) {}

  /** The provider's configuration, discovered on first use; a failure is retried next time. */
  private discover(): Promise<oidc.Configuration> {
    if (!this.configuration) {
      const execute = [oidc.enableNonRepudiationChecks]
      if (this.config.allowHttp) execute.unshift(oidc.allowInsecureRequests)
      const auth = this.config.clientSecret ? oidc.ClientSecretBasic(this.config.clientSecret) : oidc.None()
      const fetch = this.options.fetch
      this.configuration = oidc
        .discovery(new URL(this.config.issuerUrl), this.config.clientId, undefined, auth, {
          execute,
          ...(fetch ? { [oidc.customFetch]: fetch } : {}),
          timeout: 10,
        })
        .then((configuration) => {
          if (fetch) configuration[oidc.customFetch] = fetch
          return configuration
        })
        .catch((err: unknown) => {
          this.configuration = null
          throw new ProviderUnavailableError(`The provider could not be reached: ${String(err)}`)
        })
    }
    return this.configuration
  }

  async start(): Promise<StartedSignIn> {
    const configuration = await this.discover()
    const codeVerifier = oidc.randomPKCECodeVerifier()
    const state = oidc.randomState()
    const nonce = oidc.randomNonce()
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: this.config.redirectUrl,
      scope: this.config.scopes,
      response_type: 'code',
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    })
    return { url: url.href, state, nonce, codeVerifier }
  }

  /**
   * Exchanges the code in the callback's query for tokens and checks the ID token (signature
   * against the provider's keys, issuer, audience, expiry, nonce). Throws openid-client's error
   * on any failure: `classifyTokenError` names it.
   */
  async finish(
    query: string,
    expected: { state: string; nonce: string; codeVerifier: string },
  ): Promise<SignedInClaims> {
    const configuration = await this.discover()
    const current = new URL(this.config.redirectUrl)
    current.search = query
    const tokens = await oidc.authorizationCodeGrant(configuration, current, {
      pkceCodeVerifier: expected.codeVerifier,
      expectedState: expected.state,
      expectedNonce: expected.nonce,
      idTokenExpected: true,
    })
    const claims = tokens.claims()
    if (!claims || !tokens.id_token) throw new Error('The provider sent no ID token')
    return {
      issuer: claims.iss,
      subject: claims.sub,
      sid: typeof claims.sid === 'string' ? claims.sid : null,
      idToken: tokens.id_token,
      claims: claims as Record<string, unknown>,
    }
  }

  /** Where to send someone to sign out at the provider too; null if it offers no such page. */
  async endSessionUrl(idToken: string): Promise<string | null> {
    let configuration: oidc.Configuration
    try {
      configuration = await this.discover()
    } catch {
      return null
    }
    if (!configuration.serverMetadata().end_session_endpoint) return null
    return oidc.buildEndSessionUrl(configuration, {
      id_token_hint: idToken,
      post_logout_redirect_uri: this.config.postLogoutRedirectUrl,
    }).href
  }

  /**
   * Checks a back-channel logout token (OpenID Connect Back-Channel Logout 1.0, section 2.6):
   * signed by the provider, for this client, recent, carrying the logout event, a `sid` or `sub`,
   * and no nonce. Returns who and which provider session to sign out.
   */
  async verifyLogoutToken(
    token: string,
  ): Promise<{ issuer: string; sid: string | null; subject: string | null; jti: string | null }> {
    const configuration = await this.discover()
    const metadata = configuration.serverMetadata()
    if (!metadata.jwks_uri) throw new LogoutTokenError('The provider publishes no keys')
    if (!this.jwks) {
      const fetch = this.options.fetch
      this.jwks = createRemoteJWKSet(new URL(metadata.jwks_uri), {
        // jose asks only a GET of the keys, a subset of what openid-client's fetch takes.
        ...(fetch ? { [joseFetch]: fetch as unknown as JoseFetch } : {}),
      })
    }
    let payload: JWTPayload
    try {
      ;({ payload } = await jwtVerify(token, this.jwks, {
        issuer: metadata.issuer,
        audience: this.config.clientId,
        maxTokenAge: '5 minutes',
        algorithms: ['RS256', 'PS256', 'ES256', 'EdDSA'],
      }))
    } catch (err) {
      throw new LogoutTokenError(
        `The logout token failed its checks: ${(err as { code?: string }).code ?? 'invalid'}`,
      )
    }
    const events = payload.events as Record<string, unknown> | undefined
    if (!events || typeof events !== 'object' || !(BACKCHANNEL_EVENT in events))
      throw new LogoutTokenError('The logout token has no logout event')
    if ('nonce' in payload) throw new LogoutTokenError('A logout token must not carry a nonce')
    const sid = typeof payload.sid === 'string' ? payload.sid : null
    const subject = typeof payload.sub === 'string' ? payload.sub : null
    if (!sid && !subject) throw new LogoutTokenError('The logout token names no session and no subject')
    return {
      issuer: metadata.issuer,
      sid,
      subject,
      jti: typeof payload.jti === 'string' ? payload.jti : null,
    }
  }
}
