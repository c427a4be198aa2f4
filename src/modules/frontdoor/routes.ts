/**
 * The front door's pages: recording a contact, the MASH queue, triage of each child, the decision,
 * feedback, and referrals awaiting allocation. Thin: parse with a schema, call the service, render.
 */
import { londonDate, londonInstant } from '../../platform/calendar/dates.js'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import type { ContactChildStatus, Rag } from '../../platform/db/schema.js'
import {
  type FormAnswers,
  formErrors,
  type FormErrors,
  keepAnswers,
  readAnswers,
  singleError,
} from '../../platform/http/form.js'
import { requireUser, type RouteAccess } from '../../platform/http/request-context.js'
import { subjectChild, subjectId } from '../../platform/http/subjects.js'
import { FIELD_CLASS_NAMES } from '../../platform/permissions/fields.js'
import { roleGrants, type Action } from '../../platform/permissions/roles.js'
import { searchSchema } from '../people/record-model.js'
import { childrenToShow, searchPeople } from '../people/service.js'
import { STATUS_TAGS, taskStatus } from '../worklists/model.js'
import {
  AGENCY_CHECK_KINDS,
  agencyCheckSchema,
  allocationSchema,
  CHANNELS,
  CONSENT,
  contactChildrenSchema,
  contactReference,
  contactDetailsSchema,
  DECISIONS,
  decisionDepartsFromThreshold,
  decisionSchema,
  FEEDBACK_METHODS,
  feedbackSchema,
  labelOf,
  parseAwareAt,
  PRESENTING_NEEDS,
  RAG,
  receivedAtFields,
  REFERRAL_SOURCES,
  THRESHOLDS,
  triageSchema,
  withdrawSchema,
  type Code,
} from './model.js'
import {
  acknowledgeRoutedContact,
  allocateReferral,
  closeReferralNoFurtherAction,
  ContactStateError,
  decideContactChild,
  linkChild,
  NotAllowedError,
  NotFoundError,
  rateContactChild,
  recordAgencyCheck,
  recordContact,
  recordFeedback,
  referrerAgencies,
  teamsTakingReferrals,
  viewAllocationQueue,
  viewContact,
  viewMashQueue,
  viewReferral,
  viewTriage,
  withdrawContactChild,
  type FrontdoorDeps,
  type QueueFilters,
} from './service.js'

const items = (list: readonly Code[], selected?: unknown) =>
  list.map((c) => ({
    value: c.code,
    text: c.label,
    checked: Array.isArray(selected) ? selected.includes(c.code) : selected === c.code,
  }))

const CONTACT_FIELDS = [
  'received-day',
  'received-month',
  'received-year',
  'received-time',
  'channel',
  'outOfHours',
  'outOfHoursAction',
  'referralSource',
  'referrerName',
  'referrerRole',
  'referrerAgencyId',
  'referrerPhone',
  'referrerEmail',
  'reason',
  'presentingNeeds',
  'consent',
  'consentReason',
  'childIds',
  'childQuery',
] as const

const CONTACT_FIELD_IDS: Record<string, string> = {
  'received-day': 'received-day',
  channel: 'channel',
  referralSource: 'referralSource',
  presentingNeeds: 'presentingNeeds',
  consent: 'consent',
  childIds: 'childQuery',
  outOfHours: 'outOfHours',
}

/** The front door's own pages are for those who triage contacts or decide them. */
const FRONT_DOOR: RouteAccess = ['contact.triage', 'contact.decide']

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

/** The decision page shows how many agencies were asked, not what they said. */
const DECISION_SUBJECT = { kind: 'contact_child', auditAction: 'contact.triage.view' }

const REFERRAL = { kind: 'referral', auditAction: 'referral.view' }

/** The MASH queue shows this many children at once, most urgent first; filters narrow it. */
const QUEUE_PAGE = 100

/** What a triage form's handler gives back: done (null), errors, or a child search's results. */
type TriageOutcome = FormErrors | { found: unknown[] } | null

function positiveId(value: unknown): number | null {
  const n = Number(value)
  return Number.isSafeInteger(n) && n > 0 ? n : null
}

function forbidden(reply: FastifyReply, reason: string) {
  return reply.code(403).view('platform/views/message.njk', {
    pageTitle: 'You do not have access to this',
    paragraphs: [reason, 'Your attempt has been recorded.'],
  })
}

