/** The manager's decision on one child of a contact: what happens next, and who takes it on. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import {
  checkAnswers,
  errorView,
  fieldError,
  keepAnswers,
  NO_ERRORS,
  readAnswers,
  restoredAnswers,
  type FormErrors,
  type KeptAnswers,
} from '../../platform/http/form.js'
import { requireUser } from '../../platform/http/request-context.js'
import { DECISIONS, decisionDepartsFromThreshold, decisionSchema, labelOf, THRESHOLDS } from './model.js'
import { householdSection } from './household-views.js'
import { contactChildRoute, guarded } from './route-views.js'
import {
  ContactStateError,
  decideContactChild,
  teamsTakingReferrals,
  viewTriage,
  type FrontdoorDeps,
} from './service.js'

/** The decision page shows how many agencies were asked, not what they said. */
const DECISION_SUBJECT = { kind: 'contact_child', auditAction: 'contact.triage.view' }

const DECISION_FIELDS = [
  'decision',
  'decisionReason',
  'transferAuthority',
  'teamId',
  'oversightNote',
] as const

export function decisionRoutes(app: FastifyInstance, deps: FrontdoorDeps): void {
  // The decision's reasons and oversight note are kept as a draft until sent (platform/http/drafts.ts).
  const options = {
    config: { access: 'contact.decide' as const, subject: DECISION_SUBJECT, draft: true as const },
  }

  app.get('/contacts/:id/children/:ccid/decision', options, async (request, reply) =>
    guarded(reply, async () => {
      const { contactChildId } = contactChildRoute(request)
      const draft = restoredAnswers(request, { only: DECISION_FIELDS })
      return decisionPage(deps, request, reply, contactChildId, draft ?? {}, NO_ERRORS)
    }),
  )

  app.post('/contacts/:id/children/:ccid/decision', options, async (request, reply) =>
    guarded(reply, async () => {
      const { contactChildId } = contactChildRoute(request)
      const body = readAnswers(request)
      const values = keepAnswers(body, { only: DECISION_FIELDS })
      const checked = checkAnswers(decisionSchema, body)
      if (!checked.ok) return decisionPage(deps, request, reply, contactChildId, values, checked.errors)
      try {
        const user = requireUser(request)
        const result = await decideContactChild(
          deps,
          user,
          contactChildId,
          checked.data,
          request.auditContext,
        )
        return reply.redirect(`/contacts/${result.contactId}/children/${contactChildId}`, 303)
      } catch (err) {
        if (!(err instanceof ContactStateError)) throw err
        // The level and urgency are set on the triage page: the error links there, to the field
        // that fixes it, not to a field on this page that cannot.
        const errors =
          err.field === 'rating'
            ? {
                list: [{ text: err.message, href: `${triagePage(request)}#thresholdLevel` }],
                byField: {},
              }
            : fieldError(err.field, err.message)
        return decisionPage(deps, request, reply, contactChildId, values, errors)
      }
    }),
  )
}

function triagePage(request: FastifyRequest): string {
  const { contactId, contactChildId } = contactChildRoute(request)
  return `/contacts/${contactId}/children/${contactChildId}`
}

async function decisionPage(
  deps: FrontdoorDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  contactChildId: number,
  values: KeptAnswers,
  errors: FormErrors,
) {
  const t = await viewTriage(deps, requireUser(request), contactChildId, request.auditContext)
  const teams = await teamsTakingReferrals(deps)
  const level = t.row.threshold_level
  return reply.code(errors.list.length ? 400 : 200).view('modules/frontdoor/views/decision.njk', {
    pageTitle: t.child ? `Decision: ${t.child.given_name} ${t.child.family_name}` : 'Decision',
    ...t,
    values,
    ...errorView(errors),
    ...householdSection(t, values, deps.clock.now()),
    canTriage: t.actions.triage,
    threshold: THRESHOLDS.find((l) => l.level === level) ?? null,
    recommendation: labelOf(DECISIONS, t.row.recommendation),
    decisionItems: DECISIONS.map((d) => ({
      value: d.code,
      text: d.label,
      hint:
        level && decisionDepartsFromThreshold(level, d.code)
          ? { text: `Outside the routes for level ${level}: give the reason below` }
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
