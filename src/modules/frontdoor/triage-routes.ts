/**
 * One child's triage on a contact: the page, and its forms (finding and linking the child, agency
 * checks, the level of need and urgency, feedback to the referrer, withdrawal, and the allocated
 * worker's acknowledgement). Each form posts back to the triage page.
 */
import { CHECKS_CONSENT, checksConsentSchema } from './authorisation.js'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { londonDate, londonInstant } from '../../platform/calendar/dates.js'
import { loadWorkingCalendar } from '../../platform/calendar/store.js'
import type { WorkingCalendar } from '../../platform/calendar/working-days.js'
import {
  checkAnswers,
  errorView,
  fieldError,
  keepAnswers,
  NO_ERRORS,
  queryAnswers,
  readAnswers,
  type FormAnswers,
  type FormErrors,
  type KeptAnswers,
} from '../../platform/http/form.js'
import { requireUser, type RouteAccess } from '../../platform/http/request-context.js'
import { subjectChild, subjectId } from '../../platform/http/subjects.js'
import { allow } from '../../platform/permissions/allow.js'
import { FIELD_CLASS_NAMES } from '../../platform/permissions/fields.js'
import type { Action } from '../../platform/permissions/roles.js'
import { childrenToShow, searchPeople } from '../people/service.js'
import {
  AGENCY_CHECK_KINDS,
  agencyCheckSchema,
  CONSENT,
  DECISIONS,
  describedNewChild,
  contactReference,
  describedSearch,
  FEEDBACK_METHODS,
  feedbackSchema,
  labelOf,
  PRESENTING_NEEDS,
  RAG,
  REFERRAL_SOURCES,
  THRESHOLDS,
  triageSchema,
  withdrawSchema,
} from './model.js'
import {
  clockTag,
  contactChildRoute,
  guarded,
  items,
  positiveId,
  RAG_TAG,
  STATUS_TEXT,
  timeLeft,
} from './route-views.js'
import { triagePanels } from './triage-panels.js'
import { concernView } from './about-views.js'
import { checkFindChild, FIND_CHILD_FIELDS } from './find-child.js'
import {
  acknowledgeRoutedContact,
  askForStrategyDiscussion,
  contactAbout,
  contactOfContactChild,
  ContactStateError,
  linkChild,
  rateContactChild,
  recordAgencyCheck,
  recordChecksConsent,
  viewChecksConsent,
  recordFeedback,
  viewTriage,
  decisionState,
  withdrawContactChild,
  type FrontdoorDeps,
} from './service.js'
import { householdRoutes } from './household-routes.js'
import { householdSection } from './household-views.js'
import { feedbackMethodText, outcomeText } from './labels.js'

/**
 * One child's triage is read by the front door and, when the contact went to the child's allocated
 * worker, by that worker and their colleagues (the subject still needs access to the child).
 */
const TRIAGE_PAGE: RouteAccess = ['contact.triage', 'contact.decide', 'child.edit']

/**
 * One child's triage on a contact: that child must be open to the reader. The page carries what
 * the police and health said (SEC-04), which the audit row names when it is withheld.
 */
const TRIAGE_SUBJECT = {
  kind: 'contact_child',
  auditAction: 'contact.triage.view',
  fields: ['police_intelligence', 'health_detail'] as const,
}

/** What a triage form's handler gives back: done (null), errors, or a child search's results. */
export type TriageOutcome = FormErrors | { found: unknown[] } | null

/** The form on the triage page that was posted, with its answers and errors. */
interface PostedForm {
  name: string
  values: KeptAnswers
  errors: FormErrors
  found?: unknown[]
}

type Triage = Awaited<ReturnType<typeof viewTriage>>

/**
 * Registers a form posted from the triage page (`/contacts/:id/children/:ccid/<path>`): on success
 * back to the page, on error the page with the form's errors and answers.
 */
export type TriagePost = (
  path: string,
  access: RouteAccess,
  action: Action,
  name: string,
  fields: readonly string[],
  handle: (request: FastifyRequest, contactChildId: number, body: FormAnswers) => Promise<TriageOutcome>,
) => unknown