/** Runs a page handler, turning the services' refusals into 404 and 403 pages. */
async function guarded(reply: FastifyReply, run: () => Promise<unknown>) {
  try {
    return await run()
  } catch (err) {
    if (err instanceof NotFoundError) return reply.callNotFound()
    if (err instanceof NotAllowedError) return forbidden(reply, err.reason)
    throw err
  }
}

function nowParts(now: Date) {
  const [y, m, d] = londonDate(now.toISOString()).split('-')
  const time = now.toLocaleTimeString('en-GB', {
    timeZone: 'Europe/London',
    hour: '2-digit',
    minute: '2-digit',
  })
  return {
    'received-day': String(Number(d)),
    'received-month': String(Number(m)),
    'received-year': y ?? '',
    'received-time': time,
  }
}

/** A decision clock as the queue and triage page show it. */
function clockTag(dueAt: Date | null, dueSoonAt: Date | null, now: Date) {
  if (dueAt === null || dueSoonAt === null) return null
  return STATUS_TAGS[taskStatus(dueAt, dueSoonAt, now)]
}

function timeLeft(dueAt: Date | null, now: Date): string | null {
  if (dueAt === null) return null
  const minutes = Math.round((dueAt.getTime() - now.getTime()) / 60_000)
  const abs = Math.abs(minutes)
  const text =
    abs < 60
      ? `${abs} min`
      : abs < 48 * 60
        ? `${Math.floor(abs / 60)} h ${abs % 60} min`
        : `${Math.floor(abs / 1440)} days`
  return minutes >= 0 ? `${text} left` : `${text} overdue`
}

const STATUS_TEXT: Record<ContactChildStatus, { text: string; classes: string }> = {
  awaiting_match: { text: 'Child to be found', classes: 'govuk-tag--orange' },
  in_triage: { text: 'In triage', classes: 'govuk-tag--blue' },
  decided: { text: 'Decided', classes: 'govuk-tag--green' },
  routed_to_allocated_worker: { text: 'With allocated worker', classes: 'govuk-tag--purple' },
  withdrawn: { text: 'Withdrawn', classes: 'govuk-tag--grey' },
}

const RAG_TAG: Record<Rag, { text: string; classes: string }> = {
  red: { text: 'Red', classes: 'govuk-tag--red' },
  amber: { text: 'Amber', classes: 'govuk-tag--orange' },
  green: { text: 'Green', classes: 'govuk-tag--green' },
}

function parseQueueQuery(query: Record<string, unknown>): QueueFilters {
  const str = (k: string) => (typeof query[k] === 'string' ? (query[k] as string) : '')
  const rag = str('rag')
  const status = str('status')
  const source = str('source')
  const sort = str('sort')
  return {
    rag: rag === 'red' || rag === 'amber' || rag === 'green' || rag === 'unrated' ? rag : null,
    status: status === 'awaiting_match' || status === 'in_triage' ? status : null,
    source: REFERRAL_SOURCES.some((s) => s.code === source) ? source : null,
    overdue: str('overdue') === 'yes',
    sort: sort === 'received' || sort === 'rag' ? sort : 'due',
  }
}

