/**
 * Conferences' pages: the conference, inviting an agency (also to a strategy discussion), the
 * conference held with a decision for each child, and an invited agency's contribution. Thin:
 * the platform checks every child the conference covers (the `child_protection_conference`
 * subject) or the invitation's own rule, and audits, before each handler.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { londonDate, londonToday, longDate } from '../../platform/calendar/dates.js'
import type { ConferenceKind } from '../../platform/db/schema.js'
import { errorView, formRoute, type KeptAnswers } from '../../platform/http/form.js'
import { answerRefusal } from '../../platform/http/errors.js'
import { requireUser } from '../../platform/http/request-context.js'
import { subjectOf, subjectId } from '../../platform/http/subjects.js'
import { allow } from '../../platform/permissions/allow.js'
import {
  agencyLabel,
  ATTENDANCE,
  CANCEL_FIELD_IDS,
  cancelSchema,
  CATEGORIES,
  CHANGEABLE_KINDS,
  CHILD_PARTICIPATION,
  CONFERENCE_KINDS,
  conferenceHeldSchema,
  contributionSchema,
  decisionsFor,
  FAMILY_PARTICIPATION,
  HELD_CONFERENCE_FIELD_IDS,
  inviteSchema,
  londonClockTime,
  REARRANGE_FIELD_IDS,
  rearrangeSchema,
  STILL_NEEDED,
} from './conference-model.js'
import {
  cancelConference,
  invite,
  inviteOptions,
  rearrangeConference,
  recordConferenceHeld,
  recordContribution,
  viewConference,
  viewInvitation,
} from './conference-service.js'
import { labelOf, PARTICIPANT_AGENCIES } from './model.js'
import { END_REASONS, startedBeforeBirth } from './plan-model.js'
import { yesNoItems } from './s47-routes.js'
import { ProtectionStateError, viewStrategyDiscussion, type ProtectionDeps } from './service.js'

const SUBJECT = { kind: 'child_protection_conference', auditAction: 'conference.view' }

const refusal = (err: unknown) =>
  err instanceof ProtectionStateError ? { field: err.field, message: err.message } : null

function invitationRows(invitations: Awaited<ReturnType<typeof viewConference>>['invitations']) {
  return invitations.map((i) => ({
    ...i,
    agencyText: agencyLabel(i.agency_kind),
    attendanceText: labelOf(ATTENDANCE, i.attendance),
  }))
}

function inviteForm(
  reply: FastifyReply,
  o: {
    status: number
    title: string
    caption: string
    action: string
    back: string
    values: KeptAnswers
    accounts: Awaited<ReturnType<typeof inviteOptions>>['accounts']
    errors: Parameters<typeof errorView>[0]
  },
) {
  return reply.code(o.status).view('modules/protection/views/conference-invite.njk', {
    pageTitle: o.title,
    caption: o.caption,
    action: o.action,
    back: o.back,
    values: o.values,
    agencyItems: [
      { value: '', text: 'Select an agency' },
      ...PARTICIPANT_AGENCIES.map((a) => ({
        value: a.code,
        text: a.label,
        selected: o.values.agency === a.code,
      })),
    ],
    accountItems: [
      { value: '', text: 'No Haven account (send the papers another way)' },
      ...o.accounts.map((a) => ({
        value: String(a.id),
        text: `${a.display_name}${a.agencyName ? `, ${a.agencyName}` : ''}`,
        selected: o.values.userId === String(a.id),
      })),
    ],
    reportItems: yesNoItems(o.values.reportRequested),
    ...errorView(o.errors),
  })
}

export function conferenceRoutes(deps: ProtectionDeps) {
  return async (app: FastifyInstance) => {
    app.get(
      '/conferences/:id',
      { config: { access: 'child.view', subject: SUBJECT } },
      async (request, reply) => {
        try {
          const { conference, children, invitations, planOf } = await viewConference(deps, subjectId(request))
          const actor = requireUser(request)
          const now = deps.clock.now()
          const canEdit = subjectOf(request).children.every(
            (c) => allow(actor, 'child.edit', c.record, now).allowed,
          )
          const open = conference.held_at === null && conference.cancelled_at === null
          return reply.view('modules/protection/views/conference.njk', {
            pageTitle: `${labelOf(CONFERENCE_KINDS, conference.kind)}: ${children.map((c) => c.given_name).join(' and ')} ${children[0]?.family_name ?? ''}`,
            conference,
            kindText: labelOf(CONFERENCE_KINDS, conference.kind),
            children: children.map((c) => ({
              ...c,
              // An unborn child's conference; after the birth, said to have been before it.
              birthText:
                c.kind === 'unborn'
                  ? 'unborn'
                  : conference.held_at && startedBeforeBirth(londonDate(conference.held_at.getTime()), c)
                    ? 'conference before birth'
                    : null,
              decisionText: labelOf(decisionsFor(conference.kind), c.decision),
              categoryText: labelOf(CATEGORIES, c.category),
              endReasonText: labelOf(END_REASONS, c.end_reason) ?? c.end_reason,
              planId: planOf.get(c.child_id) ?? null,
            })),
            isReview: conference.kind === 'review',
            invitations: invitationRows(invitations).map((i) => ({
              ...i,
              canContribute: canEdit || i.user_id === actor.id,
            })),
            childParticipationText: labelOf(CHILD_PARTICIPATION, conference.child_participation),
            familyParticipationText: labelOf(FAMILY_PARTICIPATION, conference.family_participation),
            canInvite: canEdit && open,
            canRecord: canEdit && open,
            canChange: canEdit && open && CHANGEABLE_KINDS.includes(conference.kind),
          })
        } catch (err) {
          return answerRefusal(reply, err, 'You cannot see this conference')
        }
      },
    )

    formRoute(app, {
      path: '/conferences/:id/invitations/new',
      access: 'child.edit',
      subject: { ...SUBJECT, auditDetail: { form: 'invite' } },
      load: async (request: FastifyRequest) => ({
        ...(await viewConference(deps, subjectId(request))),
        ...(await inviteOptions(deps)),
      }),
      schema: ({ accounts }) => inviteSchema(accounts.map((a) => a.id)),
      render: (_request, reply, { context: { conference, children, accounts }, values, errors, status }) =>
        inviteForm(reply, {
          status,
          title: 'Invite an agency to the conference',
          caption: children.map((c) => `${c.given_name} ${c.family_name}`).join(', '),
          action: `/conferences/${conference.id}/invitations/new`,
          back: `/conferences/${conference.id}`,
          values: values ?? {},
          accounts,
          errors,
        }),
      save: (request, input) =>
        invite(deps, requireUser(request), { conferenceId: subjectId(request) }, input, request.auditContext),
      done: (input, { conference }) => ({
        to: `/conferences/${conference.id}`,
        text: `${input.personName} (${agencyLabel(input.agency)}) invited`,
      }),
      refusal,
      notAllowedTitle: 'You cannot invite agencies to this conference',
    })

    formRoute(app, {
      path: '/strategy-discussions/:id/invitations/new',
      access: 'child.edit',
      subject: {
        kind: 'strategy_discussion',
        auditAction: 'strategy_discussion.view',
        auditDetail: { form: 'invite' },
      },
      load: async (request: FastifyRequest) => ({
        ...(await viewStrategyDiscussion(deps, subjectId(request))),
        ...(await inviteOptions(deps)),
      }),
      schema: ({ accounts }) => inviteSchema(accounts.map((a) => a.id)),
      render: (_request, reply, { context: { discussion, accounts }, values, errors, status }) =>
        inviteForm(reply, {
          status,
          title: 'Invite an agency to the strategy discussion',
          caption: `${discussion.given_name} ${discussion.family_name}`,
          action: `/strategy-discussions/${discussion.id}/invitations/new`,
          back: `/strategy-discussions/${discussion.id}`,
          values: values ?? {},
          accounts,
          errors,
        }),
      save: (request, input) =>
        invite(
          deps,
          requireUser(request),
          { strategyDiscussionId: subjectId(request) },
          input,
          request.auditContext,
        ),
      done: (input, { discussion }) => ({
        to: `/strategy-discussions/${discussion.id}`,
        text: `${input.personName} (${agencyLabel(input.agency)}) invited`,
      }),
      refusal,
      notAllowedTitle: 'You cannot invite agencies to this strategy discussion',
    })

    // An arranged conference, cancelled (soft, with the reason) or moved.
    const unchangeable = (
      reply: FastifyReply,
      conference: { id: number; kind: string; held_at: Date | null },
    ) =>
      reply.code(409).view('platform/views/message.njk', {
        pageTitle: 'This conference cannot be changed',
        paragraphs: [
          conference.held_at !== null
            ? 'It has been held.'
            : CHANGEABLE_KINDS.includes(conference.kind as ConferenceKind)
              ? 'It was cancelled.'
              : 'This kind of conference cannot be cancelled or re-arranged here.',
        ],
        links: [{ href: `/conferences/${conference.id}`, text: 'See the conference' }],
      })
    const changeable = (c: { kind: string; held_at: Date | null; cancelled_at: Date | null }) =>
      CHANGEABLE_KINDS.includes(c.kind as ConferenceKind) && c.held_at === null && c.cancelled_at === null
    const caption = (children: readonly { given_name: string; family_name: string }[]) =>
      children.map((c) => `${c.given_name} ${c.family_name}`).join(', ')

    formRoute(app, {
      path: '/conferences/:id/rearrange',
      access: 'child.edit',
      subject: { ...SUBJECT, auditDetail: { form: 'rearrange' } },
      load: (request: FastifyRequest) => viewConference(deps, subjectId(request)),
      schema: ({ conference }) =>
        rearrangeSchema(londonToday(deps.clock.now()), {
          on: londonDate(conference.scheduled_at.getTime()),
          time: londonClockTime(conference.scheduled_at),
        }),
      fieldIds: REARRANGE_FIELD_IDS,
      render: (_request, reply, { context: { conference, children, icpcDue }, values, errors, status }) => {
        if (!changeable(conference)) return unchangeable(reply, conference)
        return reply.code(status).view('modules/protection/views/conference-rearrange.njk', {
          pageTitle: `Re-arrange the ${(labelOf(CONFERENCE_KINDS, conference.kind) ?? '').toLowerCase()}`,
          conference,
          icpcDue,
          kindText: labelOf(CONFERENCE_KINDS, conference.kind),
          caption: caption(children),
          values: values ?? {},
          ...errorView(errors),
        })
      },
      save: (request, input) =>
        rearrangeConference(deps, requireUser(request), subjectId(request), input, request.auditContext),
      done: (input, { conference, icpcDue }) => ({
        to: `/conferences/${conference.id}`,
        // An initial conference moved past its 15 working days is late: said, not hidden.
        text: `Conference re-arranged for ${longDate(input.scheduledOn)}${icpcDue !== null && input.scheduledOn > icpcDue ? `, after it was due (${longDate(icpcDue)})` : ''}`,
      }),
      refusal,
      notAllowedTitle: 'You cannot change this conference',
    })

    formRoute(app, {
      path: '/conferences/:id/cancel',
      access: 'child.edit',
      subject: { ...SUBJECT, auditDetail: { form: 'cancel' } },
      load: (request: FastifyRequest) => viewConference(deps, subjectId(request)),
      schema: ({ conference }) => cancelSchema(conference.kind),
      fieldIds: CANCEL_FIELD_IDS,
      render: (_request, reply, { context: { conference, children, icpcDue }, values, errors, status }) => {
        if (!changeable(conference)) return unchangeable(reply, conference)
        return reply.code(status).view('modules/protection/views/conference-cancel.njk', {
          pageTitle: `Cancel the ${(labelOf(CONFERENCE_KINDS, conference.kind) ?? '').toLowerCase()}`,
          conference,
          icpcDue,
          isInitial: conference.kind === 'initial',
          stillNeededItems: STILL_NEEDED.map((o) => ({
            value: o.code,
            text: o.label,
            checked: (values ?? {})['stillNeeded'] === o.code,
          })),
          kindText: labelOf(CONFERENCE_KINDS, conference.kind),
          caption: caption(children),
          isReview: conference.kind === 'review',
          values: values ?? {},
          ...errorView(errors),
        })
      },
      save: (request, input) =>
        cancelConference(deps, requireUser(request), subjectId(request), input, request.auditContext),
      done: (input, { conference }) => ({
        to: `/conferences/${conference.id}`,
        text:
          input.stillNeeded === false
            ? 'Conference cancelled: the section 47 enquiries end with no conference'
            : 'Conference cancelled',
      }),
      refusal,
      notAllowedTitle: 'You cannot change this conference',
    })

    formRoute(app, {
      path: '/conferences/:id/held',
      access: 'child.edit',
      subject: { ...SUBJECT, auditDetail: { form: 'held' } },
      load: (request: FastifyRequest) => viewConference(deps, subjectId(request)),
      schema: ({ conference, children, invitations }) =>
        conferenceHeldSchema(
          deps.clock.now(),
          conference.kind,
          children.map((c) => ({
            childId: c.child_id,
            name: `${c.given_name} ${c.family_name}`,
            s47StartDate: c.s47StartDate,
          })),
          invitations.map((i) => i.id),
        ),
      fieldIds: HELD_CONFERENCE_FIELD_IDS,
      render: (
        _request,
        reply,
        { context: { conference, children, invitations, openPlans }, values, errors, status },
      ) => {
        if (conference.held_at !== null || conference.cancelled_at !== null)
          return reply.code(409).view('platform/views/message.njk', {
            pageTitle: 'This conference has already been recorded',
            paragraphs: ['Someone has recorded it since you opened the form.'],
            links: [{ href: `/conferences/${conference.id}`, text: 'See the conference' }],
          })
        const shown = values ?? {
          'held-day': String(Number(londonDate(conference.scheduled_at.getTime()).slice(8))),
          'held-month': String(Number(londonDate(conference.scheduled_at.getTime()).slice(5, 7))),
          'held-year': londonDate(conference.scheduled_at.getTime()).slice(0, 4),
          // A review starts from each plan's latest category.
          ...Object.fromEntries(openPlans.map((p) => [`category-${p.child_id}`, p.latest_category])),
        }
        return reply.code(status).view('modules/protection/views/conference-held.njk', {
          pageTitle: `Record the conference: ${children.map((c) => c.given_name).join(' and ')} ${children[0]?.family_name ?? ''}`,
          conference,
          kindText: labelOf(CONFERENCE_KINDS, conference.kind),
          values: shown,
          ...errorView(errors),
          invitations: invitationRows(invitations).map((i) => ({
            ...i,
            items: ATTENDANCE.map((a) => ({
              value: a.code,
              text: a.label,
              checked: shown[`attendance-${i.id}`] === a.code,
            })),
          })),
          children: children.map((c) => ({
            ...c,
            decisionItems: decisionsFor(conference.kind).map((d) => ({
              value: d.code,
              text: d.label,
              checked: shown[`decision-${c.child_id}`] === d.code,
            })),
            categoryItems: [
              { value: '', text: 'Select a category (with a plan)' },
              ...CATEGORIES.map((k) => ({
                value: k.code,
                text: `${k.label} (${k.code})`,
                selected: shown[`category-${c.child_id}`] === k.code,
              })),
            ],
            endReasonItems: [
              { value: '', text: 'Select a reason (if the plan ends)' },
              ...END_REASONS.map((r) => ({
                value: r.code,
                text: r.label,
                selected: shown[`endReason-${c.child_id}`] === r.code,
              })),
            ],
          })),
          isReview: conference.kind === 'review',
          childItems: CHILD_PARTICIPATION.map((p) => ({
            value: p.code,
            text: p.label,
            checked: shown.childParticipation === p.code,
          })),
          familyItems: FAMILY_PARTICIPATION.map((p) => ({
            value: p.code,
            text: p.label,
            checked: shown.familyParticipation === p.code,
          })),
        })
      },
      save: (request, held) =>
        recordConferenceHeld(deps, requireUser(request), subjectId(request), held, request.auditContext),
      done: (held, { conference }) => ({
        to: `/conferences/${conference.id}`,
        text: `Conference recorded: ${held.decisions.length === 1 ? 'a decision' : `decisions for ${held.decisions.length} children`}`,
      }),
      refusal,
      notAllowedTitle: 'You cannot record this conference',
    })

    formRoute(app, {
      path: '/invitations/:id/contribution',
      access: 'child.view',
      subject: { kind: 'protection_invitation', auditAction: 'protection_invitation.view' },
      load: (request: FastifyRequest) => viewInvitation(deps, subjectId(request)),
      schema: contributionSchema,
      render: (_request, reply, { context, values, errors, status }) => {
        const { invitation } = context
        const back =
          context.kind === 'conference'
            ? `/conferences/${context.conference.id}`
            : `/strategy-discussions/${context.discussion.id}`
        return reply.code(status).view('modules/protection/views/conference-contribution.njk', {
          pageTitle: `${invitation.report_requested ? 'Report' : 'Contribution'} for the ${context.kind === 'conference' ? 'conference' : 'strategy discussion'}`,
          context,
          invitation,
          back,
          meetingText:
            context.kind === 'conference'
              ? labelOf(CONFERENCE_KINDS, context.conference.kind)
              : 'Strategy discussion',
          meetingAt:
            context.kind === 'conference'
              ? context.conference.scheduled_at
              : (context.discussion.held_at ?? context.discussion.requested_at),
          childNames: context.children.map((c) => `${c.given_name} ${c.family_name}`).join(', '),
          agencyText: agencyLabel(invitation.agency_kind),
          values: values ?? { contribution: invitation.contribution ?? '' },
          ...errorView(errors),
        })
      },
      save: (request, input) =>
        recordContribution(deps, requireUser(request), subjectId(request), input, request.auditContext),
      done: (_input, context) => ({
        to:
          context.kind === 'conference'
            ? `/conferences/${context.conference.id}`
            : `/strategy-discussions/${context.discussion.id}`,
        text: `${agencyLabel(context.invitation.agency_kind)}’s ${context.invitation.report_requested ? 'report' : 'contribution'} recorded`,
      }),
      refusal,
      notAllowedTitle: 'You cannot record this contribution',
    })
  }
}