// Over 80 lines only as a list: the page and its seven short forms, each registered in a few lines.
export function triageRoutes(app: FastifyInstance, deps: FrontdoorDeps): void {
  const { db, clock } = deps
  const triagePage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    contactChildId: number,
    form: PostedForm | null,
  ) => {
    const actor = requireUser(request)
    const t = await viewTriage(deps, actor, contactChildId, request.auditContext)
    const [state, calendar, panels, checksConsent] = await Promise.all([
      decisionState(deps, actor, contactChildId),
      loadWorkingCalendar(db),
      triagePanels(deps, request, contactChildId),
      viewChecksConsent(deps, t.contact.id),
    ])
    return reply.code(form?.errors.list.length ? 400 : 200).view('modules/frontdoor/views/triage.njk', {
      ...triageView(t, form, clock.now(), calendar),
      reference: contactReference(t.row.contact_id),
      decisionState: state,
      // Only the case's manager may ask for a strategy discussion in an open case.
      canAskStrategy:
        subjectChild(request) !== undefined &&
        allow(actor, 'child.allocate', subjectChild(request) ?? null, clock.now()).allowed,
      ...panels,
      checksConsent: checksConsent && {
        ...checksConsent,
        text: CHECKS_CONSENT.find((c) => c.code === checksConsent.checks_consent)?.label ?? null,
      },
      checksConsentItems: CHECKS_CONSENT.map((c) => ({
        value: c.code,
        text: c.label,
        hint: { text: c.hint },
        checked: (form?.values.checksConsent ?? checksConsent?.checks_consent) === c.code,
      })),
      concern: concernView(t.contact, await contactAbout(deps, t.contact.id)),
    })
  }

  app.get(
    '/contacts/:id/children/:ccid',
    { config: { access: TRIAGE_PAGE, subject: TRIAGE_SUBJECT } },
    async (request, reply) =>
      guarded(reply, async () => {
        const { contactChildId } = contactChildRoute(request)
        // Back from adding the child's record (`?childId=`): that child is offered to link, after
        // the same check and audit as any child named by id.
        const childId = positiveId(queryAnswers(request).childId)
        if (childId === null) return triagePage(request, reply, contactChildId, null)
        const { shown } = await childrenToShow(
          db,
          requireUser(request),
          [childId],
          'contact.link',
          request.auditContext,
          clock,
        )
        const found = shown.map((c) => ({
          level: 'full',
          id: c.id,
          name: `${c.given_name} ${c.family_name}`,
          dateOfBirth: c.date_of_birth,
        }))
        return triagePage(request, reply, contactChildId, {
          name: 'added',
          values: {},
          errors: NO_ERRORS,
          found,
        })
      }),
  )

  // A task about a contact links here (it knows the child's place on the contact, not the contact).
  app.get(
    '/contacts/children/:ccid',
    {
      config: {
        access: TRIAGE_PAGE,
        subject: { kind: 'contact_child_task', auditAction: 'contact.triage.view' },
      },
    },
    async (request, reply) =>
      guarded(reply, async () => {
        const contactChildId = subjectId(request, 'ccid')
        const { contactId } = await contactOfContactChild(deps, contactChildId)
        return reply.redirect(`/contacts/${contactId}/children/${contactChildId}`, 303)
      }),
  )

  /** A triage form posted: on success back to the triage page, on error the page with the form's errors. */
  const triagePost: TriagePost = (path, access, action, name, fields, handle) =>
    app.post(
      `/contacts/:id/children/:ccid/${path}`,
      { config: { access, subject: { ...TRIAGE_SUBJECT, action } } },
      async (request, reply) =>
        guarded(reply, async () => {
          const { contactId, contactChildId } = contactChildRoute(request)
          const body = readAnswers(request)
          let outcome: TriageOutcome
          try {
            outcome = await handle(request, contactChildId, body)
          } catch (err) {
            if (err instanceof ContactStateError) outcome = fieldError(err.field, err.message)
            else throw err
          }
          if (outcome === null)
            return reply.redirect(`/contacts/${contactId}/children/${contactChildId}`, 303)
          const values = keepAnswers(body, { only: fields })
          if ('found' in outcome)
            return triagePage(request, reply, contactChildId, {
              name,
              values,
              errors: NO_ERRORS,
              found: outcome.found,
            })
          return triagePage(request, reply, contactChildId, { name, values, errors: outcome })
        }),
    )

  // Every field the main search takes: name, date of birth, postcode and identifier.
  triagePost(
    'find',
    'contact.triage',
    'child.view',
    'find',
    FIND_CHILD_FIELDS,
    async (request, _id, body) => {
      const search = checkFindChild(body)
      if (!search.ok) return search.errors
      return { found: await searchPeople(db, requireUser(request), search.data, request.auditContext, clock) }
    },
  )

  triagePost(
    'link',
    'contact.triage',
    'child.view',
    'find',
    ['childId'],
    async (request, contactChildId, body) => {
      const childId = positiveId(body.childId)
      if (childId === null) return fieldError('childQuery', 'Select the child from the search results')
      await linkChild(deps, requireUser(request), contactChildId, childId, request.auditContext)
      return null
    },
  )

  // New harm in an open case: the allocated worker's manager asks for a strategy discussion.
  triagePost(
    'strategy-discussion',
    'child.allocate',
    'child.allocate',
    'strategy',
    ['strategyReason'],
    async (request, contactChildId, body) => {
      const reason = typeof body.strategyReason === 'string' ? body.strategyReason.trim() : ''
      if (reason === '') return fieldError('strategyReason', 'Enter why a strategy discussion is needed')
      if (reason.length > 4000)
        return fieldError('strategyReason', 'Reason must be 4,000 characters or fewer')
      await askForStrategyDiscussion(deps, requireUser(request), contactChildId, reason, request.auditContext)
      return null
    },
  )

  // The family's consent to agencies being asked, apart from consent to the referral.
  triagePost(
    'checks-consent',
    'contact.triage',
    'child.view',
    'checksConsent',
    ['checksConsent', 'checksConsentReason'],
    async (request, contactChildId, body) => {
      const checked = checkAnswers(checksConsentSchema, body)
      if (!checked.ok) return checked.errors
      await recordChecksConsent(
        deps,
        requireUser(request),
        contactChildId,
        checked.data,
        request.auditContext,
      )
      return null
    },
  )

  triagePost(
    'checks',
    'contact.triage',
    'child.view',
    'checks',
    ['agencyKind', 'informant', 'information', 'respondedTime'],
    async (request, contactChildId, body) => {
      const checked = checkAnswers(agencyCheckSchema, body)
      if (!checked.ok) return checked.errors
      const { respondedTime, ...check } = checked.data
      const now = clock.now()
      const respondedAt = respondedTime ? londonInstant(londonDate(now.toISOString()), respondedTime) : now
      const user = requireUser(request)
      await recordAgencyCheck(deps, user, contactChildId, { ...check, respondedAt }, request.auditContext)
      return null
    },
  )

  triagePost(
    'rating',
    'contact.triage',
    'child.view',
    'rating',
    ['thresholdLevel', 'rag', 'recommendation'],
    async (request, contactChildId, body) => {
      const checked = checkAnswers(triageSchema, body, { thresholdLevel: 'thresholdLevel', rag: 'rag' })
      if (!checked.ok) return checked.errors
      await rateContactChild(deps, requireUser(request), contactChildId, checked.data, request.auditContext)
      return null
    },
  )

  triagePost(
    'feedback',
    'contact.triage',
    'child.view',
    'feedback',
    ['feedbackMethod', 'feedbackNote'],
    async (request, contactChildId, body) => {
      const checked = checkAnswers(feedbackSchema, body)
      if (!checked.ok) return checked.errors
      await recordFeedback(deps, requireUser(request), contactChildId, checked.data, request.auditContext)
      return null
    },
  )

  triagePost(
    'withdraw',
    'contact.decide',
    'child.view',
    'withdraw',
    ['reason'],
    async (request, contactChildId, body) => {
      const checked = checkAnswers(withdrawSchema, body)
      if (!checked.ok) return checked.errors
      const user = requireUser(request)
      await withdrawContactChild(deps, user, contactChildId, checked.data.reason, request.auditContext)
      return null
    },
  )

  triagePost(
    'acknowledge',
    'signed-in',
    'child.edit',
    'acknowledge',
    ['note'],
    async (request, contactChildId, body) => {
      const note = typeof body.note === 'string' ? body.note.trim() : ''
      if (note === '') return fieldError('note', 'Enter what you will do about this contact')
      if (note.length > 4000) return fieldError('note', 'Note must be 4,000 characters or fewer')
      await acknowledgeRoutedContact(deps, requireUser(request), contactChildId, note, request.auditContext)
      return null
    },
  )

  householdRoutes(triagePost, deps)
}

