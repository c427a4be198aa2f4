/**
 * Section 47 enquiries' pages: the enquiry, the child seen, its outcome, and arranging the initial
 * conference (with brothers and sisters). Thin: the platform has checked the child the URL names
 * (the `s47` subject) and audited; the schema checks the answers; one service call saves.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { londonToday, longDate } from '../../platform/calendar/dates.js'
import { errorView, formRoute } from '../../platform/http/form.js'
import { answerRefusal } from '../../platform/http/errors.js'
import { requireUser } from '../../platform/http/request-context.js'
import { subjectChild, subjectId } from '../../platform/http/subjects.js'
import { allow } from '../../platform/permissions/allow.js'
import { ARRANGE_FIELD_IDS, arrangeSchema, CATEGORIES } from './conference-model.js'
import { arrangeInitialConference, arrangeOptions } from './conference-service.js'
import { IMMEDIATE_PROTECTION, labelOf } from './model.js'
import { OVERSIGHT_MIN, signOffDecisionSchema } from '../../platform/signoff/rule.js'
import {
  CHILD_SEEN_FIELD_IDS,
  childSeenSchema,
  s47OutcomeSchema,
  S47_OUTCOMES,
  s47Status,
} from './s47-model.js'
import { decideS47Outcome, recordChildSeen, recordS47Outcome, viewS47 } from './s47-service.js'
import { ProtectionStateError, type ProtectionDeps } from './service.js'

const SUBJECT = { kind: 's47', auditAction: 's47.view' }

const refusal = (err: unknown) =>
  err instanceof ProtectionStateError ? { field: err.field, message: err.message } : null

export function yesNoItems(value: string | string[] | undefined) {
  return [
    { value: 'yes', text: 'Yes', checked: value === 'yes' },
    { value: 'no', text: 'No', checked: value === 'no' },
  ]
}

export function s47Routes(deps: ProtectionDeps) {
  return async (app: FastifyInstance) => {
    app.get(
      '/s47-enquiries/:id',
      { config: { access: 'child.view', subject: SUBJECT } },
      async (request, reply) => {
        try {
          const { s47, icpcDue, conference, cancelledConferences, signOffs, awaiting, lastReturned } =
            await viewS47(deps, subjectId(request))
          const child = subjectChild(request)
          const user = requireUser(request)
          const now = deps.clock.now()
          const canEdit = child !== undefined && allow(user, 'child.edit', child, now).allowed
          const open = s47.cancelled_at === null
          return reply.view('modules/protection/views/s47-enquiry.njk', {
            pageTitle: `Section 47 enquiry: ${s47.given_name} ${s47.family_name}`,
            s47,
            icpcDue,
            conference,
            cancelledConferences,
            status: s47Status({ ...s47, icpcHeld: conference?.held_at != null }),
            signOffs,
            awaiting,
            lastReturned: s47.outcome === null ? lastReturned : null,
            canAuthorise:
              awaiting !== null &&
              awaiting.asked_by !== user.id &&
              child !== undefined &&
              allow(user, 'child.allocate', child, now).allowed,
            outcomeText: labelOf(S47_OUTCOMES, s47.outcome),
            immediateText: labelOf(IMMEDIATE_PROTECTION, s47.immediate_protection),
            categoryText: labelOf(CATEGORIES, conference?.category),
            canSee: canEdit && open && s47.outcome === null,
            canOutcome: canEdit && open && s47.outcome === null,
            canArrange:
              canEdit &&
              open &&
              s47.completed_on !== null &&
              s47.conference_needed === true &&
              conference === null,
          })
        } catch (err) {
          return answerRefusal(reply, err, 'You cannot see this section 47 enquiry')
        }
      },
    )

    formRoute(app, {
      path: '/s47-enquiries/:id/child-seen',
      access: 'child.edit',
      subject: { ...SUBJECT, auditDetail: { form: 'child_seen' } },
      load: (request: FastifyRequest) => viewS47(deps, subjectId(request)),
      schema: ({ s47 }) => childSeenSchema(londonToday(deps.clock.now()), s47.start_date),
      fieldIds: CHILD_SEEN_FIELD_IDS,
      render: (_request, reply, { context: { s47 }, values, errors, status }) =>
        reply.code(status).view('modules/protection/views/s47-child-seen.njk', {
          pageTitle: `The child seen: ${s47.given_name} ${s47.family_name}`,
          s47,
          values: values ?? {},
          aloneItems: yesNoItems(values?.seenAlone),
          ...errorView(errors),
        }),
      save: (request, seen) =>
        recordChildSeen(deps, requireUser(request), subjectId(request), seen, request.auditContext),
      done: (_seen, { s47 }) => ({ to: `/s47-enquiries/${s47.id}`, text: 'The child seen is recorded' }),
      refusal,
      notAllowedTitle: 'You cannot record on this section 47 enquiry',
    })

    formRoute(app, {
      path: '/s47-enquiries/:id/outcome',
      access: 'child.edit',
      subject: { ...SUBJECT, auditDetail: { form: 'outcome' } },
      load: (request: FastifyRequest) => viewS47(deps, subjectId(request)),
      schema: () => s47OutcomeSchema(),
      render: (_request, reply, { context: { s47, lastReturned }, values, errors, status }) => {
        if (s47.outcome !== null)
          return reply.code(409).view('platform/views/message.njk', {
            pageTitle:
              s47.completed_on === null
                ? 'The outcome of this section 47 enquiry is waiting for authorisation'
                : 'The outcome of this section 47 enquiry has already been recorded',
            paragraphs: [
              s47.completed_on === null
                ? 'It has been sent to a manager, who authorises it or returns it to you with the reason.'
                : 'Someone has recorded it since you opened the form.',
            ],
            links: [{ href: `/s47-enquiries/${s47.id}`, text: 'See the section 47 enquiry' }],
          })
        const shown = values ?? {}
        return reply.code(status).view('modules/protection/views/s47-outcome.njk', {
          pageTitle: `Outcome of the section 47 enquiry: ${s47.given_name} ${s47.family_name}`,
          s47,
          lastReturned,
          values: shown,
          outcomeItems: S47_OUTCOMES.map((o) => ({
            value: o.code,
            text: o.label,
            checked: shown.outcome === o.code,
          })),
          harmItems: yesNoItems(shown.likelyHarm),
          conferenceItems: yesNoItems(shown.conferenceNeeded),
          ...errorView(errors),
        })
      },
      save: (request, o) =>
        recordS47Outcome(deps, requireUser(request), subjectId(request), o, request.auditContext),
      done: (o, { s47 }) => ({
        to: `/s47-enquiries/${s47.id}`,
        text: `Outcome sent to a manager for authorisation (${o.conferenceNeeded ? 'an initial child protection conference is needed' : 'no conference'})`,
      }),
      refusal,
      notAllowedTitle: 'You cannot record on this section 47 enquiry',
    })

    // The manager's sign-off of the outcome: the platform's rule refuses the person who sent it.
    formRoute(app, {
      path: '/s47-enquiries/:id/authorisation',
      access: 'child.allocate',
      subject: { ...SUBJECT, auditDetail: { form: 'authorisation' } },
      load: (request: FastifyRequest) => viewS47(deps, subjectId(request)),
      schema: signOffDecisionSchema,
      render: (request, reply, { context: { s47, awaiting }, values, errors, status }) => {
        const shown = values ?? {}
        return reply.code(status).view('modules/protection/views/s47-authorisation.njk', {
          pageTitle: `Authorise the section 47 outcome: ${s47.given_name} ${s47.family_name}`,
          s47,
          awaiting,
          mine: awaiting?.asked_by === requireUser(request).id,
          outcomeText: labelOf(S47_OUTCOMES, s47.outcome),
          values: shown,
          outcomeChoice: shown.outcome,
          oversightMin: OVERSIGHT_MIN,
          ...errorView(errors),
        })
      },
      save: (request, decision) =>
        decideS47Outcome(deps, requireUser(request), subjectId(request), decision, request.auditContext),
      done: (_d, { s47 }, saved) => ({
        to: `/s47-enquiries/${s47.id}`,
        text:
          saved.outcome === 'authorised'
            ? `Outcome authorised: the enquiry is completed on ${longDate(saved.completedOn ?? '')}`
            : 'Outcome returned to the worker with your reason',
      }),
      refusal: (err) =>
        err instanceof ProtectionStateError ? { field: 'outcome', message: err.message, status: 409 } : null,
      notAllowedTitle: 'You cannot authorise this section 47 outcome',
    })

    formRoute(app, {
      path: '/s47-enquiries/:id/conference',
      access: 'child.edit',
      subject: { ...SUBJECT, auditDetail: { form: 'arrange_conference' } },
      load: async (request: FastifyRequest) => {
        const view = await viewS47(deps, subjectId(request))
        return { ...view, ...(await arrangeOptions(deps, requireUser(request), subjectId(request))) }
      },
      schema: ({ chairs, siblings }) =>
        arrangeSchema(
          londonToday(deps.clock.now()),
          chairs.map((c) => c.id),
          siblings.map((s) => s.child_id),
        ),
      fieldIds: { ...ARRANGE_FIELD_IDS, siblings: 'siblings' },
      lists: ['siblings'],
      render: (
        _request,
        reply,
        { context: { s47, own, siblings, chairs, icpcDue }, values, errors, status },
      ) => {
        if (own === null)
          return reply.code(409).view('platform/views/message.njk', {
            pageTitle: 'No conference to arrange for this section 47 enquiry',
            paragraphs: [
              s47.conference_needed === true && s47.completed_on !== null
                ? 'A conference has already been arranged.'
                : s47.conference_needed === true
                  ? 'The outcome is waiting for a manager to authorise it: the conference is arranged once it is authorised.'
                  : 'Record the outcome of the enquiry first: a conference is arranged when it says one is needed.',
            ],
            links: [{ href: `/s47-enquiries/${s47.id}`, text: 'See the section 47 enquiry' }],
          })
        const shown = values ?? { siblings: siblings.map((s) => String(s.child_id)) }
        const chosen = Array.isArray(shown.siblings) ? shown.siblings : []
        return reply.code(status).view('modules/protection/views/conference-arrange.njk', {
          pageTitle: `Arrange the initial child protection conference: ${s47.given_name} ${s47.family_name}`,
          s47,
          icpcDue,
          values: shown,
          siblingItems: siblings.map((s) => ({
            value: String(s.child_id),
            text: `${s.given_name} ${s.family_name}`,
            hint: { text: `Section 47 enquiry started ${longDate(s.start_date)}` },
            checked: chosen.includes(String(s.child_id)),
          })),
          chairItems: [
            { value: '', text: 'Select the chair' },
            ...chairs.map((c) => ({
              value: String(c.id),
              text: c.display_name,
              selected: shown.chair === String(c.id),
            })),
          ],
          ...errorView(errors),
        })
      },
      save: (request, input) =>
        arrangeInitialConference(deps, requireUser(request), subjectId(request), input, request.auditContext),
      done: (input, _c, id) => ({
        to: `/conferences/${id}`,
        text: `Initial child protection conference arranged${input.siblingIds.length ? ` for ${input.siblingIds.length + 1} children` : ''}`,
      }),
      refusal,
      notAllowedTitle: 'You cannot arrange this conference',
    })
  }
}
