/**
 * Child protection plans' pages: the plan, and the forms adding an action, recording an action's
 * delivery, a core group, a visit and the plan's end. Thin: the platform has checked the child
 * the URL names (the `cp_plan` subject) and audited; the schema checks the answers; one service
 * call saves. Every form carries the plan's version, so a change made meanwhile by someone else
 * is reported (409) rather than overwritten.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { londonToday, longDate } from '../../platform/calendar/dates.js'
import { OVERSIGHT_MIN, signOffDecisionSchema } from '../../platform/signoff/rule.js'
import { describeDue } from '../../platform/calendar/due.js'
import { loadWorkingCalendar } from '../../platform/calendar/store.js'
import { answerRefusal, NotFoundError } from '../../platform/http/errors.js'
import { errorView, formRoute, type FormRefusal, type KeptAnswers } from '../../platform/http/form.js'
import { requireUser } from '../../platform/http/request-context.js'
import { subjectChild, subjectId, type RouteSubject } from '../../platform/http/subjects.js'
import { allow } from '../../platform/permissions/allow.js'
import { labelOf } from './model.js'
import {
  ACTION_FIELD_IDS,
  ACTION_STATUSES,
  actionSchema,
  CATEGORIES,
  CORE_GROUP_AGENCIES,
  CORE_GROUP_FIELD_IDS,
  coreGroupSchema,
  END_FIELD_IDS,
  END_REASONS,
  endSchema,
  isOverdue,
  OWNER_KINDS,
  PROGRESS_FIELD_IDS,
  progressSchema,
  VISIT_FIELD_IDS,
  visitSchema,
  startedBeforeBirth,
} from './plan-model.js'
import {
  addAction,
  decidePlanEnd,
  endPlan,
  planOfAction,
  recordActionProgress,
  recordCoreGroup,
  recordVisit,
  viewPlan,
  type PlanView,
} from './plan-service.js'
import { planReviewState } from './review-service.js'
import { ProtectionStateError, type ProtectionDeps } from './service.js'
import { PlanConflictError } from './plan-service.js'

const VIEW: RouteSubject = { kind: 'cp_plan', auditAction: 'cp_plan.view' }
const form = (name: string, extra?: readonly string[]): RouteSubject => ({
  kind: 'cp_plan',
  auditAction: 'cp_plan.view',
  auditDetail: { form: name },
  ...(extra ? { extraParams: extra } : {}),
})

const childName = (plan: PlanView['plan']) => `${plan.given_name} ${plan.family_name}`

/** The plan's refusals as the form shows them: a clash links back to the plan, a rule to its field. */
function refusal(planId: number) {
  return (err: unknown): FormRefusal | null => {
    if (err instanceof PlanConflictError)
      return { field: 'form', message: err.message, href: `/cp-plans/${planId}` }
    if (err instanceof ProtectionStateError) return { field: err.field, message: err.message }
    return null
  }
}

/** A form on an ended plan is not offered: say so, and link to the plan. */
function ended(reply: FastifyReply, plan: PlanView['plan']) {
  return reply.code(409).view('platform/views/message.njk', {
    pageTitle: 'This child protection plan has ended',
    paragraphs: [`The plan ended on ${plan.end_date ?? ''}. Nothing more can be recorded on it.`],
    links: [{ href: `/cp-plans/${plan.id}`, text: 'See the plan' }],
  })
}

/** The boxes of a date as the form shows them. */
export function boxes(prefix: string, iso: string): Record<string, string> {
  const [y, m, d] = iso.split('-')
  return {
    [`${prefix}-day`]: String(Number(d)),
    [`${prefix}-month`]: String(Number(m)),
    [`${prefix}-year`]: y ?? '',
  }
}

export const items = (list: readonly { code: string; label: string; hint?: string }[], chosen: unknown) =>
  list.map((c) => ({
    value: c.code,
    text: c.label,
    ...(c.hint ? { hint: { text: c.hint } } : {}),
    checked: chosen === c.code,
  }))

