/**
 * The decision on one child of a contact, in two steps: a MASH social worker recommends it with
 * their analysis; a manager authorises it (with the management oversight note) or returns it.
 * Also the home authority’s acceptance of a transfer (the managers’ queue is authorisation-routes.ts).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { dateFromParts, londonInstant } from '../../platform/calendar/dates.js'
import { loadWorkingCalendar } from '../../platform/calendar/store.js'
import {
  errorView,
  formRoute,
  shortAnswer,
  type FormRefusal,
  type ShownForm,
} from '../../platform/http/form.js'
import { requireUser } from '../../platform/http/request-context.js'
import { z } from 'zod'
import { householdSection } from './household-views.js'
import {
  authorisationSchema,
  departsFromProtection,
  recommendationSchema,
  transferOpensStrategyDiscussion,
} from './authorisation.js'
import {
  CONSENT,
  DECISIONS,
  decisionDepartsFromThreshold,
  labelOf,
  THRESHOLDS,
  contactReference,
} from './model.js'
import { contactChildRoute } from './route-views.js'
import { concernView } from './about-views.js'
import {
  authoriseRecommendation,
  contactAbout,
  ContactStateError,
  recommendDecision,
  recordTransferAcceptance,
  teamsTakingReferrals,
  decisionState,
  viewTriage,
  type FrontdoorDeps,
} from './service.js'

/** The decision pages show how many agencies were asked, not what they said. */
const DECISION_SUBJECT = { kind: 'contact_child', auditAction: 'contact.triage.view' }

const RECOMMENDATION_FIELDS = [
  'decision',
  'decisionReason',
  'transferAuthority',
  'teamId',
  'consentOverrideReason',
  'rationale',
] as const

const AUTHORISATION_FIELDS = ['outcome', 'oversightNote', 'noStrategyReason', 'returnReason'] as const

const NOT_ALLOWED = 'You do not have access to this'

type ContactChildIds = ReturnType<typeof contactChildRoute>

export function decisionRoutes(app: FastifyInstance, deps: FrontdoorDeps): void {
  formRoute(app, {
    path: '/contacts/:id/children/:ccid/decision',
    access: 'contact.decide',
    subject: DECISION_SUBJECT,
    only: RECOMMENDATION_FIELDS,
    notAllowedTitle: NOT_ALLOWED,
    // The page reads what it shows when it is shown: a recommendation sent needs only the ids.
    load: contactChildRoute,
    schema: recommendationSchema,
    render: (request, reply, form) => recommendationPage(deps, request, reply, form),
    save: (request, answers, { contactChildId }) =>
      recommendDecision(deps, requireUser(request), contactChildId, answers, request.auditContext),
    done: (_answers, { contactId, contactChildId }, result) => ({
      to: `/contacts/${contactId}/children/${contactChildId}`,
      text: result.awaitingAuthorisation
        ? 'Recommendation sent to a manager to authorise'
        : 'Decision recorded (the authority lets this outcome stand without a second person)',
    }),
    refusal: stateRefusal,
  })

  formRoute(app, {
    path: '/contacts/:id/children/:ccid/authorisation',
    access: 'contact.decide',
    subject: DECISION_SUBJECT,
    only: AUTHORISATION_FIELDS,
    notAllowedTitle: NOT_ALLOWED,
    load: contactChildRoute,
    schema: authorisationSchema,
    render: (request, reply, form) => authorisationPage(deps, request, reply, form),
    save: (request, answers, { contactChildId }) =>
      authoriseRecommendation(deps, requireUser(request), contactChildId, answers, request.auditContext),
    done: (_answers, { contactId, contactChildId }, result) => ({
      to: `/contacts/${contactId}/children/${contactChildId}`,
      text: result.returned
        ? 'Recommendation returned to triage with your reason'
        : result.referralId
          ? `Decision authorised: referral ${result.referralId} opened`
          : 'Decision authorised',
    }),
    refusal: stateRefusal,
  })

  formRoute(app, {
    path: '/contacts/:id/children/:ccid/transfer-acceptance',
    access: 'contact.decide',
    subject: DECISION_SUBJECT,
    load: (request) =>
      viewTriage(deps, requireUser(request), contactChildRoute(request).contactChildId, request.auditContext),
    schema: () => transferAcceptanceSchema(deps.clock.now()),
    fieldIds: { acceptedAt: 'accepted-day' },
    render: (request, reply, { context, values, errors, status }) =>
      // Nothing to accept (not a transfer, or accepted already): say so, and lead back to triage.
      context.row.decision !== 'transfer' || context.row.transfer_accepted_at !== null
        ? reply.code(409).view('platform/views/message.njk', {
            pageTitle: 'There is no transfer waiting for acceptance',
            paragraphs: ['This child’s contact was not transferred, or the acceptance has been recorded.'],
            links: [
              {
                href: `/contacts/${context.row.contact_id}/children/${context.row.id}`,
                text: 'Go to triage',
              },
            ],
          })
        : reply.code(status).view('modules/frontdoor/views/transfer-acceptance.njk', {
            pageTitle: 'Record the transfer’s acceptance',
            ...context,
            values: values ?? {},
            ...errorView(errors),
          }),
    save: (request, answers) =>
      recordTransferAcceptance(
        deps,
        requireUser(request),
        contactChildRoute(request).contactChildId,
        answers,
        request.auditContext,
      ),
    done: (answers, context) => ({
      to: `/contacts/${context.row.contact_id}/children/${context.row.id}`,
      text: `Transfer accepted by ${context.row.transfer_authority ?? 'the home authority'}`,
    }),
    refusal: (err) => (err instanceof ContactStateError ? { field: err.field, message: err.message } : null),
  })
}

