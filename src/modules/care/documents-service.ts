/**
 * Documents and money: recording an item's new state and reading them. A record is written in one
 * transaction: the permission checked again, the child's open period locked (documents are
 * recorded while the child is looked after), the dates checked against the child's birth, the
 * row, the case event `care_document.recorded` and the audit row. A refusal leaves nothing
 * written; a refusal of the user is audited on its own. The list of children lacking documents is
 * filtered in SQL to the children the reader may see, and its read is audited as a list, naming
 * every child it shows. Time comes from the injected clock.
 */
import {
  auditingRefusal,
  recordAudit,
  recordAuditAlone,
  type AuditContext,
} from '../../platform/audit/audit.js'
import { londonToday } from '../../platform/calendar/dates.js'
import { NotAllowedError } from '../../platform/http/errors.js'
import { allow, type Actor } from '../../platform/permissions/allow.js'
import { loadChildRecord } from '../../platform/permissions/store.js'
import { recordCaseEvent } from '../../platform/tasks/case-events.js'
import {
  DOCUMENT_EVENT,
  documentsLacking,
  documentWords,
  ITEM_ORDER,
  latestListedStart,
  type DocumentItem,
  type DocumentRecord,
} from './documents-model.js'
import * as documents from './documents-store.js'
import { CARE_SUBJECT } from './model.js'
import { CareStateError, type CareDeps } from './service.js'
import * as store from './store.js'

export const DOCUMENT_AUDIT_ACTION = 'care.documents_record'
export const DOCUMENTS_LIST_AUDIT_ACTION = 'care.documents_list'

/** Records the item's new state; returns the row's id. Throws `CareStateError` or `NotAllowedError`. */
export async function recordDocument(
  deps: CareDeps,
  actor: Actor,
  childId: number,
  record: DocumentRecord,
  audit: AuditContext,
): Promise<{ documentId: number }> {
  const { db, clock } = deps
  return auditingRefusal(
    db,
    audit,
    { action: DOCUMENT_AUDIT_ACTION, childId, recordType: 'care_document', recordId: null },
    () =>
      db.transaction().execute(async (trx) => {
        const now = clock.now()
        const decision = allow(actor, 'child.edit', await loadChildRecord(trx, childId), now)
        if (!decision.allowed) throw new NotAllowedError(decision.reason)
        const period = await store.lockOpenPeriod(trx, childId)
        if (!period)
          throw new CareStateError('This child is not looked after: documents are recorded during care')
        // The form checked the dates against the birth it was shown; checked again against the record.
        const child = await store.childNamed(trx, childId)
        const dob = child?.date_of_birth ?? null
        const dates = [record.appliedOn, record.issuedOn, record.receivedOn, record.openedOn]
        if (dob !== null && dates.some((d) => d !== null && d < dob))
          throw new CareStateError('A date is before the child’s date of birth: check the dates')
        if (dates.some((d) => d !== null && d > londonToday(now)))
          throw new CareStateError('A date is in the future: check the dates')
        const documentId = await documents.insertDocument(trx, {
          childId,
          periodId: period.id,
          record,
          by: actor.id,
          at: now,
        })
        await recordCaseEvent(trx, {
          childId,
          subjectType: CARE_SUBJECT,
          subjectId: period.id,
          type: DOCUMENT_EVENT,
          occurredAt: now,
          summary: documentWords(record),
          recordedBy: actor.id,
          attributes: { documentId, item: record.item, status: record.status, kind: record.kind },
        })
        await recordAudit(trx, audit, {
          action: DOCUMENT_AUDIT_ACTION,
          outcome: 'allowed',
          childId,
          recordType: 'care_document',
          recordId: documentId,
          basis: decision.basis,
          // No document's number is kept anywhere, the audit trail included.
          detail: { periodId: period.id, item: record.item, status: record.status, kind: record.kind },
        })
        return { documentId }
      }),
  )
}

/**
 * The care page's section: each item's latest record and the history of every change. The route
 * has checked and audited the reader's view of the child.
 */
