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
  decidePoliceNotifications,
  policeNotifications,
} from './bulk.js'
import { contactReference, labelOf, RAG, REFERRAL_SOURCES, THRESHOLDS } from './model.js'
import { clockTag, FRONT_DOOR, guarded, RAG_TAG, STATUS_TEXT, timeLeft } from './route-views.js'
import { overnightForMash } from './out-of-hours-service.js'
import { viewMashQueue, type FrontdoorDeps, type QueueFilters } from './service.js'

/** The MASH queue shows this many children at once, most urgent first; filters narrow it. */
const QUEUE_PAGE = 100

export function queueRoutes(app: FastifyInstance, deps: FrontdoorDeps): void {
  app.get('/mash', { config: { access: FRONT_DOOR } }, async (request, reply) =>
    guarded(reply, async () => {
      const user = requireUser(request)
      const filters = parseQueueQuery(queryAnswers(request))
      const { rows, counts } = await viewMashQueue(deps, user, filters, QUEUE_PAGE, request.auditContext)
      const now = deps.clock.now()
      return reply.view('modules/frontdoor/views/mash-queue.njk', {
        pageTitle: 'MASH queue',
        overnight: await overnightForMash(deps, user),
        filters,
        counts,
        limit: QUEUE_PAGE,
        ...queueControls(filters, user.role),
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
    status: status === 'awaiting_match' || status === 'in_triage' ? status : null,
    source: REFERRAL_SOURCES.some((s) => s.code === source) ? source : null,
    overdue: str('overdue') === 'yes',
    sort: sort === 'received' || sort === 'rag' ? sort : 'due',
  }
}

/** The queue's filters and sort links, each keeping the others in the URL. */
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
    ].map((i) => ({ ...i, selected: (filters.status ?? '') === i.value })),
    sourceItems: [
      { value: '', text: 'Any' },
      ...REFERRAL_SOURCES.map((s) => ({ value: s.code, text: s.label })),
    ].map((i) => ({ ...i, selected: (filters.source ?? '') === i.value })),
  }
}

// ---------------------------------------------------------------------------------------------
// Police domestic abuse notifications, decided together

const BULK_FIELDS = [
  'contactChildIds',
  'thresholdLevel',
  'rag',
  'decision',
  'decisionReason',
  'oversightNote',
]

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
        return bulkPage(request, reply, values, bulkErrors(problems), 400)
      }
      try {
        const { decided } = await decidePoliceNotifications(
          deps,
          requireUser(request),
          parsed.data,
          request.auditContext,
        )
        return reply.redirect(`/contacts/police-notifications/decided?n=${decided.length}`, 303)
      } catch (err) {
        if (!(err instanceof BulkDecisionError)) throw err
        const problems = [
          ...err.problems.map((p) => ({ field: 'contactChildIds', text: p.text })),
          {
            field: 'contactChildIds',
            text: 'Nothing was saved. Check the notifications selected and try again.',
          },
        ]
        return bulkPage(request, reply, values, bulkErrors(problems, true), 409)
      }
    },
  )

  app.get(
    '/contacts/police-notifications/decided',
    { config: { access: 'contact.decide' } },
    async (request, reply) => {
      const n = Number(queryAnswers(request).n)
      return reply.view('modules/frontdoor/views/bulk-decided.njk', {
        pageTitle: 'Notifications decided',
        count: Number.isInteger(n) && n > 0 ? n : null,
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
  return reply.code(status).view('modules/frontdoor/views/bulk-police.njk', {
    pageTitle: 'Police notifications of domestic abuse',
    values,
    ...errorView(errors),
    rows: rows.map((r) => ({
      ...r,
      reference: contactReference(r.contact_id),
      name: `${r.given_name} ${r.family_name}`,
      selected: selected.includes(String(r.id)),
      ragText: labelOf(RAG, r.rag),
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

const BULK_ORDER = [...BULK_FIELDS, 'form']

/** Bulk form errors; several about the selection are all listed (each names a child). */
function bulkErrors(problems: { field: string; text: string }[], keepAll = false): FormErrors {
  const byField: FormErrors['byField'] = {}
  const list: FormErrors['list'] = []
  const sorted = [...problems].sort((a, b) => BULK_ORDER.indexOf(a.field) - BULK_ORDER.indexOf(b.field))
  for (const p of sorted) {
    if (byField[p.field] && !keepAll) continue
    if (!byField[p.field]) byField[p.field] = { text: p.text }
    list.push({ text: p.text, href: `#${p.field}` })
  }
  return { list, byField }
}
