/**
 * The errors any service may throw for a route to answer: no such record (404) and not allowed
 * (403, with the reason to show). One pair for every module, so a route or the form helper can
 * answer them without knowing which module threw.
 */
import type { FastifyReply } from 'fastify'

export class NotFoundError extends Error {
  constructor(message = 'Not found') {
    super(message)
    this.name = 'NotFoundError'
  }
}

export class NotAllowedError extends Error {
  constructor(readonly reason: string) {
    super(reason)
    this.name = 'NotAllowedError'
  }
}

/**
 * Answers a service's NotFoundError with the not-found page and its NotAllowedError with a 403
 * page titled `title` that gives the reason; any other error is thrown on to the error handler.
 */
export function answerRefusal(reply: FastifyReply, err: unknown, title: string): FastifyReply | void {
  if (err instanceof NotFoundError) return reply.callNotFound()
  if (err instanceof NotAllowedError)
    return reply.code(403).view('platform/views/message.njk', {
      pageTitle: title,
      paragraphs: [err.reason, 'Your attempt has been recorded.'],
    })
  throw err
}
