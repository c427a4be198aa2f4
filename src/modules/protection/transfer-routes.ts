/**
 * Transfers' pages: a transfer-in notification (from the child's record), the notification with
 * its due date and conference, arranging the transfer-in conference (the conference's own pages
 * invite agencies and record it held); a move away recorded from the plan, and the receiving
 * authority's conference held. Thin: the platform checks each child the URL names (subjects
 * `child`, `cp_transfer_in`, `cp_plan`, `cp_transfer_out`) and audits before each handler.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { londonToday, longDate } from '../../platform/calendar/dates.js'
import { answerRefusal } from '../../platform/http/errors.js'
import { errorView, formRoute, type FormRefusal, type KeptAnswers } from '../../platform/http/form.js'
import { requireUser } from '../../platform/http/request-context.js'
import { subjectOf, subjectId, type RouteSubject, type SubjectKinds } from '../../platform/http/subjects.js'
import { allow } from '../../platform/permissions/allow.js'
import { ARRANGE_FIELD_IDS, arrangeSchema, CONFERENCE_KINDS, decisionsFor } from './conference-model.js'
import { chairs } from './conference-store.js'
import { labelOf } from './model.js'
import { CATEGORIES, END_REASONS } from './plan-model.js'
import { PlanConflictError, viewPlan } from './plan-service.js'
import { ProtectionStateError, type ProtectionDeps } from './service.js'
import {
  LOCAL_AUTHORITIES,
  notificationSchema,
  NOTIFICATION_FIELD_IDS,
  TRANSFER_OUT_FIELD_IDS,
  TRANSFER_OUT_HELD_FIELD_IDS,
  transferOutHeldSchema,
  transferOutSchema,
} from './transfer-model.js'
import {
  arrangeTransferIn,
  notificationOptions,
  recordTransferIn,
  recordTransferOut,
  recordTransferOutHeld,
  transferOutOfPlan,
  viewTransferIn,
  viewTransferOut,
} from './transfer-service.js'
import { transferInChildIds, transferOutChild } from './transfer-store.js'

/** A notification is about each child it names (every one must be allowed); a move away, one child. */
export const transferSubjects: SubjectKinds = {
  cp_transfer_in: {
    params: { id: 'id' },
    async load(db, ids) {
      const childIds = await transferInChildIds(db, ids.id as number)
      return childIds.length === 0
        ? null
        : { recordType: 'cp_transfer_in', recordId: ids.id as number, childIds }
    },
  },
  cp_transfer_out: {
    params: { id: 'id' },
    async load(db, ids) {
      const childId = await transferOutChild(db, ids.id as number)
      return childId === null
        ? null
        : { recordType: 'cp_transfer_out', recordId: ids.id as number, childIds: [childId] }
    },
  },
}

const IN: RouteSubject = { kind: 'cp_transfer_in', auditAction: 'cp_transfer_in.view' }
const OUT: RouteSubject = { kind: 'cp_transfer_out', auditAction: 'cp_transfer_out.view' }

function refusal(href?: string) {
  return (err: unknown): FormRefusal | null => {
    if (err instanceof PlanConflictError && href) return { field: 'form', message: err.message, href }
    if (err instanceof ProtectionStateError) return { field: err.field, message: err.message }
    return null
  }
}

const authorityItems = (chosen: unknown, empty: string) => [
  { value: '', text: empty },
  ...LOCAL_AUTHORITIES.map((a) => ({
    value: a.code,
    text: `${a.label} (${a.code})`,
    selected: chosen === a.code,
  })),
]

const categoryItems = (chosen: unknown) => [
  { value: '', text: 'Select a category' },
  ...CATEGORIES.map((k) => ({ value: k.code, text: `${k.label} (${k.code})`, selected: chosen === k.code })),
]

const name = (c: { given_name: string; family_name: string }) => `${c.given_name} ${c.family_name}`

const boxesOf = (prefix: string, iso: string): Record<string, string> => {
  const [y, m, d] = iso.split('-')
  return {
    [`${prefix}-day`]: String(Number(d)),
    [`${prefix}-month`]: String(Number(m)),
    [`${prefix}-year`]: y ?? '',
  }
}

