/**
 * Drafts on the web: for every route that declares `draft: true` (formRoute does for each form),
 * the platform keeps what the signed-in person has typed and not yet sent, so no handler has to
 * remember to.
 *
 * - GET: the person's draft of the page, if any, is read into `request.draft` (the form shows it
 *   and the layout says so, with a way to delete it).
 * - POST with `_draft=save` (the page's script, as the person types): the answers are kept and
 *   nothing else happens (204). `_draft=discard`: the draft is deleted.
 * - Any other POST: a redirect means the form was sent, so the draft goes; the form shown again
 *   (an error, another row added) keeps the answers as the draft.
 * - A POST that arrives after the session timed out (the person was away): the answers are kept
 *   for the person whose session it was, when the form's token is that session's, and the page
 *   offers to sign in again and carry on (`keptAfterSessionEnded`).
 *
 * Each runs after the platform has checked the route's access, its CSRF token and its subject, so
 * a draft is only ever written or read by someone allowed the page.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Config } from '../config.js'
import type { Db } from '../db/database.js'
import { endedByTimeOut } from '../auth/sessions.js'
import type { FormDrafts } from '../drafts/drafts.js'
import { sameToken } from './security.js'
import { keepAnswers, readAnswers, type FormAnswers, type KeptAnswers } from './form.js'

/** The path a draft is kept under: the page's, without its query. */
export function draftPage(request: FastifyRequest): string {
  return request.url.split('?')[0] ?? request.url
}

const keepsDraft = (request: FastifyRequest) => request.routeOptions.config.draft === true

/** The answers worth keeping: the form's own, without the token or the draft marker. */
function draftAnswers(answers: FormAnswers): KeptAnswers {
  const kept = keepAnswers(answers)
  delete kept._draft
  return kept
}

const childOf = (request: FastifyRequest) => request.subject?.children[0]?.childId ?? null

const SAVED_STATUSES = new Set([200, 400, 409, 422])

const PURGE_EVERY_MS = 3_600_000

export function draftHooks(app: FastifyInstance, drafts: FormDrafts): void {
  app.decorateRequest('draft', null)

  // Drafts past their time are never shown; they are also deleted, at start and then hourly.
  const purge = () =>
    drafts
      .purgeExpired({ userId: null, username: 'haven', requestId: null })
      .catch((err: unknown) => app.log.error({ err }, 'deleting expired drafts failed'))
  let timer: NodeJS.Timeout | undefined
  app.addHook('onReady', async () => {
    await purge()
    timer = setInterval(() => void purge(), PURGE_EVERY_MS).unref()
  })
  app.addHook('onClose', async () => clearInterval(timer))

  app.addHook('preHandler', async (request, reply) => {
    if (reply.sent || !keepsDraft(request) || !request.user) return
    const owner = { userId: request.user.id, page: draftPage(request) }
    if (request.method === 'GET') {
      request.draft = await drafts.restore(request.auditContext, owner, childOf(request))
      return
    }
    const answers = readAnswers(request)
    if (answers._draft === 'save') {
      await drafts.save(request.auditContext, owner, draftAnswers(answers), childOf(request))
      return reply.code(204).send()
    }
    if (answers._draft === 'discard') {
      await drafts.discard(request.auditContext, owner, 'deleted by its author', childOf(request))
      return reply.redirectWithMessage(owner.page, 'Your draft has been deleted')
    }
  })

  app.addHook('onSend', async (request, reply, payload) => {
    if (request.method !== 'POST' || !keepsDraft(request) || !request.user || reply.statusCode === 204)
      return payload
    const owner = { userId: request.user.id, page: draftPage(request) }
    const answers = readAnswers(request)
    if (answers._draft !== undefined) return payload
    if (reply.statusCode >= 300 && reply.statusCode < 400)
      await drafts.discard(request.auditContext, owner, 'sent', childOf(request))
    else if (SAVED_STATUSES.has(reply.statusCode))
      await drafts.save(request.auditContext, owner, draftAnswers(answers), childOf(request))
    return payload
  })
}

/**
 * A form sent after its session timed out: its answers kept for the session's holder when the
 * form carries that session's token. True when they were kept.
 */
export async function keptAfterSessionEnded(
  request: FastifyRequest,
  deps: { db: Db; config: Config; drafts: FormDrafts; cookie: string | undefined },
): Promise<boolean> {
  if (request.method !== 'POST' || !keepsDraft(request) || !deps.cookie) return false
  const ended = await endedByTimeOut(deps.db, deps.cookie, deps.config.drafts.keepDays * 86_400_000)
  const answers = readAnswers(request)
  const token = typeof answers._csrf === 'string' ? answers._csrf : undefined
  if (!ended || !sameToken(token, ended.csrfToken)) return false
  // The record the page is about is not looked up for someone no longer signed in: the draft is
  // theirs alone, and showing it again goes through the page's own checks once they sign in.
  await deps.drafts.save(
    { ...request.auditContext, userId: ended.userId },
    { userId: ended.userId, page: draftPage(request) },
    draftAnswers(answers),
    null,
  )
  return true
}
