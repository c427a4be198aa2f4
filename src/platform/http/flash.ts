/**
 * Messages for the next page ("Alert added", "Plan ended"), held in the session: set just before
 * a redirect, shown once on the next page rendered for that session, then cleared. The text
 * never travels in the URL, so nobody can craft a link that shows a message Haven did not give.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Db } from '../db/database.js'
import { clearFlash, setFlash, type Flash } from '../auth/sessions.js'

export type { Flash }

declare module 'fastify' {
  interface FastifyRequest {
    /** Whether this request's page shows the session's message (cleared before it is sent). */
    flashShown: boolean
  }
  interface FastifyReply {
    /** Keeps `text` for the next page this session sees, then redirects there (303). */
    redirectWithMessage(to: string, text: string): Promise<FastifyReply>
  }
}

/** The session's message for a page being rendered, if there is one; marks it to be cleared. */
export function takeFlash(request: FastifyRequest): { flash?: Flash } {
  const flash = request.session?.flash
  if (!flash) return {}
  request.flashShown = true
  return { flash }
}

export function flashMessages(app: FastifyInstance, db: Db): void {
  app.decorateRequest('flashShown', false)
  app.decorateReply(
    'redirectWithMessage',
    async function (this: FastifyReply, to: string, text: string): Promise<FastifyReply> {
      const session = this.request.session
      if (session) await setFlash(db, session.idHash, { success: true, text })
      return this.redirect(to, 303)
    },
  )
  // Cleared before the page goes out, so the next request cannot show it again.
  app.addHook('onSend', async (request, _reply, payload) => {
    if (request.flashShown && request.session) await clearFlash(db, request.session.idHash)
    return payload
  })
}
