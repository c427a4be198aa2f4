/**
 * Protection's pages: a strategy discussion, and the form recording it as held. Thin: the
 * platform has checked the child the URL names (the `strategy_discussion` subject) and audited
 * the view; the schema checks the answers; one service call saves.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { allow } from '../../platform/permissions/allow.js'
import { errorView, formRoute } from '../../platform/http/form.js'
import { requireUser } from '../../platform/http/request-context.js'
import { subjectChild, subjectId } from '../../platform/http/subjects.js'
import { answerRefusal } from '../../platform/http/errors.js'
import {
  heldSchema,
  HELD_FIELD_IDS,
  IMMEDIATE_PROTECTION,
  labelOf,
  missingAgencies,
  OUTCOMES,
  PARTICIPANT_AGENCIES,
  PARTICIPANT_ROWS,
  STATUTORY_PARTICIPANTS,
} from './model.js'
import {
  ProtectionStateError,
  recordStrategyDiscussionHeld,
  viewStrategyDiscussion,
  type ProtectionDeps,
} from './service.js'

const VIEW = { kind: 'strategy_discussion', auditAction: 'strategy_discussion.view' }

/** Rows shown on the form: the statutory three first, then blanks, and every row already answered. */
const SHOWN_ROWS = 6

export function protectionRoutes(deps: ProtectionDeps) {
  return async (app: FastifyInstance) => {
    app.get(
      '/strategy-discussions/:id',
      { config: { access: 'child.view', subject: VIEW } },
      async (request, reply) => {
        try {
          const { discussion, participants, invitations, s47 } = await viewStrategyDiscussion(
            deps,
            subjectId(request),
          )
          const child = subjectChild(request)
          const actor = requireUser(request)
          const canRecord = child !== undefined && allow(actor, 'child.edit', child, deps.clock.now()).allowed
          return reply.view('modules/protection/views/strategy-discussion.njk', {
            pageTitle: `Strategy discussion: ${discussion.given_name} ${discussion.family_name}`,
            discussion,
            participants: participants.map((p) => ({
              ...p,
              agencyText: labelOf(PARTICIPANT_AGENCIES, p.agency_kind),
            })),
            outcomeText: labelOf(OUTCOMES, discussion.outcome),
            immediateText: labelOf(IMMEDIATE_PROTECTION, discussion.immediate_protection),
            s47,
            invitations: invitations.map((i) => ({
              ...i,
              agencyText: labelOf(PARTICIPANT_AGENCIES, i.agency_kind),
              canContribute: canRecord || i.user_id === actor.id,
            })),
            canInvite: canRecord && discussion.cancelled_at === null,
            canRecord: canRecord && discussion.held_at === null && discussion.cancelled_at === null,
          })
        } catch (err) {
          return answerRefusal(reply, err, 'You cannot see this strategy discussion')
        }
      },
    )

    formRoute(app, {
      path: '/strategy-discussions/:id/held',
      access: 'child.edit',
      subject: {
        kind: 'strategy_discussion',
        auditAction: 'strategy_discussion.view',
        auditDetail: { form: 'held' },
      },
      load: (request: FastifyRequest) => viewStrategyDiscussion(deps, subjectId(request)),
      schema: ({ discussion }) => heldSchema(deps.clock.now(), new Date(discussion.requested_at)),
      fieldIds: HELD_FIELD_IDS,
      render: (request, reply, { context: { discussion }, values, errors, status }) => {
        // Recorded already (by someone else, or in another tab): say so, and link to the record.
        if (discussion.held_at !== null || discussion.cancelled_at !== null)
          return reply.code(409).view('platform/views/message.njk', {
            pageTitle: 'This strategy discussion has already been recorded',
            paragraphs: ['Someone has recorded it since you opened the form.'],
            links: [{ href: `/strategy-discussions/${discussion.id}`, text: 'See the strategy discussion' }],
          })
        const shown: Record<string, string | string[] | undefined> = values ?? {
          ...Object.fromEntries(STATUTORY_PARTICIPANTS.map((a, i) => [`participant-${i}-agency`, a])),
        }
        const answered = Array.from({ length: PARTICIPANT_ROWS }, (_, i) => i).filter(
          (i) => shown[`participant-${i}-name`] || shown[`participant-${i}-role`],
        )
        const rows = Math.min(PARTICIPANT_ROWS, Math.max(SHOWN_ROWS, (answered.at(-1) ?? -1) + 3))
        return reply.code(status).view('modules/protection/views/record-held.njk', {
          pageTitle: `Record the strategy discussion: ${discussion.given_name} ${discussion.family_name}`,
          discussion,
          values: shown,
          ...errorView(errors),
          rows: Array.from({ length: rows }, (_, i) => ({
            index: i,
            agencyItems: [
              { value: '', text: 'Select an agency' },
              ...PARTICIPANT_AGENCIES.map((a) => ({
                value: a.code,
                text: a.label,
                selected: shown[`participant-${i}-agency`] === a.code,
              })),
            ],
          })),
          outcomeItems: OUTCOMES.map((o) => ({
            value: o.code,
            text: o.label,
            hint: { text: o.hint },
            checked: shown.outcome === o.code,
          })),
          immediateItems: IMMEDIATE_PROTECTION.map((o) => ({
            value: o.code,
            text: o.label,
            checked: shown.immediateProtection === o.code,
          })),
          statutory: STATUTORY_PARTICIPANTS.map((a) => labelOf(PARTICIPANT_AGENCIES, a)),
        })
      },
      save: (request, held) =>
        recordStrategyDiscussionHeld(
          deps,
          requireUser(request),
          subjectId(request),
          held,
          request.auditContext,
        ),
      done: (held, { discussion }, saved) => ({
        to:
          saved.s47Id !== null
            ? `/s47-enquiries/${saved.s47Id}`
            : saved.assessmentId !== null
              ? `/children/${saved.childId}/assessments/${saved.assessmentId}`
              : `/strategy-discussions/${discussion.id}`,
        text:
          `Strategy discussion recorded: ${(labelOf(OUTCOMES, held.outcome) ?? '').toLowerCase()}` +
          (missingAgencies(held.participants).length
            ? ' (with the reason an agency did not take part)'
            : '') +
          (saved.s47Id === null ? '' : '. The section 47 enquiry has started') +
          (saved.assessmentId === null
            ? ''
            : saved.assessmentStarted
              ? '. The child and family assessment has started'
              : '. The referral’s child and family assessment continues'),
      }),
      refusal: (err) =>
        err instanceof ProtectionStateError ? { field: err.field, message: err.message } : null,
      notAllowedTitle: 'You cannot record this strategy discussion',
    })
  }
}
