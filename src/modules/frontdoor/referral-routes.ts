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
import type { Role } from '../../platform/permissions/roles.js'
import { ROLE_NAMES } from '../../platform/permissions/roles.js'
import { practiceLevelLabel, suggestionReason, suggestionText } from './allocation-model.js'
import {
  allocationSchema,
  DECISIONS,
  labelOf,
  REFERRAL_SOURCES,
  SW_CHANGE_REASONS,
  thresholdLevel,
  withdrawSchema,
} from './model.js'
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
        const values = keepAnswers(body, { only: ['workerId', 'swReason'] })
        const checked = checkAnswers(allocationSchema, body)
        if (!checked.ok) return page(request, reply, values, checked.errors)
        try {
          const done = await allocateReferral(
            deps,
            requireUser(request),
            id,
            checked.data.workerId,
            request.auditContext,
            checked.data.swReason,
          )
          return reply.redirectWithMessage(`/referrals/${id}`, allocatedMessage(done))
        } catch (err) {
          return refused(request, reply, values, err)
        }
      }),
  )
}

/**
 * The confirmation after an allocation: whose referral, who has it, and the next step now on
 * their worklist with its due date.
 */
export function allocatedMessage(done: {
  childName: string
  workerName: string
  tasks: readonly { title: string; due_at: Date }[]
}): string {
  const steps = done.tasks.map((t) => `‘${t.title}’ due by ${longDate(londonDate(t.due_at.getTime()))}`)
  const task = steps.length ? `; their task: ${steps.join(', and ')}` : ''
  return `${done.childName}’s referral allocated to ${done.workerName}${task}.`
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
  const { referral, canAllocate, workers, suggestion, tasks, strategyDiscussion, currentWorkers } =
    await viewReferral(deps, requireUser(request), referralId, child)
  return reply.code(errors.list.length ? 400 : 200).view('modules/frontdoor/views/referral.njk', {
    pageTitle: `Referral: ${referral.given_name} ${referral.family_name}`,
    referral,
    strategyDiscussion,
    source: labelOf(REFERRAL_SOURCES, referral.referral_source),
    statusText: referralStatusText(referral.status),
    ragTag: referral.rag ? RAG_TAG[referral.rag] : null,
    threshold: referral.threshold_level ? thresholdLevel(referral.threshold_level) : null,
    decision:
      referral.decision === 'passed_to_allocated_worker'
        ? 'Passed to the allocated worker'
        : labelOf(DECISIONS, referral.decision),
    suggestion: suggestion
      ? {
          reason: suggestionReason(suggestion),
          worker: workers.find((w) => w.id === suggestion.workerId)?.display_name,
        }
      : null,
    tasks,
    canAllocate: canAllocate && referral.status !== 'closed',
    workerItems: workers.map((w) => {
      const caseload = Number(w.caseload ?? 0)
      const suggested = suggestion?.workerId === w.id
      return {
        value: String(w.id),
        text: `${w.display_name} (${w.team})`,
        hint: {
          html: workerHint({
            role: ROLE_NAMES[w.role as Role] ?? w.role,
            level: practiceLevelLabel(w.practice_level),
            caseload,
            suggested: suggested && suggestion ? suggestionText(suggestion) : null,
          }),
        },
        attributes: suggested ? { 'data-testid': 'suggested-worker' } : {},
        checked: values.workerId === String(w.id) || (!values.workerId && referral.worker_id === w.id),
      }
    }),
    // Asked only of a child who has a social worker now (the SSDA903's reason for the change).
    swReasonItems:
      currentWorkers.length === 0
        ? null
        : SW_CHANGE_REASONS.map((c) => ({
            value: c.code,
            text: c.label,
            checked: values.swReason === c.code,
          })),
    values,
    ...errorView(errors),
  })
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/** Under a worker's name: role and practice level, caseload, and the suggestion when it is them. */
function workerHint(w: { role: string; level: string; caseload: number; suggested: string | null }): string {
  const caseload = `${w.caseload} ${w.caseload === 1 ? 'child' : 'children'} allocated now`
  const line = escapeHtml(`${w.role}; practice level: ${w.level}. ${caseload}`)
  return w.suggested
    ? `${line}<br><strong class="govuk-tag govuk-tag--turquoise">${escapeHtml(w.suggested)}</strong>`
    : line
}