export const yesNoItems = (chosen: unknown) => [
  { value: 'yes', text: 'Yes', checked: chosen === 'yes' },
  { value: 'no', text: 'No', checked: chosen === 'no' },
]

/** The action form's choices: an outcome of the plan (or a new one), and who owns the action. */
export function actionChoices(outcomes: readonly { id: number; outcome: string }[], values: KeptAnswers) {
  return {
    outcomeItems: [
      ...outcomes.map((o) => ({
        value: String(o.id),
        text: o.outcome,
        checked: values.outcomeId === String(o.id),
      })),
      ...(outcomes.length ? [{ divider: 'or' }] : []),
      { value: 'new', text: 'A new outcome', checked: values.outcomeId === 'new' },
    ],
    hasOutcomes: outcomes.length > 0,
    ownerItems: items(OWNER_KINDS, values.ownerKind),
  }
}

/** An action's tag on the plan page: overdue, else planned, delivered or not delivered. */
export function actionTag(a: { status: string; due_on: string }, today: string) {
  return isOverdue(a, today)
    ? { text: 'Overdue', classes: 'govuk-tag--red' }
    : {
        text: labelOf(ACTION_STATUSES, a.status) ?? a.status,
        classes: ACTION_STATUSES.find((s) => s.code === a.status)?.colour ?? '',
      }
}

/** The plan's outcomes, each with its actions, owners and tags, for the plan page. */
export function outcomesWithActions<
  A extends { status: string; due_on: string; owner_name: string; owner_kind: string },
>(
  outcomes: readonly { id: number; outcome: string }[],
  actions: readonly A[],
  outcomeOf: (a: A) => number,
  today: string,
) {
  return outcomes.map((o) => ({
    ...o,
    actions: actions
      .filter((a) => outcomeOf(a) === o.id)
      .map((a) => ({
        ...a,
        ownerText: `${a.owner_name}${a.owner_kind === 'agency' ? ' (agency)' : ''}`,
        tag: actionTag(a, today),
      })),
  }))
}

/** Where a worklist's task about an action leads: the action on its plan (`planOf` gives the plan's path). */
export function actionLink(
  app: FastifyInstance,
  path: string,
  subject: RouteSubject,
  planOf: (actionId: number) => Promise<string | undefined>,
) {
  app.get(path, { config: { access: 'child.view', subject } }, async (request, reply) => {
    const plan = await planOf(subjectId(request))
    if (!plan) return answerRefusal(reply, new NotFoundError('No such action'), '')
    return reply.redirect(`${plan}#action-${subjectId(request)}`, 303)
  })
}

