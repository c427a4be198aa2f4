/**
 * Closing a child's case: the checklist form from the child's record, the closure's page, and the
 * manager's sign-off. Thin: the platform has checked the child the URL names and audited the view;
 * the shared checklist's schema checks the answers; one service call saves.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import {
  checklistAnswers,
  CLOSURE_FIELD_IDS,
  closureChecklistView,
  closureSummaryView,
} from '../../platform/casework/closure.js'
import { answerRefusal, NotFoundError } from '../../platform/http/errors.js'
import { errorView, formRoute } from '../../platform/http/form.js'
import { requireUser } from '../../platform/http/request-context.js'
import { subjectChild, subjectId, type RouteSubject } from '../../platform/http/subjects.js'
import { allow } from '../../platform/permissions/allow.js'
import { OVERSIGHT_MIN, signOffDecisionSchema } from '../../platform/signoff/rule.js'
import { childNamed } from './cin-plan-store.js'
import { caseClosureSchema, SOCIAL_CARE_CLOSURE_REASONS } from './closure-model.js'
import {
  closureState,
  decideClosure,
  proposeClosure,
  viewClosure,
  type ClosureView,
} from './closure-service.js'
import { ProtectionStateError, type ProtectionDeps } from './service.js'

const VIEW: RouteSubject = { kind: 'case_closure', auditAction: 'case_closure.view' }
const named = (p: { given_name: string; family_name: string }) => `${p.given_name} ${p.family_name}`
const path = (id: number) => `/case-closures/${id}`
const REASON_HINT = 'The CIN census’s reason for closure, sent with the case in the census'

function message(reply: FastifyReply, pageTitle: string, paragraph: string, href: string, text: string) {
  return reply.code(409).view('platform/views/message.njk', {
    pageTitle,
    paragraphs: [paragraph],
    links: [{ href, text }],
  })
}

const stateRefusal = (err: unknown) =>
  err instanceof ProtectionStateError
    ? { field: err.field, message: err.message, status: 409 as const }
    : null

export function closureRoutes(deps: ProtectionDeps) {
  const summary = (view: ClosureView) => closureSummaryView(view.checklist, SOCIAL_CARE_CLOSURE_REASONS)

  return async (app: FastifyInstance) => {
    formRoute(app, {
      path: '/children/:id/case-closure',
      access: 'child.edit',
      subject: { kind: 'child', auditAction: 'case_closure.view', auditDetail: { form: 'propose' } },
      load: async (request: FastifyRequest) => {
        const child = await childNamed(deps.db, subjectId(request))
        if (!child) throw new NotFoundError('No such child')
        return { child, state: await closureState(deps, child.id) }
      },
      schema: caseClosureSchema,
      fieldIds: CLOSURE_FIELD_IDS,
      render: (_request, reply, { context: { child, state }, values, errors, status }) => {
        const record = `/children/${child.id}`
        if (state.awaiting)
          return message(
            reply,
            'The closure of this case is waiting for authorisation',
            'A manager authorises the closure or returns it with the reason.',
            path(state.awaiting.id),
            'See the closure',
          )
        if (!state.referral)
          return message(
            reply,
            'No open case to close',
            `${named(child)} has no open social care case.`,
            record,
            'See the child’s record',
          )
        const returned = state.latest?.status === 'returned' ? state.latest : null
        const shown =
          values ??
          (returned
            ? {
                ...checklistAnswers(returned.checklist as unknown as Parameters<typeof checklistAnswers>[0]),
                stepDown: returned.step_down ? 'yes' : 'no',
                ...(returned.step_down_note ? { stepDownNote: returned.step_down_note } : {}),
              }
            : {})
        const { errors: list, fieldErrors } = errorView(errors)
        return reply.code(status).view('modules/protection/views/closure-form.njk', {
          pageTitle: `Close the case: ${named(child)}`,
          childName: named(child),
          childId: child.id,
          blockers: state.blockers,
          returned,
          errors: list,
          values: shown,
          fieldErrors,
          checklist: closureChecklistView({
            values: shown,
            fieldErrors,
            reasons: SOCIAL_CARE_CLOSURE_REASONS,
            reasonHint: REASON_HINT,
            newContactHref: `/contacts/new?childId=${child.id}`,
          }),
        })
      },
      save: (request, input) =>
        proposeClosure(deps, requireUser(request), subjectId(request), input, request.auditContext),
      done: (_c, _ctx, saved) => ({
        to: path(saved.closureId),
        text: 'The closure of the case has been sent to a manager for authorisation',
      }),
      refusal: stateRefusal,
      notAllowedTitle: 'You cannot close this child’s case',
    })

    app.get(
      '/case-closures/:id',
      { config: { access: 'child.view', subject: VIEW } },
      async (request, reply) => {
        try {
          const view = await viewClosure(deps, subjectId(request))
          const child = subjectChild(request)
          const user = requireUser(request)
          const mayAuthorise =
            child !== undefined && allow(user, 'child.allocate', child, deps.clock.now()).allowed
          return reply.view('modules/protection/views/closure.njk', {
            pageTitle: `Closure of the case: ${named(view.closure)}`,
            closure: view.closure,
            childName: named(view.closure),
            summary: summary(view),
            signOffs: view.signOffs,
            canAuthorise: view.awaiting !== null && view.awaiting.asked_by !== user.id && mayAuthorise,
          })
        } catch (err) {
          return answerRefusal(reply, err, 'You cannot see this closure')
        }
      },
    )

    // The manager's sign-off: the platform's rule refuses the proposer.
    formRoute(app, {
      path: '/case-closures/:id/authorisation',
      access: 'child.allocate',
      subject: { ...VIEW, auditDetail: { form: 'authorisation' } },
      load: (request: FastifyRequest) => viewClosure(deps, subjectId(request)),
      schema: signOffDecisionSchema,
      render: (request, reply, { context: view, values, errors, status }) => {
        const shown = values ?? {}
        return reply.code(status).view('modules/protection/views/closure-authorisation.njk', {
          pageTitle: `Authorise the closure of the case: ${named(view.closure)}`,
          closure: view.closure,
          childName: named(view.closure),
          summary: summary(view),
          awaiting: view.awaiting,
          mine: view.awaiting?.asked_by === requireUser(request).id,
          values: shown,
          outcomeChoice: shown.outcome,
          oversightMin: OVERSIGHT_MIN,
          ...errorView(errors),
        })
      },
      save: (request, decision) =>
        decideClosure(deps, requireUser(request), subjectId(request), decision, request.auditContext),
      done: (_d, view, saved) => ({
        // Closed, the case's allocation has ended: the manager may no longer reach the record.
        to: saved.outcome === 'authorised' ? '/' : path(view.closure.id),
        text:
          saved.outcome === 'authorised'
            ? `The case of ${named(view.closure)} is closed`
            : 'The closure was returned to the worker with your reason',
      }),
      refusal: (err) =>
        err instanceof ProtectionStateError ? { field: 'outcome', message: err.message, status: 409 } : null,
      notAllowedTitle: 'You cannot authorise the closure of this case',
    })
  }
}
