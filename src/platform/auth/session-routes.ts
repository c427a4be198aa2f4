/**
 * What the time-out warning (public/session-timeout.js) asks of the server: how long the session
 * has left, without that question counting as activity; "Stay signed in"; and the page shown once
 * it has ended.
 */
import type { FastifyInstance } from 'fastify'
import type { Config } from '../config.js'
import type { Db } from '../db/database.js'
import { keepSessionAlive } from './sessions.js'
import { sessionEndedPage } from '../http/session-view.js'
import { safeReturnTo } from './routes.js'

const secondsTo = (at: Date, now: number) => Math.max(0, Math.floor((at.getTime() - now) / 1000))

export function sessionRoutes(deps: { db: Db; config: Config }) {
  const { db, config } = deps
  return async (app: FastifyInstance) => {
    app.get('/session/status', { config: { access: 'public', session: 'peek' } }, async (request, reply) => {
      reply.header('Cache-Control', 'no-store')
      const session = request.user ? request.session : null
      if (!session) return reply.send({ signedIn: false, idleSecondsLeft: 0, absoluteSecondsLeft: 0 })
      const now = Date.now()
      return reply.send({
        signedIn: true,
        idleSecondsLeft: secondsTo(session.idleEndsAt, now),
        absoluteSecondsLeft: secondsTo(session.absoluteEndsAt, now),
      })
    })

    app.post('/session/keep-alive', { config: { access: 'signed-in' } }, async (request, reply) => {
      const session = request.session
      if (!session) return reply.code(401).send({ signedIn: false })
      const now = new Date()
      const idleEndsAt = await keepSessionAlive(db, session.idHash, config.session, now)
      return reply.send({
        signedIn: true,
        idleSecondsLeft: secondsTo(idleEndsAt, now.getTime()),
        absoluteSecondsLeft: secondsTo(session.absoluteEndsAt, now.getTime()),
      })
    })

    app.get('/session-ended', { config: { access: 'public' } }, async (request, reply) => {
      const query = request.query as Record<string, string | undefined>
      const returnTo = safeReturnTo(query.returnTo)
      // Still signed in (another tab kept the session going): carry on where they were.
      if (request.user) return reply.redirect(returnTo, 303)
      return reply.view(
        'platform/views/message.njk',
        sessionEndedPage({ returnTo, kept: query.kept === 'yes' }, config),
      )
    })
  }
}
