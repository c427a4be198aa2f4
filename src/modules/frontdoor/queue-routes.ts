/**
 * The MASH's lists: the queue of children to triage and decide, and the police domestic abuse
 * notifications decided together.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import {
  errorView,
  keepAnswers,
  NO_ERRORS,
  queryAnswers,
  readAnswers,
  type FormAnswers,
  type FormErrors,
  type KeptAnswers,
} from '../../platform/http/form.js'
import { requireUser } from '../../platform/http/request-context.js'
import { roleGrants, type Role } from '../../platform/permissions/roles.js'
import {
  BULK_DECISION_OPTIONS,
  bulkDecisionSchema,
  BulkDecisionError,
  recommendPoliceNotifications,
  policeNotifications,
} from './bulk.js'
import { claimRoutes, claimText } from './claim-routes.js'
import { DASH_RISKS } from './police-notifications.js'
import { contactReference, labelOf, RAG, REFERRAL_SOURCES, THRESHOLDS } from './model.js'
import { dueTimes } from '../../platform/calendar/clocks.js'
import { loadClockSettings } from '../../platform/calendar/store.js'
import {
  clockTag,
  FRONT_DOOR,
  guarded,
  RAG_TAG,
  STATUS_TEXT,
  statutoryClock,
  listErrors,
  timeLeft,
} from './route-views.js'
import { pageLinks, requestedPage, type PageWindow } from './queue-paging.js'
import { overnightForMash } from './out-of-hours-service.js'
import { viewMashQueue, type FrontdoorDeps, type QueueFilters } from './service.js'

/** The MASH queue shows this many children a page, most urgent first; filters narrow it. */
export const QUEUE_PAGE = 100

/** The queue's address last seen, with its filters, sort and page, for the triage page's way back. */
export const QUEUE_COOKIE = 'haven_mash_queue'

export function queueRoutes(app: FastifyInstance, deps: FrontdoorDeps): void {
  app.get('/mash', { config: { access: FRONT_DOOR } }, async (request, reply) =>
    guarded(reply, async () => {
      const user = requireUser(request)
      const query = queryAnswers(request)
      const filters = parseQueueQuery(query)
      const { rows, counts, window } = await viewMashQueue(
        deps,
        user,
        filters,
        { page: requestedPage(query.page), pageSize: QUEUE_PAGE },
        request.auditContext,
      )
      const now = deps.clock.now()
      const clocks = await loadClockSettings(deps.db)
      // A child still to be found has no task yet, but the decision clock runs from receipt.
      const waiting = (r: { status: string; received_at: Date }) =>
        r.status === 'awaiting_match' ? dueTimes(clocks, 'mash-decision', r.received_at) : null
      const controls = queueControls(filters, user.role)
      const here = controls.href({ page: window.page > 1 ? String(window.page) : null })
      // Not personal data: the filters, sort and page, so a triage page can lead back to them.
      reply.setCookie(QUEUE_COOKIE, here, { path: '/', httpOnly: true, sameSite: 'lax' })
      return reply.view('modules/frontdoor/views/mash-queue.njk', {
        pageTitle: window.pages > 1 ? `MASH queue (page ${window.page} of ${window.pages})` : 'MASH queue',
        overnight: await overnightForMash(deps, user),
        filters,
        counts,
        window,
        here,
        pagination: paginationView(window, (p) => controls.href({ page: p > 1 ? String(p) : null })),
        ...controls,
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
          taken:
            r.taken_at === null
              ? null
              : claimText({ name: r.taken_by_name ?? 'Someone', at: r.taken_at }, now),
          takenByMe: r.taken_by === user.id,
          statutory: statutoryClock(r, waiting(r), now, clocks.calendar),
          ragClock: {
            tag: clockTag(r.rag_due_at, r.rag_due_soon_at, now),
            left: timeLeft(r.rag_due_at, now, clocks.calendar),
          },
        })),
      })
    }),
  )

  claimRoutes(app, deps)
  policeNotificationRoutes(app, deps)
}

function parseQueueQuery(query: FormAnswers): QueueFilters {
  const str = (k: string) => {
    const value = query[k]
    return typeof value === 'string' ? value : ''
  }
  const rag = str('rag')
  const status = str('status')
  const source = str('source')
  const sort = str('sort')
  return {
    rag: rag === 'red' || rag === 'amber' || rag === 'green' || rag === 'unrated' ? rag : null,
    status:
      status === 'awaiting_match' || status === 'in_triage' || status === 'awaiting_authorisation'
        ? status
        : null,
    source: REFERRAL_SOURCES.some((s) => s.code === source) ? source : null,
    overdue: str('overdue') === 'yes',
    sort: sort === 'received' || sort === 'rag' ? sort : 'due',
  }
}

/** MOJ pagination's links and the "Showing 101 to 200 of 250" line. */
function paginationView(window: PageWindow, href: (page: number) => string) {
  return {
    items: pageLinks(window, href),
    previous: window.page > 1 ? { href: href(window.page - 1) } : null,
    next: window.page < window.pages ? { href: href(window.page + 1) } : null,
    results: { from: window.from, to: window.to, count: window.total, text: 'children' },
  }
}

/**
 * The queue's filters and sort links, each keeping the others in the URL. A new filter or sort
 * starts again at the first page; a page link keeps them all.
 */
