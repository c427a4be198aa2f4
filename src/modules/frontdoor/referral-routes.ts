/** Referrals awaiting allocation, one referral's page, allocating it to a worker, and closing it with no further action. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import {
  checkAnswers,
  errorView,
  fieldError,
  keepAnswers,
  NO_ERRORS,
  readAnswers,
  type FormErrors,
  type KeptAnswers,
} from '../../platform/http/form.js'
import { londonDate, longDate } from '../../platform/calendar/dates.js'
import { NotFoundError } from '../../platform/http/errors.js'
import { requireUser } from '../../platform/http/request-context.js'
import { subjectChild, subjectId } from '../../platform/http/subjects.js'
import { referralStatusText } from './labels.js'
import { allocationSchema, labelOf, REFERRAL_SOURCES, thresholdLevel, withdrawSchema } from './model.js'
import { guarded, RAG_TAG } from './route-views.js'
import {
  allocateReferral,
  closeReferralNoFurtherAction,
  ContactStateError,
  viewAllocationQueue,
  viewReferral,
  type FrontdoorDeps,
} from './service.js'

const REFERRAL = { kind: 'referral', auditAction: 'referral.view' }

export function referralRoutes(app: FastifyInstance, deps: FrontdoorDeps): void {
  const page = (request: FastifyRequest, reply: FastifyReply, values: KeptAnswers, errors: FormErrors) =>
    referralPage(deps, request, reply, values, errors)
  /** A refusal of the service's about the referral's state is shown on the page, on its field. */
  const refused = (request: FastifyRequest, reply: FastifyReply, values: KeptAnswers, err: unknown) => {
    if (err instanceof ContactStateError)
      return page(request, reply, values, fieldError(err.field, err.message))
    throw err
  }

  app.get('/referrals', { config: { access: 'child.allocate' } }, async (request, reply) =>
    guarded(reply, async () => {
      const rows = await viewAllocationQueue(deps, requireUser(request), request.auditContext)
      return reply.view('modules/frontdoor/views/referrals.njk', {
        pageTitle: 'Referrals to allocate',
        rows: rows.map((r) => ({ ...r, source: labelOf(REFERRAL_SOURCES, r.referral_source) })),
      })
    }),
  )

  app.get('/referrals/:id', { config: { access: 'child.view', subject: REFERRAL } }, async (request, reply) =>
    guarded(reply, async () => page(request, reply, {}, NO_ERRORS)),
  )

  app.post(
    '/referrals/:id/close',
    { config: { access: 'child.allocate', subject: REFERRAL } },
    async (request, reply) =>
      guarded(reply, async () => {
        const id = subjectId(request)
        const body = readAnswers(request)
        const values = keepAnswers(body, { only: ['reason'] })
        const checked = checkAnswers(withdrawSchema, body)
        if (!checked.ok)
          return page(request, reply, values, fieldError('reason', 'Enter why no further action is needed'))
        try {
          const user = requireUser(request)
          await closeReferralNoFurtherAction(deps, user, id, checked.data.reason, request.auditContext)
          return reply.redirect(`/referrals/${id}`, 303)
        } catch (err) {
          return refused(request, reply, values, err)
        }
      }),
  )

  app.post(
    '/referrals/:id/allocate',
    { config: { access: 'child.allocate', subject: REFERRAL } },
    async (request, reply) =>
      guarded(reply, async () => {
        const id = subjectId(request)
        const body = readAnswers(request)
        const values = keepAnswers(body, { only: ['workerId'] })
        const checked = checkAnswers(allocationSchema, body)
        if (!checked.ok) return page(request, reply, values, checked.errors)
        try {
          const done = await allocateReferral(
            deps,
            requireUser(request),
            id,
            checked.data.workerId,
            request.auditContext,
          )
          return reply.redirectWithMessage(`/referrals/${id}`, allocatedMessage(done))
        } catch (err) {
          return refused(request, reply, values, err)
        }
      }),
  )
}

/** The confirmation after an allocation: who has the case, and the next step now on their worklist. */
export function allocatedMessage(done: {
  workerName: string
  tasks: readonly { title: string; due_at: Date }[]
}): string {
  const steps = done.tasks.map(
    (t) => ` ‘${t.title}’ is on their worklist, due by ${longDate(londonDate(t.due_at.getTime()))}.`,
  )
  return `Referral allocated to ${done.workerName}.${steps.join('')}`
}

async function referralPage(
  deps: FrontdoorDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  values: KeptAnswers,
  errors: FormErrors,
) {
  const referralId = subjectId(request)
  const child = subjectChild(request)
  if (!child) throw new NotFoundError(`No referral ${referralId}`)
  const { referral, canAllocate, workers, tasks, strategyDiscussion } = await viewReferral(
    deps,
    requireUser(request),
    referralId,
    child,
  )
  return reply.code(errors.list.length ? 400 : 200).view('modules/frontdoor/views/referral.njk', {
    pageTitle: `Referral: ${referral.given_name} ${referral.family_name}`,
    referral,
    strategyDiscussion,
    source: labelOf(REFERRAL_SOURCES, referral.referral_source),
    statusText: referralStatusText(referral.status),
    ragTag: referral.rag ? RAG_TAG[referral.rag] : null,
    threshold: referral.threshold_level ? thresholdLevel(referral.threshold_level) : null,
    tasks,
    canAllocate: canAllocate && referral.status !== 'closed',
    workerItems: workers.map((w) => ({
      value: String(w.id),
      text: `${w.display_name} (${w.team})`,
      hint: { text: `${w.caseload ?? 0} ${(w.caseload ?? 0) === 1 ? 'child' : 'children'} allocated now` },
      checked: values.workerId === String(w.id) || (!values.workerId && referral.worker_id === w.id),
    })),
    values,
    ...errorView(errors),
  })
}
