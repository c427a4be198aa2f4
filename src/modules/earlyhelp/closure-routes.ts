/**
 * Closing an early help episode: the checklist form from the episode, the closure's page, and the
 * manager's sign-off. Thin: the platform has checked the child the URL names and audited the view;
 * the shared checklist's schema checks the answers; one service call saves.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import {
  checklistAnswers,
  CLOSURE_FIELD_IDS,
  closureChecklistSchema,
  closureChecklistView,
  type ClosureChecklist,
} from '../../platform/casework/closure.js'
import { answerRefusal } from '../../platform/http/errors.js'
import { errorView, formRoute } from '../../platform/http/form.js'
import { requireUser } from '../../platform/http/request-context.js'
import { subjectChild, subjectId, type RouteSubject } from '../../platform/http/subjects.js'
import { allow } from '../../platform/permissions/allow.js'
import { OVERSIGHT_MIN, signOffDecisionSchema } from '../../platform/signoff/rule.js'
import { EARLY_HELP_CLOSURE_REASONS, EH_CLOSURE_SUBJECT } from './closure-model.js'
import {
  closureForm,
  ClosureStateError,
  decideClosure,
  proposeClosure,
  viewClosure,
} from './closure-service.js'
import type { EarlyHelpDeps } from './service.js'

const VIEW: RouteSubject = { kind: EH_CLOSURE_SUBJECT, auditAction: 'eh_closure.view' }
const V = 'modules/earlyhelp/views'
const path = (id: number) => `/early-help-closures/${id}`
const REASON_HINT = 'Early help’s own reasons: the episode keeps this as how it ended'

function message(reply: FastifyReply, pageTitle: string, paragraph: string, href: string, text: string) {
  return reply.view('platform/views/message.njk', {
    pageTitle,
    paragraphs: [paragraph],
    links: [{ href, text }],
  })
}

const stateRefusal = (err: unknown) =>
  err instanceof ClosureStateError ? { field: err.field, message: err.message, status: 409 as const } : null

export function earlyHelpClosureRoutes(deps: EarlyHelpDeps) {
  return async (app: FastifyInstance) => {
    formRoute(app, {
      path: '/early-help/:id/closure',
      access: 'child.view',
      subject: { kind: 'eh_episode', auditAction: 'earlyhelp.view', auditDetail: { form: 'closure' } },
      load: (request: FastifyRequest) => closureForm(deps, requireUser(request), subjectId(request)),
      schema: closureChecklistSchema(EARLY_HELP_CLOSURE_REASONS),
      fieldIds: CLOSURE_FIELD_IDS,
      render: (_request, reply, { context, values, errors, status }) => {
        const { episode, childName, state, rights, problem } = context
        const back = `/early-help/${episode.id}`
        // A proposal refused because one now waits comes back 409, with the page saying so.
        if (state.awaiting)
          return message(
            reply.code(status),
            'The closure of this episode is waiting for authorisation',
            'The early help team’s manager authorises the closure or returns it with the reason.',
            path(state.awaiting.id),
            'See the closure',
          )
        if (problem) return message(reply, 'You cannot close this episode', problem, back, 'Back')
        if (!rights.record)
          return message(
            reply,
            'You cannot close this episode',
            'Only the lead professional and the early help team holding this episode propose its closure.',
            back,
            'Back',
          )
        const returned = state.returned
        const shown =
          values ?? (returned ? checklistAnswers(returned.checklist as unknown as ClosureChecklist) : {})
        const { errors: list, fieldErrors } = errorView(errors)
        return reply.code(status).view(`${V}/closure-form.njk`, {
          pageTitle: `Close this early help episode: ${childName}`,
          childName,
          episode,
          returned,
          errors: list,
          checklist: closureChecklistView({
            values: shown,
            fieldErrors,
            reasons: EARLY_HELP_CLOSURE_REASONS,
            reasonHint: REASON_HINT,
            newContactHref: `/contacts/new?childId=${episode.child_id}`,
          }),
        })
      },
      save: (request, checklist, { episode }) =>
        proposeClosure(
          deps,
          {
            actor: requireUser(request),
            id: episode.id,
            childId: episode.child_id,
            audit: request.auditContext,
          },
          checklist,
        ),
      done: (_c, _ctx, saved) => ({
        to: path(saved.closureId),
        text: 'The closure of the episode has been sent to the early help team’s manager for authorisation',
      }),
      refusal: stateRefusal,
      notAllowedTitle: 'You cannot close this early help episode',
    })

    app.get(
      '/early-help-closures/:id',
      { config: { access: 'child.view', subject: VIEW } },
      async (request, reply) => {
        try {
          const user = requireUser(request)
          const view = await viewClosure(deps, user, subjectId(request))
          const child = subjectChild(request)
          const allocates =
            child !== undefined && allow(user, 'child.allocate', child, deps.clock.now()).allowed
          return reply.view(`${V}/closure.njk`, {
            pageTitle: `Closure of the early help episode: ${view.childName}`,
            ...view,
            canAuthorise: view.mayDecide && allocates,
          })
        } catch (err) {
          return answerRefusal(reply, err, 'You cannot see this closure')
        }
      },
    )

    // The manager's sign-off: the holding team's manager or a service manager, never the proposer.
    formRoute(app, {
      path: '/early-help-closures/:id/authorisation',
      access: 'child.allocate',
      subject: { ...VIEW, auditDetail: { form: 'authorisation' } },
      load: (request: FastifyRequest) => viewClosure(deps, requireUser(request), subjectId(request)),
      schema: signOffDecisionSchema,
      render: (_request, reply, { context: view, values, errors, status }) => {
        const shown = values ?? {}
        return reply.code(status).view(`${V}/closure-authorisation.njk`, {
          pageTitle: `Authorise the closure of the early help episode: ${view.childName}`,
          ...view,
          values: shown,
          outcomeChoice: shown.outcome,
          oversightMin: OVERSIGHT_MIN,
          ...errorView(errors),
        })
      },
      save: (request, decision) =>
        decideClosure(deps, requireUser(request), subjectId(request), decision, request.auditContext),
      done: (_d, view, saved) => ({
        // Ended, the episode's grants have ended: its team's manager may no longer reach the record.
        to:
          saved.outcome === 'returned'
            ? path(view.closure.id)
            : saved.stillSees
              ? `/early-help/${saved.episodeId}`
              : '/early-help',
        text:
          saved.outcome === 'authorised'
            ? `The early help episode of ${view.childName} has ended`
            : 'The closure was returned with your reason',
      }),
      refusal: (err) =>
        err instanceof ClosureStateError ? { field: 'outcome', message: err.message, status: 409 } : null,
      notAllowedTitle: 'You cannot authorise the closure of this early help episode',
    })
  }
}
