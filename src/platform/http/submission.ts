/**
 * One-time submission keys for create forms: a form sent twice (Back and send again, a reload
 * that re-posts, a double click) shows the record it already made instead of making another.
 *
 * A route declares `submission: { already, link, sends }` in its config (formRoute passes it on),
 * on the GET that shows the form and on the POST it sends to. Then the platform:
 *
 * - gives the page a fresh key (`submissionKey` in every view; the form carries it as the hidden
 *   field `_submission`), and keeps the posted key through the form's other steps (errors, "Add
 *   another", check answers), so the key made on the GET is the one finally sent;
 * - on the POST that makes the record (`sends`), claims the key before the handler runs. A key
 *   already completed redirects (303) to `/forms/sent?key=…`, which says the record was already
 *   made and links to it; a key still being sent (the first click of a double click) is waited
 *   for briefly, then the same;
 * - once the handler has answered: a redirect completes the claim with where it went (or with what
 *   the handler named through `submittedRecord`); any other answer (the form shown again with an
 *   error) deletes the claim, so the corrected form may be sent with the same key.
 *
 * A POST without a key (an old page, a script) is handled as before: the key protects people from
 * accidental duplicates, it is not a permission. Runs after access, CSRF, subject and draft checks.
 */
import { randomBytes } from 'node:crypto'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Clock } from '../calendar/clock.js'
import type { Db } from '../db/database.js'
import { readAnswers, type FormAnswers } from './form.js'

export interface SubmissionOptions {
  /** The page's title when the form is sent again: "This contact was already sent". */
  already: string
  /** The words of the link to the record made, when the handler does not name them: "View the contact". */
  link: string
  /** Whether this POST makes the record; a form in steps posts its other steps to the same path. */
  sends?: (answers: FormAnswers) => boolean
}

/** The record a create form made, for the page shown when it is sent again. */
export interface SubmittedRecord {
  href: string | null
  text: string
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The page's one-time key (routes that declare `submission`), '' elsewhere. */
    submissionKey: string
    /** This request claimed its key and must complete or release it. */
    submissionClaimed: boolean
    /** What the handler made, when it says so (a record shown without a redirect). */
    submittedRecord: SubmittedRecord | null
  }
  interface FastifyContextConfig {
    /** The form creates a record once per key (http/submission.ts). */
    submission?: SubmissionOptions
  }
}

const KEY = /^[A-Za-z0-9_-]{22,64}$/
/** How long a second sending waits for the first to finish before showing the page anyway. */
const WAIT_MS = 5_000
const POLL_MS = 100
/** A claim this old and never completed was lost (the process stopped): it may be taken over. */
const STALE_MS = 120_000

export function newSubmissionKey(): string {
  return randomBytes(24).toString('base64url')
}

/** Names the record a form made, for a handler that answers without a redirect. */
export function markSubmitted(request: FastifyRequest, record: SubmittedRecord): void {
  request.submittedRecord = record
}

const optionsOf = (request: FastifyRequest) => request.routeOptions.config.submission

/** The record a key made for this person, or null when they sent no such form. */
export async function sentWithKey(db: Db, userId: number, key: string) {
  if (!KEY.test(key)) return null
  return (
    (await db
      .selectFrom('form_submission')
      .select(['title', 'record_href', 'record_text', 'completed_at'])
      .where('submission_key', '=', key)
      .where('user_id', '=', userId)
      .executeTakeFirst()) ?? null
  )
}

/** How long a key is remembered: long enough for any Back button, not kept for ever. */
const KEEP_MS = 30 * 86_400_000
const PURGE_EVERY_MS = 3_600_000

