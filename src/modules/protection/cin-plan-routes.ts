/**
 * Child in need plans' pages: starting a plan from the child's record, the plan, and the forms
 * adding an action, recording its delivery, a visit, a review and the plan's end, with the
 * manager's authorisation of the end. Thin, as the CP plan's pages (whose form template and
 * helpers these share): the platform has checked the child the URL names and audited; the schema
 * checks the answers; one service call saves; every plan form carries the plan's version.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { londonToday, longDate } from '../../platform/calendar/dates.js'
import { describeDue } from '../../platform/calendar/due.js'
import { loadWorkingCalendar } from '../../platform/calendar/store.js'
import { answerRefusal, NotFoundError } from '../../platform/http/errors.js'
import { errorView, formRoute, type FormRefusal, type KeptAnswers } from '../../platform/http/form.js'
import { requireUser } from '../../platform/http/request-context.js'
import { subjectChild, subjectId, type RouteSubject } from '../../platform/http/subjects.js'
import { allow } from '../../platform/permissions/allow.js'
import { OVERSIGHT_MIN, signOffDecisionSchema } from '../../platform/signoff/rule.js'
import {
  CIN_SETTINGS,
  cinEndSchema,
  CLOSURE_REASONS,
  REVIEW_FIELD_IDS,
  reviewSchema,
  sourceKey,
  START_FIELD_IDS,
  startSchema,
  VISIT_FREQUENCIES,
  type CinPlanSource,
} from './cin-plan-model.js'
import {
  addCinAction,
  cinPlanOfAction,
  cinPlanSources,
  decideCinPlanEnd,
  endCinPlan,
  recordCinActionProgress,
  recordCinReview,
  recordCinVisit,
  startCinPlan,
  viewCinPlan,
  type CinPlanView,
} from './cin-plan-service.js'
import { childNamed } from './cin-plan-store.js'
import { labelOf } from './model.js'
import {
  ACTION_FIELD_IDS,
  ACTION_STATUSES,
  actionSchema,
  END_FIELD_IDS,
  isOverdue,
  PROGRESS_FIELD_IDS,
  progressSchema,
  VISIT_FIELD_IDS,
  visitSchema,
} from './plan-model.js'
import { actionChoices, actionLink, boxes, items, outcomesWithActions, yesNoItems } from './plan-routes.js'
import { PlanConflictError } from './plan-service.js'
import { ProtectionStateError, type ProtectionDeps } from './service.js'

const VIEW: RouteSubject = { kind: 'cin_plan', auditAction: 'cin_plan.view' }
const form = (name: string, extra?: readonly string[]): RouteSubject => ({
  ...VIEW,
  auditDetail: { form: name },
  ...(extra ? { extraParams: extra } : {}),
})
const FORM = 'modules/protection/views/plan-form.njk'
const NOT_ALLOWED = 'You cannot change this child in need plan'

const named = (p: { given_name: string; family_name: string }) => `${p.given_name} ${p.family_name}`
const path = (plan: { id: number }) => `/cin-plans/${plan.id}`
const reasonLabel = (code: string | null) =>
  code === null ? null : `${code}: ${labelOf(CLOSURE_REASONS, code) ?? ''}`

/** The plan's refusals as a form shows them: a clash links back to the plan, a rule to its field. */
function refusal(err: unknown, request: FastifyRequest): FormRefusal | null {
  if (err instanceof PlanConflictError)
    return { field: 'form', message: err.message, href: `/cin-plans/${subjectId(request)}` }
  if (err instanceof ProtectionStateError) return { field: err.field, message: err.message }
  return null
}

/** A page refusing what the plan's state does not allow, linking to the plan. */
function refuse(reply: FastifyReply, plan: { id: number }, pageTitle: string, paragraph: string) {
  return reply.code(409).view('platform/views/message.njk', {
    pageTitle,
    paragraphs: [paragraph],
    links: [{ href: path(plan), text: 'See the plan' }],
  })
}

const ended = (reply: FastifyReply, plan: CinPlanView['plan']) =>
  refuse(
    reply,
    plan,
    'This child in need plan has ended',
    `The plan ended on ${longDate(plan.end_date ?? '')}. Nothing more can be recorded on it.`,
  )

const sourceText = (s: CinPlanSource) =>
  s.kind === 'assessment'
    ? `The child and family assessment authorised on ${longDate(s.from)}`
    : `The child protection plan that ended on ${longDate(s.from)} (no longer at continuing risk)`