export async function documentsSection({ db, clock }: CareDeps, childId: number, dateOfBirth: string | null) {
  const today = londonToday(clock.now())
  const [history, state] = await Promise.all([
    documents.documentsOf(db, childId),
    documents.documentsStateOf(db, childId),
  ])
  const latest = new Map<DocumentItem, (typeof history)[number]>()
  for (const r of history) if (!latest.has(r.item)) latest.set(r.item, r)
  return {
    today,
    lookedAfterSince: state?.looked_after_since ?? null,
    lacking: state ? documentsLacking(state, { dateOfBirth }, today) : [],
    items: ITEM_ORDER.map((item) => ({ item, latest: latest.get(item) ?? null })),
    history,
  }
}

/** The list's filters, from the URL: a team's id, a worker's id, or every one. */
export interface ListFilter {
  teamId: number | null
  workerId: number | null
}

/**
 * Every child looked after more than 4 weeks whom the reader may see and who lacks a birth
 * certificate, a passport or Home Office document, an NI number (from 16) or an account: each
 * with what they lack, how long they have been looked after, their teams and workers; the teams
 * and workers to filter by, and the counts of what the filtered list holds. The read is audited
 * as a list, naming every child shown.
 */
export async function documentsList(deps: CareDeps, actor: Actor, filter: ListFilter, audit: AuditContext) {
  const { db, clock } = deps
  const now = clock.now()
  const today = londonToday(now)
  const candidates = await documents.listCandidates(db, actor, latestListedStart(today), now)
  const ids = (xs: { id: number | string; name: string }[]) =>
    xs.map((x) => ({ id: Number(x.id), name: x.name }))
  const all = candidates.map((c) => ({
    ...c,
    teams: ids(c.teams),
    workers: ids(c.workers),
    lacking: documentsLacking(c, { dateOfBirth: c.date_of_birth }, today),
  }))
  const inFilter = all.filter(
    (c) =>
      (filter.teamId === null || c.teams.some((t) => t.id === filter.teamId)) &&
      (filter.workerId === null || c.workers.some((w) => w.id === filter.workerId)),
  )
  const rows = inFilter.filter((c) => c.lacking.length > 0)
  const lacking = (item: DocumentItem) => rows.filter((r) => r.lacking.includes(item)).length
  await recordAuditAlone(db, audit, {
    action: DOCUMENTS_LIST_AUDIT_ACTION,
    outcome: 'allowed',
    detail: { teamId: filter.teamId, workerId: filter.workerId, childIds: rows.map((r) => r.child_id) },
  })
  const options = (pick: (c: (typeof all)[number]) => { id: number; name: string }[]) =>
    [...new Map(all.flatMap(pick).map((o) => [o.id, o])).values()].sort(
      (a, b) => a.name.localeCompare(b.name) || a.id - b.id,
    )
  return {
    today,
    rows,
    counts: {
      lookedAfter: inFilter.length,
      listed: rows.length,
      // The Ofsted finding: without both a birth certificate and a passport or Home Office document.
      withoutBoth: rows.filter(
        (r) => r.lacking.includes('birth_certificate') || r.lacking.includes('identity_document'),
      ).length,
      birth_certificate: lacking('birth_certificate'),
      identity_document: lacking('identity_document'),
      ni_number: lacking('ni_number'),
      account: lacking('account'),
    },
    teams: options((c) => c.teams),
    workers: options((c) => c.workers),
  }
}
export type DocumentsList = Awaited<ReturnType<typeof documentsList>>

/** The managers' home figure: how many children they may see are on the list (no child named). */
export async function listedCount(deps: CareDeps, actor: Actor): Promise<number> {
  const now = deps.clock.now()
  const today = londonToday(now)
  const candidates = await documents.listCandidates(deps.db, actor, latestListedStart(today), now)
  return candidates.filter((c) => documentsLacking(c, { dateOfBirth: c.date_of_birth }, today).length > 0)
    .length
}
