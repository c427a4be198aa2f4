/**
 * The managers' queue of recommendations awaiting authorisation, where low-level ones can be
 * ticked and authorised together with one oversight note. Each recommendation is also authorised
 * or returned on its own page (`decision-routes.ts`).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { loadWorkingCalendar } from '../../platform/calendar/store.js'
import {
  errorView,
  keepAnswers,
  NO_ERRORS,
  readAnswers,
  type FormErrors,
  type KeptAnswers,
} from '../../platform/http/form.js'
import { pageFromQuery, paginationFor } from '../../platform/http/paged-list.js'
import { requireUser } from '../../platform/http/request-context.js'
import { authoriseTogetherSchema } from './authorisation.js'
import {
  AUTHORISATION_PAGE_SIZE,
  AuthoriseTogetherError,
  authoriseTogether,
  viewAuthorisationQueue,
} from './authorisation-service.js'
import { contactReference, DECISIONS, labelOf } from './model.js'
import { guarded, listErrors, positiveId, timeLeft } from './route-views.js'
import type { FrontdoorDeps } from './service-support.js'

const FIELDS = ['contactChildIds', 'oversightNote']

export function authorisationRoutes(app: FastifyInstance, deps: FrontdoorDeps): void {
  app.get('/mash/authorisation', { config: { access: 'contact.decide' } }, async (request, reply) =>
    guarded(reply, async () => {
      const query = request.query as Record<string, unknown>
      const authorised = positiveId(query.authorised)
      return queuePage(deps, request, reply, { contactChildIds: [] }, NO_ERRORS, 200, authorised)
    }),
  )

  app.post('/mash/authorisation', { config: { access: 'contact.decide' } }, async (request, reply) =>
    guarded(reply, async () => {
      const body = readAnswers(request)
      const values = keepAnswers(body, { only: FIELDS, lists: ['contactChildIds'] })
      const parsed = authoriseTogetherSchema.safeParse(body)
      if (!parsed.success) {
        const problems = parsed.error.issues.map((i) => ({
          field: String(i.path[0] ?? 'form'),
          text: i.message,
        }))
        return queuePage(deps, request, reply, values, listErrors(problems, FIELDS), 400)
      }
      try {
        const { authorised } = await authoriseTogether(
          deps,
          requireUser(request),
          parsed.data,
          request.auditContext,
        )
        return reply.redirect(`/mash/authorisation?authorised=${authorised}`, 303)
      } catch (err) {
        if (!(err instanceof AuthoriseTogetherError)) throw err
        const problems = [...err.problems, 'Nothing was authorised. Check the recommendations ticked.'].map(
          (text) => ({ field: 'contactChildIds', text }),
        )
        return queuePage(deps, request, reply, values, listErrors(problems, FIELDS, true), 409)
      }
    }),
  )
}

async function queuePage(
  deps: FrontdoorDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  values: KeptAnswers,
  errors: FormErrors,
  status: number,
  authorised: number | null = null,
) {
  const page = pageFromQuery(request.query as Record<string, unknown>, AUTHORISATION_PAGE_SIZE)
  const queue = await viewAuthorisationQueue(deps, requireUser(request), page.number, request.auditContext)
  const now = deps.clock.now()
  const calendar = await loadWorkingCalendar(deps.db)
  const ticked = Array.isArray(values.contactChildIds) ? values.contactChildIds : []
  const firstTickable = queue.rows.find((r) => r.mayAuthoriseTogether)?.contact_child_id ?? null
  return reply.code(status).view('modules/frontdoor/views/authorisation-queue.njk', {
    pageTitle: 'Decisions to authorise',
    ...queue,
    values,
    ...errorView(errors),
    authorised,
    anyTogether: firstTickable !== null,
    rows: queue.rows.map((r) => ({
      ...r,
      reference: contactReference(r.contact_id),
      decisionText: labelOf(DECISIONS, r.decision),
      decisionLeft: timeLeft(r.decision_due_at, now, calendar),
      decisionOverdue: r.decision_due_at !== null && r.decision_due_at.getTime() < now.getTime(),
      authorisationLeft: timeLeft(r.authorisation_due_at, now, calendar),
      authorisationOverdue:
        r.authorisation_due_at !== null && r.authorisation_due_at.getTime() < now.getTime(),
      ticked: ticked.includes(String(r.contact_child_id)),
      // The first box carries the field's id, so the error summary's link lands on it.
      checkboxId:
        r.contact_child_id === firstTickable ? 'contactChildIds' : `contactChildIds-${r.contact_child_id}`,
    })),
    // The shared paging (a page past the end shows the last); none when one page holds them all.
    pagination: queue.pages > 1 ? paginationFor(page, queue.total, {}, 'recommendations') : null,
  })
}
