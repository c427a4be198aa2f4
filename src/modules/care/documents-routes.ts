/**
 * Documents and money: the form of each item (`/children/:id/care/documents/<item>`), the care
 * page's section, and the managers' list of children looked after more than 4 weeks who lack one
 * (`/care/documents`). Thin: the platform has checked the child a form's URL names and audited;
 * the schema checks the answers; one service call saves. The list names no record in its URL: its
 * access is the role's (`team.view`, team and service managers), the rows are filtered in SQL to
 * the children the reader may see, the service audits the read, and each child's link goes to the
 * care page, which checks and audits that child again.
 */
import type { FastifyInstance } from 'fastify'
import type { HomePanel } from '../../platform/modules.js'
import { longDate } from '../../platform/calendar/dates.js'
import { errorView, formRoute, queryAnswers, type KeptAnswers } from '../../platform/http/form.js'
import { requireUser, type CurrentUser } from '../../platform/http/request-context.js'
import { subjectId, type RouteSubject } from '../../platform/http/subjects.js'
import { roleGrants } from '../../platform/permissions/roles.js'
import {
  ACCOUNT_KINDS,
  DOCUMENT_ITEMS,
  documentSchema,
  documentWords,
  IDENTITY_KINDS,
  isHeld,
  ITEM_ORDER,
  ITEM_PATHS,
  LACKING_WORDS,
  lookedAfterFor,
  niNumberExpected,
  type DocumentItem,
} from './documents-model.js'
import {
  documentsList,
  documentsSection,
  listedCount,
  recordDocument,
  type ListFilter,
} from './documents-service.js'
import { careRecord, CareStateError, type CareDeps, type CareRecord } from './service.js'
import { named, carePath } from './route-parts.js'

export const DOCUMENTS_LIST_PATH = '/care/documents'
/** Who sees the list: the managers, by the action their other lists of the team's children need. */
const LIST_ACCESS = 'team.view'

/** A record's columns in the words of the model. */
const asRecord = (r: {
  item: DocumentItem
  status: 'held' | 'not_held' | 'applied'
  kind: string | null
  kept_at: string | null
  applied_on: string | null
  issued_on: string | null
  expires_on: string | null
  received_on: string | null
  opened_on: string | null
  provider: string | null
}) => ({
  item: r.item,
  status: r.status,
  kind: r.kind,
  keptAt: r.kept_at,
  appliedOn: r.applied_on,
  issuedOn: r.issued_on,
  expiresOn: r.expires_on,
  receivedOn: r.received_on,
  openedOn: r.opened_on,
  provider: r.provider,
})

/** The care page's section: how long looked after, each item's state, what is lacking, the history. */
export async function documentsView(deps: CareDeps, record: CareRecord, user: CurrentUser) {
  if (record.periods.length === 0) return null
  const section = await documentsSection(deps, record.child.id, record.child.date_of_birth)
  const { today } = section
  const state = (item: DocumentItem, latest: (typeof section.items)[number]['latest']) => {
    if (latest === null) return 'Not recorded'
    const words = documentWords(asRecord(latest))
    const expired =
      item === 'identity_document' &&
      latest.status === 'held' &&
      latest.expires_on !== null &&
      !isHeld(
        { ...EMPTY_STATE, identity_document: 'held', identity_document_expires_on: latest.expires_on },
        item,
        today,
      )
    return expired ? `${words} (expired)` : words
  }
  return {
    since: section.lookedAfterSince,
    lookedAfterFor: section.lookedAfterSince ? lookedAfterFor(section.lookedAfterSince, today) : null,
    lacking: section.lacking.map((i) => LACKING_WORDS[i]),
    niNotYet: !niNumberExpected(record.child.date_of_birth, today),
    items: section.items.map(({ item, latest }) => ({
      item,
      name: DOCUMENT_ITEMS[item],
      path: `${carePath(record.child.id)}/documents/${ITEM_PATHS[item]}`,
      state: state(item, latest),
      recordedAt: latest?.recorded_at ?? null,
    })),
    history: section.history.map((h) => ({
      name: DOCUMENT_ITEMS[h.item],
      words: documentWords(asRecord(h)),
      recordedAt: h.recorded_at,
      by: h.recordedByName ?? '',
    })),
    canSeeList: roleGrants(user.role, LIST_ACCESS),
    listPath: DOCUMENTS_LIST_PATH,
  }
}

const EMPTY_STATE = {
  birth_certificate: null,
  identity_document: null,
  identity_document_expires_on: null,
  ni_number: null,
  account: null,
}

/** Radio items from a list of codes and words, the kept answer checked. */
const radios = (list: Record<string, string>, chosen: unknown) =>
  Object.entries(list).map(([value, text]) => ({ value, text, checked: chosen === value }))

const STATUS_WORDS: Record<DocumentItem, Record<string, string>> = {
  birth_certificate: { held: 'Yes, it is held', applied: 'It has been applied for', not_held: 'No' },
  identity_document: {
    held: 'Yes, a document is held',
    applied: 'One has been applied for',
    not_held: 'No',
  },
  ni_number: { held: 'Yes, it has been received', not_held: 'No, not yet' },
  account: { held: 'Yes', not_held: 'No' },
}

/** A positive whole number from the URL, or null for every one. */
function idFrom(value: unknown): number | null {
  return typeof value === 'string' && /^[1-9]\d{0,15}$/.test(value) ? Number(value) : null
}

