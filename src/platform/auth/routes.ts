/** Sign in and sign out. */
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import type { Config } from '../config.js'
import type { Db } from '../db/database.js'
import { recordAuditAlone } from '../audit/audit.js'
import { formErrors, singleError, type FormErrors } from '../http/forms.js'
import { SESSION_COOKIE } from '../http/app.js'
import { endSessionByCookie, startSession } from './sessions.js'
import { signIn } from './sign-in.js'

const signInSchema = z.object({
  username: z.string().trim().min(1, 'Enter your username').max(64, 'Enter your username'),
  password: z.string().min(1, 'Enter your password').max(1024, 'Enter your password'),
  returnTo: z.string().optional(),
})

/** Only a path on this site: never an open redirect. */
export function safeReturnTo(value: string | undefined): string {
  return value && /^\/(?![/\\])[^\s]*$/.test(value) && !value.startsWith('/sign-') ? value : '/'
}

export function authRoutes(deps: { db: Db; config: Config }) {
  const { db, config } = deps
  return async (app: FastifyInstance) => {
    const render = (
      reply: import('fastify').FastifyReply,
      values: Record<string, unknown>,
      errors: FormErrors,
      status = 200,
    ) =>
      reply.code(status).view('platform/auth/views/sign-in.njk', {
        pageTitle: 'Sign in',
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
      const parsed = signInSchema.safeParse(request.body)
      const body = (request.body ?? {}) as Record<string, unknown>
      const values = {
        username: typeof body.username === 'string' ? body.username : '',
        returnTo: safeReturnTo(String(body.returnTo ?? '')),
      }
      if (!parsed.success) return render(reply, values, formErrors(parsed.error), 400)
      const result = await signIn(db, parsed.data.username, parsed.data.password, request.ip)
      if (!result.ok) {
        await recordAuditAlone(db, request.auditContext, {
          action: 'user.sign_in',
          outcome: 'denied',
          detail: { username: parsed.data.username.toLowerCase(), reason: result.reason },
        })
        const message =
          result.reason === 'rate_limited'
            ? 'Too many attempts to sign in. Wait 15 minutes and try again.'
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
      const session = await startSession(db, result.user.id)
      await recordAuditAlone(
        db,
        { ...request.auditContext, userId: result.user.id, username: result.user.username },
        { action: 'user.sign_in', outcome: 'allowed' },
      )
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
      if (value) await endSessionByCookie(db, value, 'signed out')
      await recordAuditAlone(db, request.auditContext, { action: 'user.sign_out', outcome: 'allowed' })
      reply.clearCookie(SESSION_COOKIE, { path: '/' })
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