function queueControls(filters: QueueFilters, role: Role) {
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
  return {
    href: params,
    canRecord: roleGrants(role, 'contact.triage'),
    canDecide: roleGrants(role, 'contact.decide'),
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
      { value: 'awaiting_authorisation', text: 'Awaiting authorisation' },
    ].map((i) => ({ ...i, selected: (filters.status ?? '') === i.value })),
    sourceItems: [
      { value: '', text: 'Any' },
      ...REFERRAL_SOURCES.map((s) => ({ value: s.code, text: s.label })),
    ].map((i) => ({ ...i, selected: (filters.source ?? '') === i.value })),
  }
}

// ---------------------------------------------------------------------------------------------
// Police domestic abuse notifications, decided together

const BULK_FIELDS = ['contactChildIds', 'thresholdLevel', 'rag', 'decision', 'decisionReason', 'rationale']

function policeNotificationRoutes(app: FastifyInstance, deps: FrontdoorDeps): void {
  const bulkPage = (
    request: FastifyRequest,
    reply: FastifyReply,
    values: KeptAnswers,
    errors: FormErrors,
    status = 200,
  ) => renderBulk(deps, request, reply, values, errors, status)

  app.get(
    '/contacts/police-notifications',
    { config: { access: 'contact.decide' } },
    async (request, reply) => {
      return bulkPage(request, reply, { contactChildIds: [] }, NO_ERRORS)
    },
  )

  app.post(
    '/contacts/police-notifications',
    { config: { access: 'contact.decide' } },
    async (request, reply) => {
      const body = readAnswers(request)
      const values = keepAnswers(body, { only: BULK_FIELDS, lists: ['contactChildIds'] })
      // Not checkAnswers: several problems with the selection are all listed, in the page's order.
      const parsed = bulkDecisionSchema.safeParse(body)
      if (!parsed.success) {
        const problems = parsed.error.issues.map((i) => ({
          field: String(i.path[0] ?? 'form'),
          text: i.message,
        }))
        return bulkPage(request, reply, values, listErrors(problems, BULK_FIELDS), 400)
      }
      try {
        const { recommended, awaitingAuthorisation } = await recommendPoliceNotifications(
          deps,
          requireUser(request),
          parsed.data,
          request.auditContext,
        )
        return reply.redirect(
          `/contacts/police-notifications/decided?n=${recommended.length}&waiting=${awaitingAuthorisation}`,
          303,
        )
      } catch (err) {
        if (!(err instanceof BulkDecisionError)) throw err
        const problems = [
          ...err.problems.map((p) => ({ field: 'contactChildIds', text: p.text })),
          {
            field: 'contactChildIds',
            text: 'Nothing was saved. Check the notifications selected and try again.',
          },
        ]
        return bulkPage(request, reply, values, listErrors(problems, BULK_FIELDS, true), 409)
      }
    },
  )

  app.get(
    '/contacts/police-notifications/decided',
    { config: { access: 'contact.decide' } },
    async (request, reply) => {
      const query = queryAnswers(request)
      const count = (v: unknown) => (Number.isInteger(Number(v)) && Number(v) >= 0 ? Number(v) : null)
      const n = count(query.n)
      const waiting = count(query.waiting)
      return reply.view('modules/frontdoor/views/bulk-decided.njk', {
        pageTitle: waiting === 0 ? 'Notifications decided' : 'Recommendations sent for authorisation',
        count: n !== null && n > 0 ? n : null,
        waiting,
      })
    },
  )
}

async function renderBulk(
  deps: FrontdoorDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  values: KeptAnswers,
  errors: FormErrors,
  status: number,
) {
  const rows = await policeNotifications(deps, requireUser(request), request.auditContext)
  const selected = Array.isArray(values.contactChildIds) ? values.contactChildIds : []
  const now = deps.clock.now()
  const firstSelectable = rows.find((r) => r.holdBack.length === 0)?.id ?? null
  return reply.code(status).view('modules/frontdoor/views/bulk-police.njk', {
    pageTitle: 'Police notifications of domestic abuse',
    values,
    ...errorView(errors),
    heldBack: rows.filter((r) => r.holdBack.length > 0).length,
    rows: rows.map((r) => ({
      ...r,
      reference: contactReference(r.contact_id),
      name: `${r.given_name} ${r.family_name}`,
      selected: selected.includes(String(r.id)),
      checkboxId: r.id === firstSelectable ? 'contactChildIds' : `contactChildIds-${r.id}`,
      ragText: labelOf(RAG, r.rag),
      clock: clockTag(r.due_at, r.due_soon_at, now),
      dashText: labelOf(DASH_RISKS, r.dash_risk),
      markers: [
        r.open_case ? 'Open case' : null,
        r.cp_plan ? 'Child protection plan' : null,
        r.looked_after ? 'Looked after' : null,
      ].filter((m) => m !== null),
    })),
    levels: THRESHOLDS.map((t) => ({
      value: t.level,
      text: `Level ${t.level}: ${t.name}`,
      hint: { text: t.description },
      checked: values.thresholdLevel === t.level,
    })),
    rags: RAG.map((r) => ({
      value: r.code,
      text: r.label,
      hint: { text: r.hint },
      checked: values.rag === r.code,
    })),
    decisions: BULK_DECISION_OPTIONS.map((d) => ({
      value: d.code,
      text: d.label,
      checked: values.decision === d.code,
    })),
  })
}