export function cinPlanRoutes(deps: ProtectionDeps) {
  const load = (request: FastifyRequest) => viewCinPlan(deps, subjectId(request))
  const today = () => londonToday(deps.clock.now())
  const shell = (view: CinPlanView, values: KeptAnswers | null, extra: Record<string, string> = {}) => ({
    plan: view.plan,
    planPath: path(view.plan),
    childName: named(view.plan),
    values: { version: String(view.plan.version), ...extra, ...(values ?? {}) } as KeptAnswers,
  })
  const planForm = (
    reply: FastifyReply,
    status: number,
    view: CinPlanView,
    shown: ReturnType<typeof shell>,
    page: { title: string; kind: string; action: string; button: string } & Record<string, unknown>,
  ) =>
    reply.code(status).view(FORM, {
      pageTitle: `${page.title}: ${shown.childName}`,
      heading: page.title,
      ...page,
      action: `${path(view.plan)}/${page.action}`,
      ...shown,
    })

  return async (app: FastifyInstance) => {
    formRoute(app, {
      path: '/children/:id/cin-plans/new',
      access: 'child.edit',
      subject: { kind: 'child', auditAction: 'cin_plan.view', auditDetail: { form: 'start' } },
      load: async (request: FastifyRequest) => {
        const child = await childNamed(deps.db, subjectId(request))
        if (!child) throw new NotFoundError('No such child')
        return { child, sources: await cinPlanSources(deps, child.id) }
      },
      schema: ({ sources }) => startSchema(deps.clock.now(), sources),
      fieldIds: START_FIELD_IDS,
      render: (_request, reply, { context: { child, sources }, values, errors, status }) => {
        if (sources.length === 0)
          return reply.code(409).view('platform/views/message.njk', {
            pageTitle: 'No child in need plan to start',
            paragraphs: [
              `A child in need plan starts after an assessment authorised with the outcome “child in need plan”, or when a child protection plan ends because the child is no longer at continuing risk. ${named(child)} has neither waiting for a plan.`,
            ],
            links: [{ href: `/children/${child.id}`, text: 'See the child’s record' }],
          })
        const shown: KeptAnswers = {
          ...boxes('start', today()),
          frequency: CIN_SETTINGS.defaultFrequency,
          ...(sources.length === 1 ? { source: sourceKey(sources[0] as CinPlanSource) } : {}),
          ...(values ?? {}),
        }
        return reply.code(status).view(FORM, {
          pageTitle: `Start a child in need plan: ${named(child)}`,
          heading: 'Start a child in need plan',
          kind: 'cin-start',
          action: `/children/${child.id}/cin-plans/new`,
          planPath: `/children/${child.id}`,
          backText: `Back to ${child.given_name}’s record`,
          childName: named(child),
          values: shown,
          ...errorView(errors),
          sourceItems: sources.map((s) => ({
            value: sourceKey(s),
            text: sourceText(s),
            checked: shown.source === sourceKey(s),
          })),
          frequencyItems: items(VISIT_FREQUENCIES, shown.frequency),
          button: 'Start the plan',
        })
      },
      save: (request, input) =>
        startCinPlan(deps, requireUser(request), subjectId(request), input, request.auditContext),
      done: (_i, _c, saved) => ({ to: `/cin-plans/${saved.planId}`, text: 'Child in need plan started' }),
      refusal: (err) =>
        err instanceof ProtectionStateError ? { field: err.field, message: err.message } : null,
      notAllowedTitle: 'You cannot start a child in need plan for this child',
      submission: { already: 'This child in need plan was already started', link: 'See the plan' },
    })

    app.get('/cin-plans/:id', { config: { access: 'child.view', subject: VIEW } }, async (request, reply) => {
      try {
        const view = await load(request)
        const child = subjectChild(request)
        const now = deps.clock.now()
        const user = requireUser(request)
        const may = (action: 'child.edit' | 'child.allocate') =>
          child !== undefined && allow(user, action, child, now).allowed && !view.plan.end_date
        const calendar = await loadWorkingCalendar(deps.db)
        return reply.view('modules/protection/views/cin-plan.njk', {
          pageTitle: `Child in need plan: ${named(view.plan)}`,
          plan: view.plan,
          childName: named(view.plan),
          frequency: labelOf(VISIT_FREQUENCIES, view.plan.visit_frequency),
          endReason: reasonLabel(view.plan.end_reason),
          proposedReason: reasonLabel(view.plan.end_proposed_reason),
          outcomes: outcomesWithActions(view.outcomes, view.actions, (a) => a.cin_plan_outcome_id, today()),
          delivered: view.actions.filter((a) => a.status === 'delivered').length,
          planned: view.actions.length,
          overdue: view.actions.filter((a) => isOverdue(a, today())).length,
          visits: view.visits,
          reviews: view.reviews,
          tasks: view.tasks.map((t) => ({ ...t, due: describeDue(t.due_at, now, calendar) })),
          canEdit: may('child.edit'),
          awaiting: view.awaiting,
          lastReturned: view.plan.end_proposed_on === null && !view.plan.end_date ? view.lastReturned : null,
          canAuthoriseEnd:
            view.awaiting !== null && view.awaiting.asked_by !== user.id && may('child.allocate'),
        })
      } catch (err) {
        return answerRefusal(reply, err, 'You cannot see this child in need plan')
      }
    })

    actionLink(
      app,
      '/cin-plan-actions/:id',
      { kind: 'cin_plan_action', auditAction: 'cin_plan.view' },
      (id) => cinPlanOfAction(deps, id).then((found) => found && path({ id: found.planId })),
    )

    formRoute(app, {
      path: '/cin-plans/:id/actions/new',
      access: 'child.edit',
      subject: form('action'),
      load,
      schema: (view) =>
        actionSchema(
          { startDate: view.plan.start_date },
          view.outcomes.map((o) => o.id),
        ),
      fieldIds: ACTION_FIELD_IDS,
      render: (_request, reply, { context: view, values, errors, status }) => {
        if (view.plan.end_date) return ended(reply, view.plan)
        const shown = shell(view, values)
        return planForm(reply, status, view, shown, {
          title: 'Add an action to the plan',
          kind: 'action',
          action: 'actions/new',
          button: 'Add the action',
          ...errorView(errors),
          ...actionChoices(view.outcomes, shown.values),
        })
      },
      save: (request, input) =>
        addCinAction(deps, requireUser(request), subjectId(request), input, request.auditContext),
      done: (_i, view) => ({ to: path(view.plan), text: 'Action added to the plan' }),
      refusal,
      notAllowedTitle: NOT_ALLOWED,
    })

    formRoute(app, {
      path: '/cin-plans/:id/actions/:actionId',
      access: 'child.edit',
      subject: form('action-progress', ['actionId']),
      load: async (request: FastifyRequest) => {
        const view = await load(request)
        const actionId = subjectId(request, 'actionId')
        const action = view.actions.find((a) => a.id === actionId)
        if (!action) throw new NotFoundError(`No action ${actionId} on this plan`)
        return { view, action, outcome: view.outcomes.find((o) => o.id === action.cin_plan_outcome_id) }
      },
      schema: ({ view }) => progressSchema(deps.clock.now(), { startDate: view.plan.start_date }),
      fieldIds: PROGRESS_FIELD_IDS,
      render: (_request, reply, { context: { view, action, outcome }, values, errors, status }) => {
        if (view.plan.end_date) return ended(reply, view.plan)
        if (action.status !== 'planned')
          return refuse(
            reply,
            view.plan,
            'This action has already been recorded',
            `It was recorded as ${(labelOf(ACTION_STATUSES, action.status) ?? '').toLowerCase()}.`,
          )
        const shown = shell(view, values, boxes('delivered', today()))
        return planForm(reply, status, view, shown, {
          title: 'Record whether the action was delivered',
          kind: 'progress',
          action: `actions/${action.id}`,
          button: 'Save',
          ...errorView(errors),
          planAction: action,
          outcome: outcome?.outcome,
          statusItems: items(ACTION_STATUSES.slice(1), shown.values.status),
        })
      },
      save: (request, input, { view, action }) =>
        recordCinActionProgress(
          deps,
          requireUser(request),
          view.plan.id,
          action.id,
          input,
          request.auditContext,
        ),
      done: (input, { view }) => ({
        to: path(view.plan),
        text:
          input.status === 'delivered' ? 'Action recorded as delivered' : 'Action recorded as not delivered',
      }),
      refusal,
      notAllowedTitle: NOT_ALLOWED,
    })

    formRoute(app, {
      path: '/cin-plans/:id/visits/new',
      access: 'child.edit',
      subject: form('visit'),
      load,
      schema: (view) => visitSchema(deps.clock.now(), { startDate: view.plan.start_date }),
      fieldIds: VISIT_FIELD_IDS,
      render: (_request, reply, { context: view, values, errors, status }) => {
        if (view.plan.end_date) return ended(reply, view.plan)
        const shown = shell(view, values, boxes('visited', today()))
        return planForm(reply, status, view, shown, {
          title: 'Record a child in need visit',
          kind: 'visit',
          action: 'visits/new',
          button: 'Save the visit',
          ...errorView(errors),
          seenItems: yesNoItems(shown.values.seen),
          aloneItems: yesNoItems(shown.values.seenAlone),
          announcedItems: yesNoItems(shown.values.announced),
        })
      },
      save: (request, input) =>
        recordCinVisit(deps, requireUser(request), subjectId(request), input, request.auditContext),
      done: (_i, view) => ({ to: path(view.plan), text: 'Visit recorded' }),
      refusal,
      notAllowedTitle: NOT_ALLOWED,
    })

    formRoute(app, {
      path: '/cin-plans/:id/reviews/new',
      access: 'child.edit',
      subject: form('review'),
      load,
      schema: (view) => reviewSchema(deps.clock.now(), { startDate: view.plan.start_date }),
      fieldIds: REVIEW_FIELD_IDS,
      render: (_request, reply, { context: view, values, errors, status }) => {
        if (view.plan.end_date) return ended(reply, view.plan)
        const shown = shell(view, values, boxes('held', today()))
        return planForm(reply, status, view, shown, {
          title: 'Record a review of the plan',
          kind: 'review',
          action: 'reviews/new',
          button: 'Save the review',
          ...errorView(errors),
        })
      },
      save: (request, input) =>
        recordCinReview(deps, requireUser(request), subjectId(request), input, request.auditContext),
      done: (_i, view) => ({ to: path(view.plan), text: 'Review recorded' }),
      refusal,
      notAllowedTitle: NOT_ALLOWED,
    })

    formRoute(app, {
      path: '/cin-plans/:id/end',
      access: 'child.edit',
      subject: form('end'),
      load,
      schema: (view) => cinEndSchema(deps.clock.now(), { startDate: view.plan.start_date }),
      fieldIds: END_FIELD_IDS,
      render: (_request, reply, { context: view, values, errors, status }) => {
        if (view.plan.end_date) return ended(reply, view.plan)
        if (view.plan.end_proposed_on)
          return refuse(
            reply,
            view.plan,
            'The end of this plan is waiting for authorisation',
            'A manager authorises the end or returns it with the reason.',
          )
        const shown = shell(view, values, boxes('end', today()))
        return planForm(reply, status, view, shown, {
          title: 'End the child in need plan',
          kind: 'end',
          action: 'end',
          button: 'Send the end for authorisation',
          ...errorView(errors),
          endNote:
            'The end goes to a manager to authorise; the plan ends on this date once they do, and its visit and review reminders stop. The reason is the CIN census’s reason for closure.',
          lastReturned: view.lastReturned,
          reasonItems: items(
            CLOSURE_REASONS.map((r) => ({ code: r.code, label: `${r.code}: ${r.label}` })),
            shown.values.reason,
          ),
        })
      },
      save: (request, input) =>
        endCinPlan(deps, requireUser(request), subjectId(request), input, request.auditContext),
      done: (_i, view) => ({
        to: path(view.plan),
        text: 'The end of the plan has been sent to a manager for authorisation',
      }),
      refusal,
      notAllowedTitle: NOT_ALLOWED,
    })

    // The manager's sign-off of the worker's proposed end: the platform's rule refuses the sender.
    formRoute(app, {
      path: '/cin-plans/:id/end/authorisation',
      access: 'child.allocate',
      subject: form('end_authorisation'),
      load,
      schema: signOffDecisionSchema,
      render: (request, reply, { context: view, values, errors, status }) => {
        if (view.plan.end_date) return ended(reply, view.plan)
        const shown = values ?? {}
        return reply.code(status).view('modules/protection/views/plan-end-authorisation.njk', {
          pageTitle: `Authorise the end of the plan: ${named(view.plan)}`,
          plan: view.plan,
          planPath: path(view.plan),
          planNoun: 'child in need plan',
          childName: named(view.plan),
          awaiting: view.awaiting,
          mine: view.awaiting?.asked_by === requireUser(request).id,
          proposedReason: reasonLabel(view.plan.end_proposed_reason),
          values: shown,
          outcomeChoice: shown.outcome,
          oversightMin: OVERSIGHT_MIN,
          ...errorView(errors),
        })
      },
      save: (request, decision) =>
        decideCinPlanEnd(deps, requireUser(request), subjectId(request), decision, request.auditContext),
      done: (_d, view, saved) => ({
        to: path(view.plan),
        text:
          saved.outcome === 'authorised'
            ? `Child in need plan ended on ${longDate(saved.endDate ?? '')}`
            : 'The end of the plan was returned to the worker with your reason',
      }),
      refusal: (err) =>
        err instanceof ProtectionStateError ? { field: 'outcome', message: err.message, status: 409 } : null,
      notAllowedTitle: 'You cannot authorise the end of this child in need plan',
    })
  }
}