export function planRoutes(deps: ProtectionDeps) {
  const load = (request: FastifyRequest) => viewPlan(deps, subjectId(request))
  const shell = (view: PlanView, values: KeptAnswers | null, extra: Record<string, string> = {}) => ({
    plan: view.plan,
    childName: childName(view.plan),
    values: { version: String(view.plan.version), ...extra, ...(values ?? {}) } as KeptAnswers,
  })

  return async (app: FastifyInstance) => {
    app.get('/cp-plans/:id', { config: { access: 'child.view', subject: VIEW } }, async (request, reply) => {
      try {
        const view = await load(request)
        const child = subjectChild(request)
        const now = deps.clock.now()
        const today = londonToday(now)
        const canEdit =
          child !== undefined &&
          allow(requireUser(request), 'child.edit', child, now).allowed &&
          !view.plan.end_date
        const calendar = await loadWorkingCalendar(deps.db)
        const review = await planReviewState(deps, view.plan.child_id, view.plan.id)
        return reply.view('modules/protection/views/plan.njk', {
          pageTitle: `Child protection plan: ${childName(view.plan)}`,
          plan: view.plan,
          beforeBirth: startedBeforeBirth(view.plan.start_date, view.plan),
          childName: childName(view.plan),
          initialCategory: labelOf(CATEGORIES, view.plan.initial_category),
          latestCategory: labelOf(CATEGORIES, view.plan.latest_category),
          endReason: labelOf(END_REASONS, view.plan.end_reason),
          outcomes: outcomesWithActions(view.outcomes, view.actions, (a) => a.cp_plan_outcome_id, today),
          delivered: view.actions.filter((a) => a.status === 'delivered').length,
          planned: view.actions.length,
          overdue: view.actions.filter((a) => isOverdue(a, today)).length,
          reviews: view.reviews.map((r) => ({
            ...r,
            outcomeText: r.continues
              ? `Plan continues: ${labelOf(CATEGORIES, r.latest_category) ?? ''}`
              : `Plan ended: ${labelOf(END_REASONS, view.plan.end_reason) ?? ''}`,
          })),
          pendingReview: review.pending,
          reviewDue: review.due ? describeDue(review.due.due_at, now, calendar) : null,
          coreGroups: view.coreGroups.map((g) => ({
            ...g,
            attendedText: CORE_GROUP_AGENCIES.filter((c) =>
              g.attendance.some((a) => a.attended && a.agency_kind === c.code),
            )
              .map((c) => c.label)
              .join(', '),
          })),
          visits: view.visits,
          tasks: view.tasks
            .filter((t) => t.subject_type === 'cp_plan')
            .map((t) => ({ ...t, due: describeDue(t.due_at, now, calendar) })),
          canEdit,
          signOffs: view.signOffs,
          awaiting: view.awaiting,
          withdrawn: view.plan.end_date ? view.withdrawn : null,
          lastReturned: view.plan.end_proposed_on === null && !view.plan.end_date ? view.lastReturned : null,
          proposedReason: labelOf(END_REASONS, view.plan.end_proposed_reason),
          canAuthoriseEnd:
            view.awaiting !== null &&
            !view.plan.end_date &&
            view.awaiting.asked_by !== requireUser(request).id &&
            child !== undefined &&
            allow(requireUser(request), 'child.allocate', child, now).allowed,
        })
      } catch (err) {
        return answerRefusal(reply, err, 'You cannot see this child protection plan')
      }
    })

    actionLink(app, '/cp-plan-actions/:id', { kind: 'cp_plan_action', auditAction: 'cp_plan.view' }, (id) =>
      planOfAction(deps, id).then((found) => found && `/cp-plans/${found.planId}`),
    )

    formRoute(app, {
      path: '/cp-plans/:id/actions/new',
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
        return reply.code(status).view('modules/protection/views/plan-form.njk', {
          pageTitle: `Add an action: ${shown.childName}`,
          heading: 'Add an action to the plan',
          kind: 'action',
          action: `/cp-plans/${view.plan.id}/actions/new`,
          ...shown,
          ...errorView(errors),
          ...actionChoices(view.outcomes, shown.values),
          button: 'Add the action',
        })
      },
      save: (request, input) =>
        addAction(deps, requireUser(request), subjectId(request), input, request.auditContext),
      done: (_i, view) => ({ to: `/cp-plans/${view.plan.id}`, text: 'Action added to the plan' }),
      refusal: (err, request) => refusal(subjectId(request))(err),
      notAllowedTitle: 'You cannot change this child protection plan',
    })

    formRoute(app, {
      path: '/cp-plans/:id/actions/:actionId',
      access: 'child.edit',
      subject: form('action-progress', ['actionId']),
      load: async (request: FastifyRequest) => {
        const view = await load(request)
        const actionId = subjectId(request, 'actionId')
        const action = view.actions.find((a) => a.id === actionId)
        if (!action) throw new NotFoundError(`No action ${actionId} on this plan`)
        const outcome = view.outcomes.find((o) => o.id === action.cp_plan_outcome_id)
        return { view, action, outcome }
      },
      schema: ({ view }) => progressSchema(deps.clock.now(), { startDate: view.plan.start_date }),
      fieldIds: PROGRESS_FIELD_IDS,
      render: (_request, reply, { context: { view, action, outcome }, values, errors, status }) => {
        if (view.plan.end_date) return ended(reply, view.plan)
        if (action.status !== 'planned')
          return reply.code(409).view('platform/views/message.njk', {
            pageTitle: 'This action has already been recorded',
            paragraphs: [
              `It was recorded as ${(labelOf(ACTION_STATUSES, action.status) ?? '').toLowerCase()}.`,
            ],
            links: [{ href: `/cp-plans/${view.plan.id}`, text: 'See the plan' }],
          })
        const shown = shell(view, values, boxes('delivered', londonToday(deps.clock.now())))
        return reply.code(status).view('modules/protection/views/plan-form.njk', {
          pageTitle: `Record whether an action was delivered: ${shown.childName}`,
          heading: 'Record whether the action was delivered',
          kind: 'progress',
          action: `/cp-plans/${view.plan.id}/actions/${action.id}`,
          ...shown,
          ...errorView(errors),
          planAction: action,
          outcome: outcome?.outcome,
          statusItems: [
            { value: 'delivered', text: 'Delivered', checked: shown.values.status === 'delivered' },
            {
              value: 'not_delivered',
              text: 'Not delivered',
              checked: shown.values.status === 'not_delivered',
            },
          ],
          button: 'Save',
        })
      },
      save: (request, input, { view, action }) =>
        recordActionProgress(
          deps,
          requireUser(request),
          view.plan.id,
          action.id,
          input,
          request.auditContext,
        ),
      done: (input, { view }) => ({
        to: `/cp-plans/${view.plan.id}`,
        text:
          input.status === 'delivered' ? 'Action recorded as delivered' : 'Action recorded as not delivered',
      }),
      refusal: (err, request) => refusal(subjectId(request))(err),
      notAllowedTitle: 'You cannot change this child protection plan',
    })

    formRoute(app, {
      path: '/cp-plans/:id/core-groups/new',
      access: 'child.edit',
      subject: form('core-group'),
      load,
      schema: (view) =>
        coreGroupSchema(
          deps.clock.now(),
          { startDate: view.plan.start_date },
          view.actions.map((a) => a.id),
        ),
      fieldIds: CORE_GROUP_FIELD_IDS,
      lists: ['attended'],
      render: (_request, reply, { context: view, values, errors, status }) => {
        if (view.plan.end_date) return ended(reply, view.plan)
        const shown = shell(view, values, boxes('held', londonToday(deps.clock.now())))
        const attended = Array.isArray(shown.values.attended) ? shown.values.attended : []
        return reply.code(status).view('modules/protection/views/plan-form.njk', {
          pageTitle: `Record a core group meeting: ${shown.childName}`,
          heading: 'Record a core group meeting',
          kind: 'core-group',
          action: `/cp-plans/${view.plan.id}/core-groups/new`,
          ...shown,
          ...errorView(errors),
          agencyItems: CORE_GROUP_AGENCIES.map((a) => ({
            value: a.code,
            text: a.label,
            checked: attended.includes(a.code),
          })),
          planActions: view.actions.map((a) => ({
            ...a,
            statusText: labelOf(ACTION_STATUSES, a.status),
          })),
          button: 'Save the core group',
        })
      },
      save: (request, input) =>
        recordCoreGroup(deps, requireUser(request), subjectId(request), input, request.auditContext),
      done: (_i, view) => ({ to: `/cp-plans/${view.plan.id}`, text: 'Core group meeting recorded' }),
      refusal: (err, request) => refusal(subjectId(request))(err),
      notAllowedTitle: 'You cannot change this child protection plan',
    })

    formRoute(app, {
      path: '/cp-plans/:id/visits/new',
      access: 'child.edit',
      subject: form('visit'),
      load,
      schema: (view) => visitSchema(deps.clock.now(), { startDate: view.plan.start_date }),
      fieldIds: VISIT_FIELD_IDS,
      render: (_request, reply, { context: view, values, errors, status }) => {
        if (view.plan.end_date) return ended(reply, view.plan)
        const shown = shell(view, values, boxes('visited', londonToday(deps.clock.now())))
        return reply.code(status).view('modules/protection/views/plan-form.njk', {
          pageTitle: `Record a visit: ${shown.childName}`,
          heading: 'Record a child protection visit',
          kind: 'visit',
          action: `/cp-plans/${view.plan.id}/visits/new`,
          ...shown,
          ...errorView(errors),
          seenItems: yesNoItems(shown.values.seen),
          aloneItems: yesNoItems(shown.values.seenAlone),
          announcedItems: yesNoItems(shown.values.announced),
          button: 'Save the visit',
        })
      },
      save: (request, input) =>
        recordVisit(deps, requireUser(request), subjectId(request), input, request.auditContext),
      done: (_i, view) => ({ to: `/cp-plans/${view.plan.id}`, text: 'Visit recorded' }),
      refusal: (err, request) => refusal(subjectId(request))(err),
      notAllowedTitle: 'You cannot change this child protection plan',
    })

    formRoute(app, {
      path: '/cp-plans/:id/end',
      access: 'child.edit',
      subject: form('end'),
      load,
      schema: (view) => endSchema(deps.clock.now(), { startDate: view.plan.start_date }),
      fieldIds: END_FIELD_IDS,
      render: (_request, reply, { context: view, values, errors, status }) => {
        if (view.plan.end_date) return ended(reply, view.plan)
        if (view.plan.end_proposed_on)
          return reply.code(409).view('platform/views/message.njk', {
            pageTitle: 'The end of this plan is waiting for authorisation',
            paragraphs: ['A manager authorises the end or returns it with the reason.'],
            links: [{ href: `/cp-plans/${view.plan.id}`, text: 'See the plan' }],
          })
        const shown = shell(view, values, boxes('end', londonToday(deps.clock.now())))
        return reply.code(status).view('modules/protection/views/plan-form.njk', {
          pageTitle: `End the plan: ${shown.childName}`,
          heading: 'End the child protection plan',
          kind: 'end',
          action: `/cp-plans/${view.plan.id}/end`,
          ...shown,
          ...errorView(errors),
          lastReturned: view.lastReturned,
          reasonItems: items(END_REASONS, shown.values.reason),
          button: 'Send the end for authorisation',
        })
      },
      save: (request, input) =>
        endPlan(deps, requireUser(request), subjectId(request), input, request.auditContext),
      done: (_i, view) => ({
        to: `/cp-plans/${view.plan.id}`,
        text: 'The end of the plan has been sent to a manager for authorisation',
      }),
      refusal: (err, request) => refusal(subjectId(request))(err),
      notAllowedTitle: 'You cannot change this child protection plan',
    })

    // The manager's sign-off of the worker's proposed end: the platform's rule refuses the sender.
    formRoute(app, {
      path: '/cp-plans/:id/end/authorisation',
      access: 'child.allocate',
      subject: form('end_authorisation'),
      load,
      schema: signOffDecisionSchema,
      render: (request, reply, { context: view, values, errors, status }) => {
        if (view.plan.end_date) return ended(reply, view.plan)
        const shown = values ?? {}
        return reply.code(status).view('modules/protection/views/plan-end-authorisation.njk', {
          pageTitle: `Authorise the end of the plan: ${childName(view.plan)}`,
          plan: view.plan,
          childName: childName(view.plan),
          awaiting: view.awaiting,
          mine: view.awaiting?.asked_by === requireUser(request).id,
          proposedReason: labelOf(END_REASONS, view.plan.end_proposed_reason),
          values: shown,
          outcomeChoice: shown.outcome,
          oversightMin: OVERSIGHT_MIN,
          ...errorView(errors),
        })
      },
      save: (request, decision) =>
        decidePlanEnd(deps, requireUser(request), subjectId(request), decision, request.auditContext),
      done: (_d, view, saved) => ({
        to: `/cp-plans/${view.plan.id}`,
        text:
          saved.outcome === 'authorised'
            ? `Child protection plan ended on ${longDate(saved.endDate ?? '')}`
            : 'The end of the plan was returned to the worker with your reason',
      }),
      refusal: (err) =>
        err instanceof ProtectionStateError ? { field: 'outcome', message: err.message, status: 409 } : null,
      notAllowedTitle: 'You cannot authorise the end of this child protection plan',
    })
  }
}