export function frontdoorRoutes(deps: FrontdoorDeps) {
  const { db, clock } = deps
  return async (app: FastifyInstance) => {
    const user = (request: FastifyRequest) => requireUser(request)

    // -------------------------------------------------------------------------------------------
    // The MASH queue

    app.get('/mash', { config: { access: FRONT_DOOR } }, async (request, reply) =>
      guarded(reply, async () => {
        const filters = parseQueueQuery(request.query as Record<string, unknown>)
        const { rows, counts } = await viewMashQueue(
          deps,
          user(request),
          filters,
          QUEUE_PAGE,
          request.auditContext,
        )
        const now = clock.now()
        const params = (change: Record<string, string | null>) => {
          const p = new URLSearchParams()
          const merged: Record<string, string | null> = {
            rag: filters.rag,
            status: filters.status,
            source: filters.source,
            overdue: filters.overdue ? 'yes' : null,
            sort: filters.sort === 'due' ? null : filters.sort,
            ...change,
          }
          for (const [k, v] of Object.entries(merged)) if (v) p.set(k, v)
          const s = p.toString()
          return s ? `/mash?${s}` : '/mash'
        }
        return reply.view('modules/frontdoor/views/mash-queue.njk', {
          pageTitle: 'MASH queue',
          filters,
          counts,
          limit: QUEUE_PAGE,
          canRecord: roleGrants(user(request).role, 'contact.triage'),
          canDecide: roleGrants(user(request).role, 'contact.decide'),
          sortLinks: {
            due: { href: params({ sort: null }), current: filters.sort === 'due' },
            received: { href: params({ sort: 'received' }), current: filters.sort === 'received' },
            rag: { href: params({ sort: 'rag' }), current: filters.sort === 'rag' },
          },
          ragItems: [
            { value: '', text: 'Any' },
            ...RAG.map((r) => ({ value: r.code, text: r.label })),
            { value: 'unrated', text: 'Not yet rated' },
          ].map((i) => ({ ...i, selected: (filters.rag ?? '') === i.value })),
          statusItems: [
            { value: '', text: 'Any' },
            { value: 'awaiting_match', text: 'Child to be found' },
            { value: 'in_triage', text: 'In triage' },
          ].map((i) => ({ ...i, selected: (filters.status ?? '') === i.value })),
          sourceItems: [
            { value: '', text: 'Any' },
            ...REFERRAL_SOURCES.map((s) => ({ value: s.code, text: s.label })),
          ].map((i) => ({ ...i, selected: (filters.source ?? '') === i.value })),
          // Only what the table shows, in one shape: spreading each row's two dozen columns and
          // adding more made slow objects, and the mapping cost more than rendering the rows.
          rows: rows.map((r) => ({
            id: r.id,
            contactId: r.contact_id,
            restricted: r.restricted,
            name:
              r.child_id === null
                ? (r.described_name ?? 'Child not named')
                : `${r.given_name} ${r.family_name}`,
            dateOfBirth: r.date_of_birth,
            outOfHours: r.out_of_hours,
            domesticAbuse: r.domestic_abuse,
            receivedAt: r.received_at,
            source: labelOf(REFERRAL_SOURCES, r.referral_source),
            statusTag: STATUS_TEXT[r.status],
            ragTag: r.rag ? RAG_TAG[r.rag] : null,
            statutory: {
              tag: clockTag(r.statutory_due_at, r.statutory_due_soon_at, now),
              left: timeLeft(r.statutory_due_at, now),
            },
            ragClock: {
              tag: clockTag(r.rag_due_at, r.rag_due_soon_at, now),
              left: timeLeft(r.rag_due_at, now),
            },
          })),
        })
      }),
    )

    // -------------------------------------------------------------------------------------------
    // Recording a contact (screener)

    const contactForm = async (
      request: FastifyRequest,
      reply: FastifyReply,
      given: Record<string, string | string[]>,
      problems: FormErrors,
      extra: { found?: unknown[] | null; status?: number } = {},
    ) => {
      let values = given
      let errors = problems
      const ids = (Array.isArray(values.childIds) ? values.childIds : [values.childIds])
        .map(positiveId)
        .filter((n): n is number => n !== null)
      // Only children the screener may view are listed (and each one shown is audited): an id in
      // the address or the form must not show a restricted child's name.
      const { shown: chosen, refused } = await childrenToShow(
        db,
        user(request),
        ids.slice(0, 50),
        'contact.new',
        request.auditContext,
        clock,
      )
      if (refused > 0 && errors.list.length === 0) {
        errors = singleError(
          'childQuery',
          'You cannot add a child whose record you cannot open: search for the child',
        )
        values = { ...values, childIds: chosen.map((c) => String(c.id)) }
      }
      return reply
        .code(extra.status ?? (errors.list.length ? 400 : 200))
        .view('modules/frontdoor/views/new-contact.njk', {
          pageTitle: 'Record a contact',
          values,
          errors: errors.list,
          fieldErrors: errors.byField,
          chosen,
          found: extra.found ?? null,
          channelItems: items(CHANNELS, values.channel),
          sourceItems: [
            { value: '', text: 'Select who made the contact' },
            ...REFERRAL_SOURCES.map((s) => ({
              value: s.code,
              text: `${s.code}: ${s.label}`,
              selected: values.referralSource === s.code,
            })),
          ],
          agencyItems: [
            { value: '', text: 'Not from an agency' },
            ...(await referrerAgencies(deps)).map((a) => ({
              value: String(a.id),
              text: a.name,
              selected: values.referrerAgencyId === String(a.id),
            })),
          ],
          needItems: items(PRESENTING_NEEDS, values.presentingNeeds),
          consent: CONSENT.map((c) => ({ ...c, checked: values.consent === c.code })),
        })
    }

    app.get('/contacts/new', { config: { access: 'contact.triage' } }, async (request, reply) => {
      const query = request.query as Record<string, unknown>
      const childId = positiveId(query.childId)
      return contactForm(
        request,
        reply,
        {
          ...keepAnswers({}, { only: CONTACT_FIELDS }),
          ...nowParts(clock.now()),
          childIds: childId ? [String(childId)] : [],
        },
        { list: [], byField: {} },
      )
    })

    // One form in steps without JavaScript: 'find' searches for a child, 'add-N' and 'remove-N'
    // change the children, 'save' validates everything and records the contact.
    app.post('/contacts/new', { config: { access: 'contact.triage' } }, async (request, reply) => {
      const body = readAnswers(request)
      const values = keepAnswers(body, { only: CONTACT_FIELDS })
      const step = typeof body.step === 'string' ? body.step : 'save'
      const listed: (string | undefined)[] = Array.isArray(values.childIds)
        ? values.childIds
        : [values.childIds]
      const ids = new Set(listed.filter((v): v is string => v !== undefined && /^\d+$/.test(v)))
      const add = /^add-(\d+)$/.exec(step)
      const remove = /^remove-(\d+)$/.exec(step)
      if (add?.[1]) ids.add(add[1])
      if (remove?.[1]) ids.delete(remove[1])
      values.childIds = [...ids]
      const none: FormErrors = { list: [], byField: {} }
      if (add || remove) return contactForm(request, reply, values, none)
      if (step === 'find') {
        const q = typeof values.childQuery === 'string' ? values.childQuery.trim() : ''
        if (q === '')
          return contactForm(request, reply, values, singleError('childQuery', 'Enter a name to search for'))
        const parsed = searchSchema.safeParse({ name: q })
        if (!parsed.success)
          return contactForm(request, reply, values, formErrors(parsed.error, { name: 'childQuery' }))
        const found = await searchPeople(db, user(request), parsed.data, request.auditContext, clock)
        return contactForm(request, reply, values, none, { found })
      }
      const when = receivedAtFields.safeParse(body)
      const details = contactDetailsSchema.safeParse(body)
      const children = contactChildrenSchema.safeParse({ childIds: values.childIds })
      if (!when.success || !details.success || !children.success) {
        const issues = [
          ...(when.success ? [] : when.error.issues),
          ...(details.success ? [] : details.error.issues),
          ...(children.success ? [] : children.error.issues.map((i) => ({ ...i, path: ['childIds'] }))),
        ]
        return contactForm(request, reply, values, formErrors(new z.ZodError(issues), CONTACT_FIELD_IDS))
      }
      const receivedAt = londonInstant(when.data.date, when.data.time)
      const aware = parseAwareAt(body, receivedAt, 'the referrer', clock.now())
      if (aware.problem)
        return contactForm(request, reply, values, singleError(aware.problem.field, aware.problem.text))
      return guarded(reply, async () => {
        try {
          const saved = await recordContact(
            deps,
            user(request),
            {
              details: details.data,
              receivedAt,
              awareAt: aware.at,
              childIds: children.data.childIds,
              described: [],
            },
            request.auditContext,
          )
          return reply.redirect(`/contacts/${saved.contactId}`, 303)
        } catch (err) {
          if (err instanceof ContactStateError)
            return contactForm(request, reply, values, singleError(err.field, err.message))
          throw err
        }
      })
    })

    // -------------------------------------------------------------------------------------------
    // A contact and each child's triage

    app.get(
      '/contacts/:id',
      { config: { access: FRONT_DOOR, subject: { kind: 'contact' } } },
      async (request, reply) =>
        guarded(reply, async () => {
          const { contact, children } = await viewContact(deps, subjectId(request))
          return reply.view('modules/frontdoor/views/contact.njk', {
            pageTitle: `Contact ${contactReference(contact.id)}`,
            reference: contactReference(contact.id),
            contact,
            channel: labelOf(CHANNELS, contact.channel),
            source: labelOf(REFERRAL_SOURCES, contact.referral_source),
            consent: labelOf(CONSENT, contact.consent),
            needs: contact.presenting_needs.map((n) => labelOf(PRESENTING_NEEDS, n)),
            children: children.map((c) => ({
              ...c,
              name:
                c.child_id === null ? (c.described_name ?? 'Not named') : `${c.given_name} ${c.family_name}`,
              statusTag: STATUS_TEXT[c.status],
              decisionText:
                labelOf(DECISIONS, c.decision) ??
                (c.decision === 'passed_to_allocated_worker' ? 'Taken into the open case' : null),
            })),
          })
        }),
    )

    const triagePage = async (
      request: FastifyRequest,
      reply: FastifyReply,
      contactChildId: number,
      form: {
        name: string
        values: Record<string, string | string[]>
        errors: FormErrors
        found?: unknown[]
      } | null,
    ) => {
      const actor = user(request)
      const t = await viewTriage(deps, actor, contactChildId, request.auditContext)
      const now = clock.now()
      const values = form?.values ?? {}
      const names = new Map<number, string>([
        ...(t.child
          ? [[t.child.id, `${t.child.given_name} ${t.child.family_name}`] as [number, string]]
          : []),
        ...t.household.map((m) => [m.id, `${m.given_name} ${m.family_name}`] as [number, string]),
      ])
      return reply.code(form?.errors.list.length ? 400 : 200).view('modules/frontdoor/views/triage.njk', {
        pageTitle: t.child ? `Triage: ${t.child.given_name} ${t.child.family_name}` : 'Find the child',
        ...t,
        form: form?.name ?? null,
        values,
        errors: form?.errors.list ?? [],
        fieldErrors: form?.errors.byField ?? {},
        found: form?.found ?? null,
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
          left: c.stopped_at ? null : timeLeft(c.due_at, now),
        })),
        household: t.household.map((m) => ({ ...m, relationship: m.relationship_type.replace(/_/g, ' ') })),
        history: {
          contacts: t.history.contacts.map((c) => ({
            ...c,
            who: names.get(c.child_id ?? 0) ?? '',
            decisionText: labelOf(DECISIONS, c.decision),
            source: labelOf(REFERRAL_SOURCES, c.referral_source),
          })),
          referrals: t.history.referrals.map((r) => ({ ...r, who: names.get(r.child_id) ?? '' })),
          events: t.history.events.map((e) => ({ ...e, who: names.get(e.child_id) ?? '' })),
        },
        checks: t.checks.map((k) => ({
          ...k,
          agency: labelOf(AGENCY_CHECK_KINDS, k.agency_kind),
          withheldText: k.withheld
            ? `Information was given. It is ${FIELD_CLASS_NAMES[k.fieldClass]}, which only the front door, the child’s allocated worker and managers can see.`
            : null,
        })),
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
        feedbackItems: items(FEEDBACK_METHODS, values.feedbackMethod),
        canTriage: roleGrants(actor.role, 'contact.triage'),
        canDecide: roleGrants(actor.role, 'contact.decide'),
        decisionText: labelOf(DECISIONS, t.row.decision),
      })
    }

    // The platform has parsed both ids and allowed every child on the contact.
    const triageRoute = (request: FastifyRequest) => {
      return { contactId: subjectId(request), contactChildId: subjectId(request, 'ccid') }
    }

    app.get(
      '/contacts/:id/children/:ccid',
      { config: { access: TRIAGE_PAGE, subject: TRIAGE_SUBJECT } },
      async (request, reply) =>
        guarded(reply, async () => {
          const { contactChildId } = triageRoute(request)
          return triagePage(request, reply, contactChildId, null)
        }),
    )

    /** A triage form posted: on success back to the triage page, on error the page with the form's errors. */
    const triagePost = (
      path: string,
      access: RouteAccess,
      action: Action,
      name: string,
      fields: readonly string[],
      handle: (request: FastifyRequest, contactChildId: number, body: FormAnswers) => Promise<TriageOutcome>,
    ) =>
      app.post(
        `/contacts/:id/children/:ccid/${path}`,
        { config: { access, subject: { ...TRIAGE_SUBJECT, action } } },
        async (request, reply) =>
          guarded(reply, async () => {
            const { contactId, contactChildId } = triageRoute(request)
            const body = readAnswers(request)
            let outcome: TriageOutcome
            try {
              outcome = await handle(request, contactChildId, body)
            } catch (err) {
              if (err instanceof ContactStateError) outcome = singleError(err.field, err.message)
              else throw err
            }
            if (outcome === null)
              return reply.redirect(`/contacts/${contactId}/children/${contactChildId}`, 303)
            if ('found' in outcome)
              return triagePage(request, reply, contactChildId, {
                name,
                values: keepAnswers(body, { only: fields }),
                errors: { list: [], byField: {} },
                found: outcome.found,
              })
            return triagePage(request, reply, contactChildId, {
              name,
              values: keepAnswers(body, { only: fields }),
              errors: outcome,
            })
          }),
      )

    triagePost(
      'find',
      'contact.triage',
      'child.view',
      'find',
      ['childQuery'],
      async (request, contactChildId, body) => {
        const q = typeof body.childQuery === 'string' ? body.childQuery.trim() : ''
        if (q === '') return singleError('childQuery', 'Enter a name to search for')
        const parsed = searchSchema.safeParse({ name: q })
        if (!parsed.success) return formErrors(parsed.error, { name: 'childQuery' })
        return { found: await searchPeople(db, user(request), parsed.data, request.auditContext, clock) }
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
        if (childId === null) return singleError('childQuery', 'Select the child from the search results')
        await linkChild(deps, user(request), contactChildId, childId, request.auditContext)
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
        const parsed = agencyCheckSchema.safeParse(body)
        if (!parsed.success) return formErrors(parsed.error)
        const { respondedTime, ...check } = parsed.data
        const now = clock.now()
        const respondedAt = respondedTime ? londonInstant(londonDate(now.toISOString()), respondedTime) : now
        await recordAgencyCheck(
          deps,
          user(request),
          contactChildId,
          { ...check, respondedAt },
          request.auditContext,
        )
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
        const parsed = triageSchema.safeParse(body)
        if (!parsed.success) return formErrors(parsed.error, { thresholdLevel: 'thresholdLevel', rag: 'rag' })
        await rateContactChild(deps, user(request), contactChildId, parsed.data, request.auditContext)
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
        const parsed = feedbackSchema.safeParse(body)
        if (!parsed.success) return formErrors(parsed.error)
        await recordFeedback(deps, user(request), contactChildId, parsed.data, request.auditContext)
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
        const parsed = withdrawSchema.safeParse(body)
        if (!parsed.success) return formErrors(parsed.error)
        await withdrawContactChild(
          deps,
          user(request),
          contactChildId,
          parsed.data.reason,
          request.auditContext,
        )
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
        if (note === '') return singleError('note', 'Enter what you will do about this contact')
        if (note.length > 4000) return singleError('note', 'Note must be 4,000 characters or fewer')
        await acknowledgeRoutedContact(deps, user(request), contactChildId, note, request.auditContext)
        return null
      },
    )

    // -------------------------------------------------------------------------------------------
    // The decision

    const DECISION_FIELDS = [
      'decision',
      'decisionReason',
      'transferAuthority',
      'teamId',
      'oversightNote',
    ] as const

    const decisionPage = async (
      request: FastifyRequest,
      reply: FastifyReply,
      contactChildId: number,
      values: Record<string, string | string[]>,
      errors: FormErrors,
    ) => {
      const t = await viewTriage(deps, user(request), contactChildId, request.auditContext)
      const teams = await teamsTakingReferrals(deps)
      const level = t.row.threshold_level
      return reply.code(errors.list.length ? 400 : 200).view('modules/frontdoor/views/decision.njk', {
        pageTitle: t.child ? `Decision: ${t.child.given_name} ${t.child.family_name}` : 'Decision',
        ...t,
        values,
        errors: errors.list,
        fieldErrors: errors.byField,
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

    app.get(
      '/contacts/:id/children/:ccid/decision',
      { config: { access: 'contact.decide', subject: DECISION_SUBJECT } },
      async (request, reply) =>
        guarded(reply, async () => {
          const { contactChildId } = triageRoute(request)
          return decisionPage(request, reply, contactChildId, {}, { list: [], byField: {} })
        }),
    )

    app.post(
      '/contacts/:id/children/:ccid/decision',
      { config: { access: 'contact.decide', subject: DECISION_SUBJECT } },
      async (request, reply) =>
        guarded(reply, async () => {
          const { contactChildId } = triageRoute(request)
          const body = readAnswers(request)
          const values = keepAnswers(body, { only: DECISION_FIELDS })
          const parsed = decisionSchema.safeParse(body)
          if (!parsed.success)
            return decisionPage(request, reply, contactChildId, values, formErrors(parsed.error))
          try {
            const result = await decideContactChild(
              deps,
              user(request),
              contactChildId,
              parsed.data,
              request.auditContext,
            )
            return reply.redirect(`/contacts/${result.contactId}/children/${contactChildId}`, 303)
          } catch (err) {
            if (err instanceof ContactStateError)
              return decisionPage(request, reply, contactChildId, values, singleError(err.field, err.message))
            throw err
          }
        }),
    )

    // -------------------------------------------------------------------------------------------
    // Referrals and allocation

    app.get('/referrals', { config: { access: 'child.allocate' } }, async (request, reply) =>
      guarded(reply, async () => {
        const rows = await viewAllocationQueue(deps, user(request), request.auditContext)
        return reply.view('modules/frontdoor/views/referrals.njk', {
          pageTitle: 'Referrals to allocate',
          rows: rows.map((r) => ({ ...r, source: labelOf(REFERRAL_SOURCES, r.referral_source) })),
        })
      }),
    )

    const referralPage = async (
      request: FastifyRequest,
      reply: FastifyReply,
      referralId: number,
      values: Record<string, string | string[]>,
      errors: FormErrors,
    ) => {
      const child = subjectChild(request)
      if (!child) throw new NotFoundError(`No referral ${referralId}`)
      const { referral, canAllocate, workers } = await viewReferral(deps, user(request), referralId, child)
      return reply.code(errors.list.length ? 400 : 200).view('modules/frontdoor/views/referral.njk', {
        pageTitle: `Referral: ${referral.given_name} ${referral.family_name}`,
        referral,
        source: labelOf(REFERRAL_SOURCES, referral.referral_source),
        canAllocate: canAllocate && referral.status !== 'closed',
        workerItems: workers.map((w) => ({
          value: String(w.id),
          text: `${w.display_name} (${w.team})`,
          hint: {
            text: `${w.caseload ?? 0} ${(w.caseload ?? 0) === 1 ? 'child' : 'children'} allocated now`,
          },
          checked: values.workerId === String(w.id) || (!values.workerId && referral.worker_id === w.id),
        })),
        values,
        errors: errors.list,
        fieldErrors: errors.byField,
      })
    }

    app.get(
      '/referrals/:id',
      { config: { access: 'child.view', subject: REFERRAL } },
      async (request, reply) =>
        guarded(reply, async () => {
          const id = subjectId(request)
          return referralPage(request, reply, id, {}, { list: [], byField: {} })
        }),
    )

    app.post(
      '/referrals/:id/close',
      { config: { access: 'child.allocate', subject: REFERRAL } },
      async (request, reply) =>
        guarded(reply, async () => {
          const id = subjectId(request)
          const body = readAnswers(request)
          const values = keepAnswers(body, { only: ['reason'] })
          const parsed = withdrawSchema.safeParse(body)
          if (!parsed.success)
            return referralPage(
              request,
              reply,
              id,
              values,
              singleError('reason', 'Enter why no further action is needed'),
            )
          try {
            await closeReferralNoFurtherAction(
              deps,
              user(request),
              id,
              parsed.data.reason,
              request.auditContext,
            )
            return reply.redirect(`/referrals/${id}`, 303)
          } catch (err) {
            if (err instanceof ContactStateError)
              return referralPage(request, reply, id, values, singleError(err.field, err.message))
            throw err
          }
        }),
    )

    app.post(
      '/referrals/:id/allocate',
      { config: { access: 'child.allocate', subject: REFERRAL } },
      async (request, reply) =>
        guarded(reply, async () => {
          const id = subjectId(request)
          const body = readAnswers(request)
          const values = keepAnswers(body, { only: ['workerId'] })
          const parsed = allocationSchema.safeParse(body)
          if (!parsed.success) return referralPage(request, reply, id, values, formErrors(parsed.error))
          try {
            await allocateReferral(deps, user(request), id, parsed.data.workerId, request.auditContext)
            return reply.redirect(`/referrals/${id}`, 303)
          } catch (err) {
            if (err instanceof ContactStateError)
              return referralPage(request, reply, id, values, singleError(err.field, err.message))
            throw err
          }
        }),
    )
  }
}