/** The other authority's acceptance: who accepted it there, and when (not in the future). */
function transferAcceptanceSchema(now: Date) {
  return z
    .object({
      acceptedBy: shortAnswer('Name', 'Enter the name and role of the person who accepted the transfer'),
      'accepted-day': z.string().trim().default(''),
      'accepted-month': z.string().trim().default(''),
      'accepted-year': z.string().trim().default(''),
      'accepted-time': z.string().trim().default(''),
    })
    .transform((v, ctx) => {
      const iso = dateFromParts(v['accepted-day'], v['accepted-month'], v['accepted-year'])
      const time = /^([01]?\d|2[0-3])[:.]([0-5]\d)$/.exec(v['accepted-time'])
      if (iso === null) {
        ctx.addIssue({
          code: 'custom',
          path: ['accepted-day'],
          message: 'Enter the date the transfer was accepted, as a real date',
        })
        return z.NEVER
      }
      if (time === null) {
        ctx.addIssue({
          code: 'custom',
          path: ['accepted-time'],
          message: 'Enter the time it was accepted, like 14:30',
        })
        return z.NEVER
      }
      const acceptedAt = londonInstant(iso, `${time[1]?.padStart(2, '0')}:${time[2]}`)
      if (acceptedAt.getTime() > now.getTime() + 60_000) {
        ctx.addIssue({
          code: 'custom',
          path: ['accepted-day'],
          message: 'Date accepted must be today or in the past',
        })
        return z.NEVER
      }
      return { acceptedBy: v.acceptedBy, acceptedAt }
    })
}

/**
 * A service's refusal as a form error (shown with 400, as a bad answer is); the level and urgency
 * are set on the triage page, so a missing rating links there.
 */
function stateRefusal(
  err: unknown,
  _request: FastifyRequest,
  { contactId, contactChildId }: { contactId: number; contactChildId: number },
): FormRefusal | null {
  if (!(err instanceof ContactStateError)) return null
  const refusal = { field: err.field, message: err.message, status: 400 as const }
  return err.field === 'rating'
    ? { ...refusal, href: `/contacts/${contactId}/children/${contactChildId}#thresholdLevel` }
    : refusal
}

async function recommendationPage(
  deps: FrontdoorDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  { context: { contactChildId }, values: given, errors, status }: ShownForm<ContactChildIds>,
) {
  const values = given ?? {}
  const t = await viewTriage(deps, requireUser(request), contactChildId, request.auditContext)
  const [teams, state] = await Promise.all([
    teamsTakingReferrals(deps),
    decisionState(deps, requireUser(request), contactChildId),
  ])
  const level = t.row.threshold_level
  return reply.code(status).view('modules/frontdoor/views/decision.njk', {
    pageTitle: t.child
      ? `Recommend a decision: ${t.child.given_name} ${t.child.family_name}`
      : 'Recommend a decision',
    ...t,
    reference: contactReference(t.row.contact_id),
    concern: concernView(t.contact, await contactAbout(deps, t.contact.id)),
    values,
    ...errorView(errors),
    ...householdSection(t, values, deps.clock.now(), await loadWorkingCalendar(deps.db)),
    canTriage: t.actions.triage,
    threshold: THRESHOLDS.find((l) => l.level === level) ?? null,
    consentText: labelOf(CONSENT, t.contact?.consent),
    consentRefused: t.contact?.consent === 'refused',
    decisionState: state,
    decisionItems: DECISIONS.map((d) => ({
      value: d.code,
      text: d.label,
      hint:
        level && decisionDepartsFromThreshold(level, d.code)
          ? { text: `Outside the routes for level ${level}: give the reason below` }
          : level && transferOpensStrategyDiscussion(level, d.code)
            ? { text: 'At level 4 the strategy discussion is held here first, by the team chosen below' }
            : undefined,
      checked: (values.decision ?? t.row.recommendation) === d.code,
    })),
    teamItems: [
      { value: '', text: 'Select a team' },
      ...teams.map((tm) => ({
        value: String(tm.id),
        text: tm.name,
        selected: values.teamId === String(tm.id),
      })),
    ],
  })
}

async function authorisationPage(
  deps: FrontdoorDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  { context: { contactChildId }, values: given, errors, status }: ShownForm<ContactChildIds>,
) {
  const values = given ?? {}
  const user = requireUser(request)
  const t = await viewTriage(deps, user, contactChildId, request.auditContext)
  const state = await decisionState(deps, user, contactChildId)
  const concern = concernView(t.contact, await contactAbout(deps, t.contact.id))
  const awaiting = state.awaiting
  const level = t.row.threshold_level
  return reply.code(status).view('modules/frontdoor/views/authorisation.njk', {
    pageTitle: t.child
      ? `Authorise the decision: ${t.child.given_name} ${t.child.family_name}`
      : 'Authorise the decision',
    ...t,
    reference: contactReference(t.row.contact_id),
    values,
    ...errorView(errors),
    threshold: THRESHOLDS.find((l) => l.level === level) ?? null,
    consentText: labelOf(CONSENT, t.contact?.consent),
    concern,
    awaiting: awaiting && {
      ...awaiting,
      departsFromProtection: level !== null && departsFromProtection(level, awaiting.decision),
    },
    history: state.history.filter((h) => h.outcome !== 'awaiting'),
    refusal: state.refusal,
    outcomeItems: [
      { value: 'authorise', text: 'Authorise the decision', checked: values.outcome === 'authorise' },
      { value: 'return', text: 'Return it to triage', checked: values.outcome === 'return' },
    ],
  })
}
