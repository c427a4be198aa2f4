/**
 * Signing in through the authority's identity provider. The start is a GET (`form-action 'self'`
 * would block a form posting to the provider); the callback finishes it; the provider's server
 * posts back-channel logout tokens, which carry no CSRF token and are verified instead.
 */
import type { FastifyInstance, FastifyReply } from 'fastify'
import type { Config, SsoConfig } from '../../config.js'
import type { Db } from '../../db/database.js'
import { SESSION_COOKIE } from '../../http/app.js'
import { safeReturnTo } from '../routes.js'
import { endSessionByCookie } from '../sessions.js'
import { OidcProvider } from './provider.js'
import { backChannelLogout, finishSsoSignIn, startSsoSignIn, type SsoRefusal } from './service.js'

/** The cookie tying an attempt to the browser that started it; sent only to the callback. */
export const SSO_ATTEMPT_COOKIE = 'haven_sso'
const ATTEMPT_COOKIE_PATH = '/sign-in/sso'

interface Message {
  status: number
  title: string
  paragraphs: string[]
}

function refusalMessage(reason: SsoRefusal, sso: SsoConfig): Message {
  const provider = sso.displayName
  switch (reason) {
    case 'provider_unavailable':
      return {
        status: 503,
        title: `Signing in with ${provider} is not working at the moment`,
        paragraphs: [
          `Haven could not reach ${provider}. Try again in a few minutes.`,
          'If it keeps happening, tell your IT service desk.',
        ],
      }
    case 'missing_state':
    case 'unknown_state':
    case 'replayed_state':
    case 'expired_state':
    case 'browser_mismatch':
      return {
        status: 400,
        title: 'Your sign-in could not be finished',
        paragraphs: [
          'The sign-in had already been used, had taken longer than 10 minutes, or was started in another browser. For your security, Haven has not signed you in.',
          'Start again from the sign-in page.',
        ],
      }
    case 'provider_error':
      return {
        status: 400,
        title: `You did not finish signing in with ${provider}`,
        paragraphs: [
          `${provider} did not sign you in, so neither has Haven. Start again from the sign-in page.`,
        ],
      }
    case 'no_mapped_group':
    case 'groups_overflow':
      return {
        status: 403,
        title: 'Your account does not have access to Haven',
        paragraphs: [
          `You signed in with ${provider}, but you are not in any of the groups that give access to Haven.`,
          'Ask your manager or IT service desk to add you to the right group for your work, then try again.',
        ],
      }
    case 'disabled':
      return {
        status: 403,
        title: 'Your Haven account is disabled',
        paragraphs: [
          'An administrator has disabled your account. Ask your Haven administrator if you think this is wrong.',
        ],
      }
    case 'awaiting_confirmation':
      return awaitingMessage(sso)
    default:
      return {
        status: 400,
        title: 'Your sign-in could not be finished',
        paragraphs: [
          `Haven could not check what ${provider} sent, so it has not signed you in. Your attempt has been recorded.`,
          'Try again. If it keeps happening, tell your IT service desk and give them the reference below.',
        ],
      }
  }
}

function awaitingMessage(sso: SsoConfig): Message {
  return {
    status: 403,
    title: 'Your account is waiting for an administrator to confirm it',
    paragraphs: [
      `You have signed in with ${sso.displayName} and Haven has made an account for you. An administrator needs to confirm it before you can use Haven.`,
      'Your administrator can see that your account is waiting. Sign in again once they have told you it is confirmed.',
    ],
  }
}

export function ssoRoutes(deps: { db: Db; config: Config; provider: OidcProvider | null }) {
  const { db, config, provider } = deps
  return async (app: FastifyInstance) => {
    if (!provider) return
    const sso = provider.config

    const show = (reply: FastifyReply, message: Message, requestId: string) =>
      reply.code(message.status).view('platform/auth/views/sso-message.njk', {
        pageTitle: message.title,
        paragraphs: message.paragraphs,
        requestId: message.status === 403 ? null : requestId,
        currentUser: null,
        navigation: [],
      })

    app.get('/sign-in/sso', { config: { access: 'public' } }, async (request, reply) => {
      const query = request.query as Record<string, unknown>
      const returnTo = safeReturnTo(typeof query.returnTo === 'string' ? query.returnTo : undefined)
      const started = await startSsoSignIn(db, provider, returnTo, request.auditContext)
      if (!started.ok) return show(reply, refusalMessage(started.reason, sso), request.id)
      reply.setCookie(SSO_ATTEMPT_COOKIE, started.browserToken, {
        path: ATTEMPT_COOKIE_PATH,
        httpOnly: true,
        // Lax: the provider's redirect back is a top-level GET, which carries it.
        sameSite: 'lax',
        secure: config.session.secureCookie,
      })
      reply.header('Cache-Control', 'no-store')
      return reply.redirect(started.url, 302)
    })

    app.get('/sign-in/sso/callback', { config: { access: 'public' } }, async (request, reply) => {
      const query = request.query as Record<string, unknown>
      const text = (name: string) => (typeof query[name] === 'string' ? (query[name] as string) : undefined)
      const rawQuery = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : ''
      reply.clearCookie(SSO_ATTEMPT_COOKIE, { path: ATTEMPT_COOKIE_PATH })
      reply.header('Cache-Control', 'no-store')
      const result = await finishSsoSignIn(
        db,
        provider,
        {
          query: rawQuery,
          state: text('state'),
          browserToken: request.cookies[SSO_ATTEMPT_COOKIE],
          error: text('error'),
        },
        request.auditContext,
      )
      if (result.kind === 'awaiting_confirmation') return show(reply, awaitingMessage(sso), request.id)
      if (result.kind === 'refused') return show(reply, refusalMessage(result.reason, sso), request.id)
      // A new session every sign-in: any token seen before signing in is worthless afterwards.
      const previous = request.cookies[SESSION_COOKIE]
      if (previous) await endSessionByCookie(db, previous, 'replaced at sign-in')
      reply.setCookie(SESSION_COOKIE, result.cookie, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: config.session.secureCookie,
      })
      return reply.redirect(safeReturnTo(result.returnTo), 303)
    })

    // The provider's server tells Haven that someone signed out there (OpenID Connect
    // Back-Channel Logout 1.0). It cannot carry Haven's CSRF token: the signed logout token,
    // checked against the provider's keys, is what makes the request trustworthy.
    app.post(
      '/sign-in/sso/back-channel-logout',
      { config: { access: 'public', csrf: 'exempt' } },
      async (request, reply) => {
        const body = (request.body ?? {}) as Record<string, unknown>
        const logoutToken = typeof body.logout_token === 'string' ? body.logout_token : undefined
        const result = await backChannelLogout(db, provider, logoutToken, request.auditContext)
        reply.header('Cache-Control', 'no-store')
        if (!result.ok)
          return reply
            .code(400)
            .send({ error: 'invalid_request', error_description: 'The logout token was refused' })
        return reply.code(200).send()
      },
    )
  }
}

/** The provider client for a configuration, or null when single sign-on is off. */
export function providerFor(config: Config, options: ConstructorParameters<typeof OidcProvider>[1] = {}) {
  return config.sso ? new OidcProvider(config.sso, options) : null
}
