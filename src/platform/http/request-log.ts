/**
 * The request log: one line per request naming the route pattern (`/children/:id`), never the
 * URL. People search is a GET, so a URL can hold a child's name, date of birth or NHS number, and
 * an id in a path says whose record was opened; the audit trail, not the log, is where that goes.
 * Fastify's own request logging is turned off (`disableRequestLogging`) in favour of this.
 */
import type { FastifyInstance } from 'fastify'

/** A client's own request id is logged beside Haven's only when it cannot carry anything else. */
const SAFE_CLIENT_ID = /^[0-9a-fA-F-]{8,64}$/

export function requestLog(app: FastifyInstance): void {
  app.addHook('onResponse', async (request, reply) => {
    const given = request.headers['x-request-id']
    request.log.info(
      {
        method: request.method,
        route: request.routeOptions.url ?? '(no route)',
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
        ...(typeof given === 'string' && SAFE_CLIENT_ID.test(given) ? { clientRequestId: given } : {}),
      },
      'request',
    )
  })
}