export function transferRoutes(deps: ProtectionDeps) {
  const today = () => londonToday(deps.clock.now())
  return async (app: FastifyInstance) => {
    formRoute(app, {
      path: '/children/:id/cp-transfer-in/new',
      access: 'child.edit',
      subject: { kind: 'child', auditAction: 'cp_transfer_in.view', auditDetail: { form: 'notify' } },
      load: (request: FastifyRequest) => notificationOptions(deps, requireUser(request), subjectId(request)),
      schema: ({ child, siblings }) =>
        notificationSchema(
          today(),
          { childId: child.id, name: name(child) },
          siblings.map((s) => ({ childId: s.id, name: name(s) })),
        ),
      fieldIds: { ...NOTIFICATION_FIELD_IDS, siblings: 'siblings' },
      lists: ['siblings'],
      render: (_request, reply, { context: { child, siblings, childBusy }, values, errors, status }) => {
        if (childBusy)
          return reply.code(409).view('platform/views/message.njk', {
            pageTitle: 'No transfer-in to record for this child',
            paragraphs: [
              `${name(child)} is already on a child protection plan here, or on a transfer-in notification awaiting its conference.`,
            ],
            links: [{ href: `/children/${child.id}`, text: 'See the child’s record' }],
          })
        const shown: KeptAnswers = values ?? { siblings: [] }
        const chosen = Array.isArray(shown.siblings) ? shown.siblings : []
        return reply.code(status).view('modules/protection/views/transfer-in-form.njk', {
          pageTitle: `Record a transfer-in: ${name(child)}`,
          child,
          values: shown,
          ...errorView(errors),
          laItems: authorityItems(shown.la, 'Select the authority'),
          children: [child, ...siblings].map((c) => ({
            id: c.id,
            name: name(c),
            categoryItems: categoryItems(shown[`category-${c.id}`]),
          })),
          siblingItems: siblings.map((s) => ({
            value: String(s.id),
            text: name(s),
            checked: chosen.includes(String(s.id)),
          })),
        })
      },
      save: (request, input) => recordTransferIn(deps, requireUser(request), input, request.auditContext),
      done: (input, _c, id) => ({
        to: `/cp-transfers-in/${id}`,
        text: `Transfer-in from ${input.laName} recorded${input.children.length > 1 ? ` for ${input.children.length} children` : ''}`,
      }),
      refusal: refusal(),
      notAllowedTitle: 'You cannot record a transfer-in for this child',
      submission: { already: 'This transfer-in was already recorded', link: 'See the transfer-in' },
    })

    app.get(
      '/cp-transfers-in/:id',
      { config: { access: 'child.view', subject: IN } },
      async (request, reply) => {
        try {
          const view = await viewTransferIn(deps, subjectId(request))
          const now = deps.clock.now()
          const actor = requireUser(request)
          const canEdit = subjectOf(request).children.every(
            (c) => allow(actor, 'child.edit', c.record, now).allowed,
          )
          const { transfer, conference } = view
          return reply.view('modules/protection/views/transfer-in.njk', {
            pageTitle: `Transfer-in: ${view.children.map((c) => c.given_name).join(' and ')} ${view.children[0]?.family_name ?? ''}`,
            transfer,
            dueOn: view.dueOn,
            conference,
            conferenceKind: labelOf(CONFERENCE_KINDS, 'transfer_in'),
            children: view.children.map((c) => ({
              ...c,
              name: name(c),
              theirCategory: labelOf(CATEGORIES, c.their_category),
              decisionText: labelOf(decisionsFor('transfer_in'), c.decision),
            })),
            // None arranged, or the one arranged was cancelled: a new one may be arranged.
            canArrange: canEdit && (conference === null || conference.cancelled_at !== null),
          })
        } catch (err) {
          return answerRefusal(reply, err, 'You cannot see this transfer-in')
        }
      },
    )

    formRoute(app, {
      path: '/cp-transfers-in/:id/conference',
      access: 'child.edit',
      subject: { ...IN, auditDetail: { form: 'arrange_conference' } },
      load: async (request: FastifyRequest) => ({
        ...(await viewTransferIn(deps, subjectId(request))),
        chairs: await chairs(deps.db),
      }),
      schema: ({ chairs: c }) =>
        arrangeSchema(
          today(),
          c.map((x) => x.id),
          [],
        ),
      fieldIds: ARRANGE_FIELD_IDS,
      render: (
        _request,
        reply,
        { context: { transfer, conference, children, dueOn, chairs: c }, values, errors, status },
      ) => {
        if (transfer.conference_id !== null && conference?.cancelled_at === null)
          return reply.code(409).view('platform/views/message.njk', {
            pageTitle: 'The transfer-in conference has already been arranged',
            paragraphs: ['Someone has arranged it since you opened the form.'],
            links: [{ href: `/conferences/${transfer.conference_id}`, text: 'See the conference' }],
          })
        const shown = values ?? {}
        return reply.code(status).view('modules/protection/views/transfer-in-arrange.njk', {
          pageTitle: 'Arrange the transfer-in child protection conference',
          transfer,
          dueOn,
          childNames: children.map(name).join(', '),
          values: shown,
          chairItems: [
            { value: '', text: 'Select the chair' },
            ...c.map((x) => ({
              value: String(x.id),
              text: x.display_name,
              selected: shown.chair === String(x.id),
            })),
          ],
          ...errorView(errors),
        })
      },
      save: (request, input) =>
        arrangeTransferIn(deps, requireUser(request), subjectId(request), input, request.auditContext),
      done: (_input, _c, id) => ({
        to: `/conferences/${id}`,
        text: 'Transfer-in child protection conference arranged',
      }),
      refusal: refusal(),
      notAllowedTitle: 'You cannot arrange this conference',
    })

    formRoute(app, {
      path: '/cp-plans/:id/transfer-out',
      access: 'child.edit',
      subject: { kind: 'cp_plan', auditAction: 'cp_plan.view', auditDetail: { form: 'transfer_out' } },
      load: async (request: FastifyRequest) => ({
        ...(await viewPlan(deps, subjectId(request))),
        existing: await transferOutOfPlan(deps, subjectId(request)),
      }),
      schema: ({ plan }) => transferOutSchema(today(), plan.start_date),
      fieldIds: TRANSFER_OUT_FIELD_IDS,
      render: (_request, reply, { context: { plan, existing }, values, errors, status }) => {
        if (existing !== null || plan.end_date !== null)
          return reply.code(409).view('platform/views/message.njk', {
            pageTitle:
              existing !== null
                ? 'A move to another authority is already recorded'
                : 'This child protection plan has ended',
            paragraphs: [
              existing !== null
                ? `The move to ${existing.to_la_name} was recorded; its conference is on ${longDate(existing.conference_on)}.`
                : 'Nothing more can be recorded on it.',
            ],
            links: [
              existing !== null
                ? { href: `/cp-transfers-out/${existing.id}`, text: 'See the move' }
                : { href: `/cp-plans/${plan.id}`, text: 'See the plan' },
            ],
          })
        const shown: KeptAnswers = { version: String(plan.version), ...(values ?? {}) }
        return reply.code(status).view('modules/protection/views/transfer-out-form.njk', {
          pageTitle: `Record a move to another authority: ${name(plan)}`,
          heading: 'Record a move to another authority',
          plan,
          childName: name(plan),
          action: `/cp-plans/${plan.id}/transfer-out`,
          back: `/cp-plans/${plan.id}`,
          kind: 'record',
          values: shown,
          laItems: authorityItems(shown.la, 'Select the receiving authority'),
          ...errorView(errors),
        })
      },
      save: (request, input) =>
        recordTransferOut(deps, requireUser(request), subjectId(request), input, request.auditContext),
      done: (input, _c, id) => ({
        to: `/cp-transfers-out/${id}`,
        text: `Move to ${input.laName} recorded: the plan stays open until its conference`,
      }),
      refusal: (err, request) => refusal(`/cp-plans/${subjectId(request)}`)(err),
      notAllowedTitle: 'You cannot record a move for this child',
    })

    app.get(
      '/cp-transfers-out/:id',
      { config: { access: 'child.view', subject: OUT } },
      async (request, reply) => {
        try {
          const { transfer } = await viewTransferOut(deps, subjectId(request))
          const child = subjectOf(request).children[0]
          const canEdit =
            child !== undefined &&
            allow(requireUser(request), 'child.edit', child.record, deps.clock.now()).allowed
          return reply.view('modules/protection/views/transfer-out.njk', {
            pageTitle: `Move to another authority: ${name(transfer)}`,
            transfer,
            childName: name(transfer),
            endReason: labelOf(END_REASONS, transfer.planEndReason),
            canRecord: canEdit && transfer.held_on === null && transfer.planEnd === null,
          })
        } catch (err) {
          return answerRefusal(reply, err, 'You cannot see this move')
        }
      },
    )

    formRoute(app, {
      path: '/cp-transfers-out/:id/held',
      access: 'child.edit',
      subject: { ...OUT, auditDetail: { form: 'held' } },
      load: (request: FastifyRequest) => viewTransferOut(deps, subjectId(request)),
      schema: ({ transfer }) =>
        transferOutHeldSchema(today(), { notifiedOn: transfer.notified_on, planStart: transfer.planStart }),
      fieldIds: TRANSFER_OUT_HELD_FIELD_IDS,
      render: (_request, reply, { context: { transfer }, values, errors, status }) => {
        if (transfer.held_on !== null || transfer.planEnd !== null)
          return reply.code(409).view('platform/views/message.njk', {
            pageTitle: 'The receiving authority’s conference is already recorded',
            paragraphs: ['The plan here has ended.'],
            links: [{ href: `/cp-plans/${transfer.cp_plan_id}`, text: 'See the plan' }],
          })
        const shown: KeptAnswers = values ?? {
          version: String(transfer.planVersion),
          ...(transfer.conference_on <= today() ? boxesOf('held', transfer.conference_on) : {}),
        }
        return reply.code(status).view('modules/protection/views/transfer-out-form.njk', {
          pageTitle: `Record the receiving authority’s conference: ${name(transfer)}`,
          heading: `Record ${transfer.to_la_name}’s transfer-in conference`,
          childName: name(transfer),
          action: `/cp-transfers-out/${transfer.id}/held`,
          back: `/cp-transfers-out/${transfer.id}`,
          kind: 'held',
          values: shown,
          ...errorView(errors),
        })
      },
      save: (request, input) =>
        recordTransferOutHeld(deps, requireUser(request), subjectId(request), input, request.auditContext),
      done: (input, _c, saved) => ({
        to: `/cp-plans/${saved.planId}`,
        text: `Child protection plan ended on ${longDate(input.heldOn)}: transferred to another local authority`,
      }),
      refusal: (err, _request, { transfer }) => refusal(`/cp-plans/${transfer.cp_plan_id}`)(err),
      notAllowedTitle: 'You cannot record this conference',
    })
  }
}
