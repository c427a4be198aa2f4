/** Sign in and sign out. */
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import type { Config } from '../config.js'
import type { Db } from '../db/database.js'
import { recordAuditAlone } from '../audit/audit.js'
import {
  checkAnswers,
  type FormErrors,
  keepAnswers,
  keptText,
  readAnswers,
  singleError,
} from '../http/form.js'
import { SESSION_COOKIE } from '../http/app.js'
import { endSessionByCookie, startSession } from './sessions.js'
import { formatDateTime } from '../http/dates.js'
import { minutesToWait, signIn, type SignInResult } from './sign-in.js'

const signInSchema = z.object({
  username: z.string().trim().min(1, 'Enter your username').max(64, 'Enter your username'),
  password: z.string().min(1, 'Enter your password').max(1024, 'Enter your password'),
  returnTo: z.string().optional(),
})

/** Only a path on this site: never an open redirect. */
export function safeReturnTo(value: string | undefined): string {
  return value && /^\/(?![/\\])[^\s]*$/.test(value) && !value.startsWith('/sign-') ? value : '/'
}

function waitMessage(minutes: number): string {
  return `Too many attempts to sign in. Wait ${minutes === 1 ? '1 minute' : `${minutes} minutes`} and try again.`
}

type FailedAttempts = Extract<SignInResult, { ok: true }>['failedSinceLastSignIn']

/** What the account holder is told at sign-in about failed attempts since they last signed in. */
export function failedAttemptsMessage(failed: FailedAttempts): string {
  const when =
    failed.count === 1 || !failed.first || failed.first.getTime() === failed.last?.getTime()
      ? `on ${formatDateTime(failed.last)}`
      : `between ${formatDateTime(failed.first)} and ${formatDateTime(failed.last)}`
  const attempts =
    failed.count === 1 ? 'was 1 unsuccessful attempt' : `were ${failed.count} unsuccessful attempts`
  return `There ${attempts} to sign in to your account since you last signed in, ${when}. If this was not you, tell your manager and your IT service desk.`
}

export interface SignInWithProvider {
  displayName: string
  /** The provider's sign-out page for the session behind a cookie; null if it did not begin there. */
  signOutUrl: (cookie: string) => Promise<string | null>
}

export function authRoutes(deps: { db: Db; config: Config; sso?: SignInWithProvider | null }) {
  const { db, config } = deps
  const sso = deps.sso ?? null
  return async (app: FastifyInstance) => {
    const render = (
      reply: import('fastify').FastifyReply,
      values: Record<string, unknown>,
      errors: FormErrors,
      status = 200,
    ) =>
      reply.code(status).view('platform/auth/views/sign-in.njk', {
        pageTitle: 'Sign in',
        sso: sso ? { displayName: sso.displayName } : null,
        values,
        errors: errors.list,
        fieldErrors: errors.byField,
      })

    app.get('/sign-in', { config: { access: 'public' } }, async (request, reply) => {
      if (request.user) return reply.redirect('/')
      const query = request.query as Record<string, string | undefined>
      return render(reply, { returnTo: safeReturnTo(query.returnTo) }, { list: [], byField: {} })
    })

    app.post('/sign-in', { config: { access: 'public' } }, async (request, reply) => {
      const answers = readAnswers(request)
      const parsed = checkAnswers(signInSchema, answers)
      // The password is never shown again.
      const kept = keepAnswers(answers, { only: ['username', 'returnTo'] })
      const values = {
        username: keptText(kept, 'username'),
        returnTo: safeReturnTo(keptText(kept, 'returnTo')),
      }
      if (!parsed.ok) return render(reply, values, parsed.errors, 400)
      const result = await signIn(db, parsed.data.username, parsed.data.password, request.ip)
      if (!result.ok) {
        await recordAuditAlone(db, request.auditContext, {
          action: 'user.sign_in',
          outcome: 'denied',
          detail: { username: parsed.data.username.toLowerCase(), reason: result.reason },
        })
        const message =
          result.reason === 'rate_limited'
            ? waitMessage(minutesToWait(result.retryAt))
            : 'Enter a correct username and password'
        return render(
          reply,
          values,
          singleError('username', message),
          result.reason === 'rate_limited' ? 429 : 401,
        )
      }
      // A new session every sign-in: any token seen before signing in is worthless afterwards.
      const previous = request.cookies[SESSION_COOKIE]
      if (previous) await endSessionByCookie(db, previous, 'replaced at sign-in')
      // The holder hears of failed attempts on their account, from anywhere, since they last
      // signed in: on the first page, and in the audit trail.
      const failed = result.failedSinceLastSignIn
      const warning = failed.count > 0 ? failedAttemptsMessage(failed) : null
      const session = await startSession(
        db,
        result.user.id,
        warning ? { success: false, text: warning } : null,
      )
      const who = { ...request.auditContext, userId: result.user.id, username: result.user.username }
      await recordAuditAlone(db, who, { action: 'user.sign_in', outcome: 'allowed' })
      if (warning)
        await recordAuditAlone(db, who, {
          action: 'user.sign_in_warning',
          outcome: 'allowed',
          detail: {
            failedAttempts: failed.count,
            first: failed.first?.toISOString() ?? null,
            last: failed.last?.toISOString() ?? null,
          },
        })
      reply.setCookie(SESSION_COOKIE, session.cookie, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: config.session.secureCookie,
        // No Max-Age or Expires: the cookie ends with the browser. The server's idle and absolute
        // limits end the session itself.
      })
      return reply.redirect(safeReturnTo(parsed.data.returnTo), 303)
    })

    app.post('/sign-out', { config: { access: 'signed-in' } }, async (request, reply) => {
      const value = request.cookies[SESSION_COOKIE]
      const providerUrl = value && sso ? await sso.signOutUrl(value) : null
      if (value) await endSessionByCookie(db, value, 'signed out')
      await recordAuditAlone(db, request.auditContext, { action: 'user.sign_out', outcome: 'allowed' })
      reply.clearCookie(SESSION_COOKIE, { path: '/' })
      // Signed in through the provider: sign out there too (RP-initiated logout).
      if (sso && providerUrl)
        return reply.view('platform/auth/views/sso-signing-out.njk', {
          pageTitle: 'You have signed out of Haven',
          providerName: sso.displayName,
          providerUrl,
          currentUser: null,
          navigation: [],
        })
      // "Sign in again now" in the time-out warning: straight back to sign-in, then to the page.
      const answers = readAnswers(request)
      if (answers.then === 'sign-in' && typeof answers.returnTo === 'string')
        return reply.redirect(`/sign-in?returnTo=${encodeURIComponent(safeReturnTo(answers.returnTo))}`, 303)
      return reply.redirect('/signed-out', 303)
    })

    app.get('/signed-out', { config: { access: 'public' } }, async (_request, reply) =>
      reply.view('platform/views/message.njk', {
        pageTitle: 'You have signed out',
        paragraphs: ['You have signed out of Haven.'],
        signInLink: true,
      }),
    )
  }
}