/** The find-the-child form, first filled from the contact; the new record's link, filled likewise. */
function findChildView(t: Triage, form: PostedForm | null) {
  const row = t.row
  const searched = form?.name === 'find' ? form.values : describedSearch(row)
  const prefill = new URLSearchParams({
    ...describedNewChild(row),
    returnTo: `/contacts/${row.contact_id}/children/${row.id}`,
  })
  return {
    findValues: searched,
    newChildHref: `/people/new?${prefill.toString()}`,
    added: form?.name === 'added',
  }
}

/** What the triage page shows: the child, the contact, the clocks, history, checks and each form. */
function triageView(t: Triage, form: PostedForm | null, now: Date, calendar: WorkingCalendar) {
  const values = form?.values ?? {}
  return {
    pageTitle: t.child ? `Triage: ${t.child.given_name} ${t.child.family_name}` : 'Find the child',
    ...t,
    form: form?.name ?? null,
    values,
    ...errorView(form?.errors ?? NO_ERRORS),
    found: form?.found ?? null,
    ...findChildView(t, form),
    statusTag: STATUS_TEXT[t.row.status],
    ragTag: t.row.rag ? RAG_TAG[t.row.rag] : null,
    threshold: THRESHOLDS.find((l) => l.level === t.row.threshold_level) ?? null,
    recommendation: labelOf(DECISIONS, t.row.recommendation),
    source: labelOf(REFERRAL_SOURCES, t.contact.referral_source),
    consent: labelOf(CONSENT, t.contact.consent),
    needs: t.contact.presenting_needs.map((n) => labelOf(PRESENTING_NEEDS, n)),
    clocks: t.clocks.map((c) => ({
      ...c,
      tag: c.stopped_at
        ? c.stopped_at <= c.due_at
          ? { text: 'Met', classes: 'govuk-tag--green' }
          : { text: 'Missed', classes: 'govuk-tag--red' }
        : clockTag(c.due_at, c.due_soon_at, now),
      left: c.stopped_at ? null : timeLeft(c.due_at, now, calendar),
    })),
    ...householdSection(t, values, now, calendar),
    checks: t.checks.map((k) => ({
      ...k,
      agency: labelOf(AGENCY_CHECK_KINDS, k.agency_kind),
      withheldText: k.withheld
        ? `Information was given. It is ${FIELD_CLASS_NAMES[k.fieldClass]}, which only the front door, the child’s allocated worker and managers can see.`
        : null,
    })),
    ...ratingItems(t, values),
    feedbackItems: items(FEEDBACK_METHODS, values.feedbackMethod),
    canTriage: t.actions.triage,
    canDecide: t.actions.decide,
    canAcknowledge: t.actions.acknowledge,
    decisionText: outcomeText(t.row.decision, t.row.status),
    feedbackMethodText: feedbackMethodText(t.row.feedback_method),
  }
}

/** The checks and rating forms' choices: the answer given, else what is saved. */
function ratingItems(t: Triage, values: KeptAnswers) {
  return {
    agencyKindItems: items(AGENCY_CHECK_KINDS, values.agencyKind),
    thresholdItems: THRESHOLDS.map((l) => ({
      value: l.level,
      text: `Level ${l.level}: ${l.name}`,
      hint: { text: l.description },
      checked: (values.thresholdLevel ?? t.row.threshold_level) === l.level,
    })),
    ragItems: RAG.map((r) => ({
      value: r.code,
      text: r.label,
      hint: { text: r.hint },
      checked: (values.rag ?? t.row.rag) === r.code,
    })),
    recommendationItems: [
      { value: '', text: 'No recommendation' },
      ...DECISIONS.map((d) => ({
        value: d.code,
        text: d.label,
        selected: (values.recommendation ?? t.row.recommendation ?? '') === d.code,
      })),
    ],
  }
}