export function submissionHooks(app: FastifyInstance, db: Db, clock: Clock): void {
  app.decorateRequest('submissionKey', '')
  app.decorateRequest('submissionClaimed', false)
  app.decorateRequest('submittedRecord', null)

  // Keys older than KEEP_MS are forgotten, at start and then hourly.
  const purge = () =>
    db
      .deleteFrom('form_submission')
      .where('claimed_at', '<', new Date(clock.now().getTime() - KEEP_MS))
      .execute()
      .catch((err: unknown) => app.log.error({ err }, 'forgetting old submission keys failed'))
  let timer: NodeJS.Timeout | undefined
  app.addHook('onReady', async () => {
    await purge()
    timer = setInterval(() => void purge(), PURGE_EVERY_MS).unref()
  })
  app.addHook('onClose', async () => clearInterval(timer))

  /** Claims the key; false when someone (this person, earlier) already holds it. */
  const claim = async (key: string, userId: number, page: string, title: string) => {
    const now = clock.now()
    const inserted = await db
      .insertInto('form_submission')
      .values({ submission_key: key, user_id: userId, page, title, claimed_at: now })
      .onConflict((oc) => oc.column('submission_key').doNothing())
      .returning('submission_key')
      .executeTakeFirst()
    if (inserted) return true
    // A claim lost with its process, never completed, is taken over rather than waited on forever.
    const taken = await db
      .updateTable('form_submission')
      .set({ claimed_at: now })
      .where('submission_key', '=', key)
      .where('user_id', '=', userId)
      .where('completed_at', 'is', null)
      .where('claimed_at', '<', new Date(now.getTime() - STALE_MS))
      .returning('submission_key')
      .executeTakeFirst()
    return taken !== undefined
  }

  const waitForFirst = async (userId: number, key: string) => {
    for (let waited = 0; waited < WAIT_MS; waited += POLL_MS) {
      const row = await sentWithKey(db, userId, key)
      if (!row || row.completed_at) return
      await new Promise((resolve) => setTimeout(resolve, POLL_MS))
    }
  }

  app.addHook('preHandler', async (request, reply) => {
    const options = optionsOf(request)
    if (reply.sent || !options || !request.user) return
    if (request.method === 'GET') {
      request.submissionKey = newSubmissionKey()
      return
    }
    const answers = readAnswers(request)
    const posted = typeof answers._submission === 'string' && KEY.test(answers._submission)
    request.submissionKey = posted ? (answers._submission as string) : newSubmissionKey()
    if (!posted || answers._draft !== undefined || (options.sends && !options.sends(answers))) return
    const page = request.url.split('?')[0] ?? request.url
    if (await claim(request.submissionKey, request.user.id, page, options.already)) {
      request.submissionClaimed = true
      return
    }
    await waitForFirst(request.user.id, request.submissionKey)
    return reply.redirect(`/forms/sent?key=${request.submissionKey}`, 303)
  })

  app.addHook('onSend', async (request, reply, payload) => {
    if (!request.submissionClaimed || !request.user) return payload
    const options = optionsOf(request)
    const location = reply.getHeader('location')
    const redirected = reply.statusCode >= 300 && reply.statusCode < 400 && typeof location === 'string'
    const where =
      request.submittedRecord ?? (redirected ? { href: location, text: options?.link ?? '' } : null)
    const row = db
      .updateTable('form_submission')
      .where('submission_key', '=', request.submissionKey)
      .where('user_id', '=', request.user.id)
    try {
      if (where && reply.statusCode < 400)
        await row
          .set({ record_href: where.href, record_text: where.text.slice(0, 200), completed_at: clock.now() })
          .execute()
      else
        await db
          .deleteFrom('form_submission')
          .where('submission_key', '=', request.submissionKey)
          .where('user_id', '=', request.user.id)
          .where('completed_at', 'is', null)
          .execute()
    } catch (err) {
      // The record is made and the person told; only a second sending would go unrecognised.
      request.log.error({ err }, 'recording a form submission failed')
    }
    return payload
  })

  // What a form sent again shows: the record it made, to its own sender only.
  app.get<{ Querystring: { key?: unknown } }>(
    '/forms/sent',
    { config: { access: 'signed-in' } },
    async (request, reply) => {
      const key = typeof request.query.key === 'string' ? request.query.key : ''
      const sent = request.user ? await sentWithKey(db, request.user.id, key) : null
      if (!sent) return reply.callNotFound()
      return reply.view('platform/views/already-sent.njk', {
        pageTitle: sent.title,
        sent,
      })
    },
  )
}