export function documentRoutes(deps: CareDeps) {
  return async (app: FastifyInstance) => {
    for (const item of ITEM_ORDER) {
      const path = `/children/:id/care/documents/${ITEM_PATHS[item]}`
      const subject: RouteSubject = { kind: 'child', auditAction: 'care.view', auditDetail: { form: item } }
      formRoute(app, {
        path,
        access: 'child.edit',
        subject,
        load: (request) => careRecord(deps, subjectId(request)),
        schema: (record) => documentSchema(item, deps.clock.now(), record.child.date_of_birth),
        render: (_request, reply, { context: record, values, errors, status }) => {
          const childName = named(record.child)
          if (!record.open)
            return reply.code(409).view('platform/views/message.njk', {
              pageTitle: `${childName} is not looked after`,
              paragraphs: ['Documents and accounts are recorded while the child is looked after.'],
              links: [{ href: carePath(record.child.id), text: 'See the child’s care record' }],
            })
          const v: KeptAnswers = values ?? {}
          return reply.code(status).view('modules/care/views/documents-form.njk', {
            pageTitle: `${DOCUMENT_ITEMS[item]}: ${childName}`,
            heading: DOCUMENT_ITEMS[item],
            item,
            childName,
            action: `${carePath(record.child.id)}/documents/${ITEM_PATHS[item]}`,
            backPath: `${carePath(record.child.id)}#documents`,
            values: v,
            statusItems: radios(STATUS_WORDS[item], v.status),
            kindItems: radios(item === 'account' ? ACCOUNT_KINDS : IDENTITY_KINDS, v.kind),
            ...errorView(errors),
          })
        },
        save: (request, input) =>
          recordDocument(deps, requireUser(request), subjectId(request), input, request.auditContext),
        done: (_i, record) => ({
          to: `${carePath(record.child.id)}#documents`,
          text: `${DOCUMENT_ITEMS[item]} recorded`,
        }),
        refusal: (err) => (err instanceof CareStateError ? { field: err.field, message: err.message } : null),
        notAllowedTitle: 'You cannot change this child’s care record',
        // Sent twice (a double click, the back button), the record is kept once.
        submission: { already: 'This was already recorded', link: 'See the child’s care record' },
      })
    }

    // The list Ofsted's inspectors found made by hand: every child looked after more than 4 weeks
    // lacking a document or an account, by team and worker.
    app.get(DOCUMENTS_LIST_PATH, { config: { access: LIST_ACCESS } }, async (request, reply) => {
      const query = queryAnswers(request)
      const filter: ListFilter = { teamId: idFrom(query.team), workerId: idFrom(query.worker) }
      const list = await documentsList(deps, requireUser(request), filter, request.auditContext)
      const lackingText = (r: (typeof list.rows)[number], item: DocumentItem) => {
        if (!r.lacking.includes(item))
          return item === 'ni_number' && !niNumberExpected(r.date_of_birth, list.today)
            ? 'Not yet (under 16)'
            : 'Held'
        const status = r[item]
        if (status === 'applied') {
          const on =
            item === 'birth_certificate' ? r.birth_certificate_applied_on : r.identity_document_applied_on
          return on ? `Applied for ${longDate(on)}` : 'Applied for'
        }
        if (item === 'identity_document' && status === 'held' && r.identity_document_expires_on)
          return `Expired ${longDate(r.identity_document_expires_on)}`
        return status === null ? 'Not recorded' : 'Not held'
      }
      return reply.view('modules/care/views/documents-list.njk', {
        pageTitle: 'Children looked after without their documents',
        counts: list.counts,
        filter,
        teamItems: [
          { value: '', text: 'All teams' },
          ...list.teams.map((t) => ({ value: String(t.id), text: t.name, selected: t.id === filter.teamId })),
        ],
        workerItems: [
          { value: '', text: 'All workers' },
          ...list.workers.map((w) => ({
            value: String(w.id),
            text: w.name,
            selected: w.id === filter.workerId,
          })),
        ],
        items: ITEM_ORDER.map((item) => ({
          item,
          name: DOCUMENT_ITEMS[item],
          countText: `Without ${LACKING_WORDS[item]}`,
          count: list.counts[item],
        })),
        rows: list.rows.map((r) => ({
          childId: r.child_id,
          name: named(r),
          href: carePath(r.child_id),
          since: r.looked_after_since,
          lookedAfterFor: lookedAfterFor(r.looked_after_since, list.today),
          cells: ITEM_ORDER.map((item) => ({
            lacking: r.lacking.includes(item),
            text: lackingText(r, item),
          })),
          teams: r.teams.map((t) => t.name).join(', ') || 'Not allocated',
          workers: r.workers.map((w) => w.name).join(', ') || 'Not allocated',
        })),
      })
    })
  }
}

/** The managers' home page: how many children they may see lack a document (figures only). */
export const DOCUMENTS_HOME_PANEL: HomePanel = {
  order: 45,
  template: 'modules/care/views/documents-home-panel.njk',
  async load(deps, user) {
    if (!roleGrants(user.role, LIST_ACCESS)) return null
    const listed = await listedCount(deps, user)
    return listed === 0 ? null : { listed, href: DOCUMENTS_LIST_PATH }
  },
}
