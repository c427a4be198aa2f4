/**
 * Documents on children's records: the use cases. A file is checked and kept by the platform
 * (platform/documents: type by contents, virus scan, opaque name, SHA-256) before its row is
 * written; then one transaction checks the actor against each child the document goes on, writes
 * the document or version, a case event and an audit row per child. If that transaction fails the
 * kept file is removed again. A refused file, and a refused actor, are audited on their own.
 *
 * Reading is audited by the platform through the routes' subjects (`documents_child`): the list,
 * a document's page and each download.
 */
import { recordAudit, recordAuditAlone, type AuditContext } from '../../platform/audit/audit.js'
import type { Clock } from '../../platform/calendar/clock.js'
import type { Config } from '../../platform/config.js'
import { checkAndKeep, removeStoredFile, type KeptFile } from '../../platform/documents/storage.js'
import { NotAllowedError, NotFoundError } from '../../platform/http/errors.js'
import type { ReceivedFile } from '../../platform/http/uploads.js'
import { allow, type Actor, type ChildRecord } from '../../platform/permissions/allow.js'
import { caseworkReadingBasis } from '../../platform/permissions/casework.js'
import { loadChildRecord } from '../../platform/permissions/store.js'
import { recordCaseEvent } from '../../platform/tasks/case-events.js'
import { mayAddVersion, mayDelete, typeLabel, type DocumentChild, type DocumentInput } from './model.js'
import * as store from './store.js'
import type { Db, Trx, VersionFile } from './store.js'

export interface DocumentsDeps {
  db: Db
  clock: Clock
  config: Config
}

/** A file the platform refused (wrong type, infected, not scannable): said on the form's file field. */
export class FileRefused extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message)
    this.name = 'FileRefused'
  }
}

const fullName = (p: { given_name: string; family_name: string }) => `${p.given_name} ${p.family_name}`

/** May this person read the child's documents, and add them? For the pages' links and the record's panel. */
export function documentRights(actor: Actor, child: ChildRecord, now: Date) {
  return {
    canRead: caseworkReadingBasis(actor, child, now) !== null,
    canWrite: allow(actor, 'child.edit', child, now).allowed,
    managesCase: allow(actor, 'child.allocate', child, now).allowed,
  }
}

async function childNamed(db: Db, childId: number): Promise<DocumentChild> {
  const [child] = await store.childrenNamed(db, [childId])
  if (!child) throw new NotFoundError(`No child ${childId}`)
  return { id: child.id, name: fullName(child) }
}

/** The child's documents, for the list. The route's subject has checked and audited. */
export async function childDocuments({ db }: DocumentsDeps, childId: number) {
  const [child, documents] = await Promise.all([childNamed(db, childId), store.documentsOn(db, childId)])
  return { child, documents }
}

/** What the child's record page shows of this module: the latest documents. */
export async function recordPanel({ db }: Pick<DocumentsDeps, 'db'>, childId: number) {
  return { documents: await store.latestOn(db, childId, 3) }
}

/**
 * The child and the brothers and sisters a new document may also go on: those whose records this
 * person may change (others are not offered, nor named).
 */
export async function uploadFormContext({ db, clock }: DocumentsDeps, actor: Actor, childId: number) {
  const child = await childNamed(db, childId)
  const now = clock.now()
  const siblings: DocumentChild[] = []
  for (const s of await store.siblingsOf(db, childId)) {
    const record = await loadChildRecord(db, s.id)
    if (record && allow(actor, 'child.edit', record, now).allowed)
      siblings.push({ id: s.id, name: fullName(s) })
  }
  return { child, siblings }
}

class RefusedOnChild extends NotAllowedError {
  constructor(
    readonly childId: number,
    reason: string,
  ) {
    super(reason)
  }
}

/** Checks the actor may change every child's record; refuses at the first that is not. */
async function requireEditOnEach(trx: Trx, actor: Actor, childIds: readonly number[], now: Date) {
  const allowed: { childId: number; basis: string | null }[] = []
  for (const childId of childIds) {
    const record = await loadChildRecord(trx, childId)
    const decision = allow(actor, 'child.edit', record, now)
    if (!record || !decision.allowed)
      throw new RefusedOnChild(childId, record ? decision.reason : 'No such child.')
    allowed.push({ childId, basis: decision.basis })
  }
  return allowed
}

/** Audits a file refused before anything was written (by the upload's limits or the platform's checks). */
export async function auditRefusedFile(
  { db }: Pick<DocumentsDeps, 'db'>,
  audit: AuditContext,
  action: 'document.upload' | 'document.add_version',
  childId: number,
  documentId: number | null,
  reason: string,
  detail: Record<string, unknown> = {},
): Promise<void> {
  await recordAuditAlone(db, audit, {
    action,
    outcome: 'denied',
    childId,
    recordType: 'document',
    recordId: documentId,
    detail: { reason, ...detail },
  })
}

/**
 * The platform's checks on a received file: kept (its row still to write), or refused, audited
 * and thrown as `FileRefused` on the form's field.
 */
async function keepFile(
  deps: DocumentsDeps,
  audit: AuditContext,
  action: 'document.upload' | 'document.add_version',
  childId: number,
  documentId: number | null,
  file: ReceivedFile,
): Promise<KeptFile> {
  const kept = await checkAndKeep(deps.config.documents, file)
  if (kept.ok) return kept
  await auditRefusedFile(deps, audit, action, childId, documentId, kept.reason, {
    fileType: file.name.split('.').pop()?.toLowerCase() ?? null,
    bytes: file.bytes,
    ...(kept.detail ? { scanner: kept.detail } : {}),
  })
  throw new FileRefused(file.field, kept.message)
}

function versionFile(kept: KeptFile, name: string): VersionFile {
  return {
    file_name: name.trim().slice(0, 255) || 'document',
    file_type: kept.type,
    media_type: kept.mediaType,
    bytes: kept.bytes,
    sha256: kept.sha256,
    stored_name: kept.storedName,
    scanned: kept.scanned,
  }
}

/**
 * Runs a write that follows a kept file: a refusal on a child is audited on its own (the write
 * rolled back), and whatever fails, the kept file is removed so nothing is left without a row.
 */
async function writeAfterKeeping<T>(
  deps: DocumentsDeps,
  audit: AuditContext,
  action: string,
  documentId: number | null,
  kept: KeptFile | null,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work()
  } catch (err) {
    if (kept) await removeStoredFile(deps.config.documents, kept.storedName)
    if (err instanceof NotAllowedError)
      await recordAuditAlone(deps.db, audit, {
        action,
        outcome: 'denied',
        childId: err instanceof RefusedOnChild ? err.childId : null,
        recordType: 'document',
        recordId: documentId,
        detail: { reason: err.reason },
      })
    throw err
  }
}

/** Adds a document to the child's record, and to the brothers and sisters chosen. */
export async function uploadDocument(
  deps: DocumentsDeps,
  actor: Actor,
  childId: number,
  input: DocumentInput,
  file: ReceivedFile,
  audit: AuditContext,
): Promise<{ documentId: number; scanned: boolean }> {
  const kept = await keepFile(deps, audit, 'document.upload', childId, null, file)
  return writeAfterKeeping(deps, audit, 'document.upload', null, kept, () =>
    deps.db.transaction().execute(async (trx) => {
      const now = deps.clock.now()
      const children = await requireEditOnEach(trx, actor, [childId, ...input.siblingIds], now)
      const on = children.map((c) => c.childId)
      const id = await store.insertDocument(trx, input, on, versionFile(kept, file.name), actor.id, now)
      for (const { childId: child, basis } of children) {
        await recordCaseEvent(trx, {
          childId: child,
          subjectType: 'document',
          subjectId: id,
          type: 'document.uploaded',
          occurredAt: now,
          summary: `${typeLabel(input.type)} added: ${input.title}${on.length > 1 ? ` (on ${on.length} children)` : ''}`,
          recordedBy: actor.id,
          attributes: { type: input.type, children: on.length, scanned: kept.scanned },
        })
        await recordAudit(trx, audit, {
          action: 'document.upload',
          outcome: 'allowed',
          childId: child,
          recordType: 'document',
          recordId: id,
          basis,
          detail: {
            type: input.type,
            children: on,
            bytes: kept.bytes,
            sha256: kept.sha256,
            scanned: kept.scanned,
          },
        })
      }
      return { documentId: id, scanned: kept.scanned }
    }),
  )
}

/** A document on this child's record with every version, or not found when it is not on it. */
export async function viewDocument({ db }: Pick<DocumentsDeps, 'db'>, childId: number, documentId: number) {
  const document = await store.documentOn(db, documentId, childId)
  if (!document) throw new NotFoundError(`No document ${documentId} on child ${childId}`)
  const [versions, childIds] = await Promise.all([
    store.versionsOf(db, documentId),
    store.documentChildIds(db, documentId),
  ])
  const children = (await store.childrenNamed(db, childIds)).map((c) => ({ id: c.id, name: fullName(c) }))
  // This child first: the record the document is read from.
  children.sort((a, b) => Number(b.id === childId) - Number(a.id === childId))
  return { document, versions, children }
}

/**
 * A version to download: on this child's record, and not of a deleted document (a deleted
 * document's files are kept for the record, not handed out).
 */
export async function versionToDownload(
  { db }: Pick<DocumentsDeps, 'db'>,
  childId: number,
  documentId: number,
  version: number,
) {
  const document = await store.documentOn(db, documentId, childId)
  if (!document || document.deleted_at)
    throw new NotFoundError(`No document ${documentId} on child ${childId}`)
  const found = await store.versionOf(db, documentId, version)
  if (!found) throw new NotFoundError(`No version ${version} of document ${documentId}`)
  return found
}

/** Adds a new version of a document: its new file; the earlier ones kept and downloadable. */
export async function addVersion(
  deps: DocumentsDeps,
  actor: Actor,
  childId: number,
  documentId: number,
  changeNote: string | null,
  file: ReceivedFile,
  audit: AuditContext,
): Promise<{ version: number }> {
  const existing = await store.documentOn(deps.db, documentId, childId)
  if (!existing) throw new NotFoundError(`No document ${documentId} on child ${childId}`)
  const kept = await keepFile(deps, audit, 'document.add_version', childId, documentId, file)
  return writeAfterKeeping(deps, audit, 'document.add_version', documentId, kept, () =>
    deps.db.transaction().execute(async (trx) => {
      const now = deps.clock.now()
      const row = await store.lockDocument(trx, documentId)
      if (!row) throw new NotFoundError(`No document ${documentId}`)
      const rule = mayAddVersion({ deletedAt: row.deleted_at })
      if (!rule.allowed) throw new NotAllowedError(rule.reason)
      const children = await requireEditOnEach(trx, actor, await store.documentChildIds(trx, documentId), now)
      const version = row.current_version + 1
      await store.insertVersion(
        trx,
        documentId,
        version,
        versionFile(kept, file.name),
        changeNote,
        actor.id,
        now,
      )
      for (const { childId: child, basis } of children) {
        await recordCaseEvent(trx, {
          childId: child,
          subjectType: 'document',
          subjectId: documentId,
          type: 'document.version_added',
          occurredAt: now,
          summary: `New version of ${row.title} (version ${version})`,
          recordedBy: actor.id,
          attributes: { version, scanned: kept.scanned },
        })
        await recordAudit(trx, audit, {
          action: 'document.add_version',
          outcome: 'allowed',
          childId: child,
          recordType: 'document',
          recordId: documentId,
          basis,
          detail: { version, bytes: kept.bytes, sha256: kept.sha256, scanned: kept.scanned },
        })
      }
      return { version }
    }),
  )
}

/** Whether this person may delete the document, for the page's links. */
export function deleteRights(
  deps: Pick<DocumentsDeps, 'clock'>,
  doc: { uploaded_by: number; deleted_at: Date | null },
  actor: Actor,
  child: ChildRecord,
) {
  const manages = allow(actor, 'child.allocate', child, deps.clock.now()).allowed
  return mayDelete({ uploadedBy: doc.uploaded_by, deletedAt: doc.deleted_at }, actor.id, manages)
}

/** Deletes a document softly: it stays, with its files, marked deleted with who, when and why, on every child. */
export async function deleteDocument(
  deps: DocumentsDeps,
  actor: Actor,
  childId: number,
  documentId: number,
  reason: string,
  audit: AuditContext,
): Promise<void> {
  await writeAfterKeeping(deps, audit, 'document.delete', documentId, null, () =>
    deps.db.transaction().execute(async (trx) => {
      const now = deps.clock.now()
      const row = await store.lockDocument(trx, documentId)
      if (!row) throw new NotFoundError(`No document ${documentId}`)
      const childIds = await store.documentChildIds(trx, documentId)
      if (!childIds.includes(childId))
        throw new NotFoundError(`No document ${documentId} on child ${childId}`)
      const record = await loadChildRecord(trx, childId)
      const manages = record !== null && allow(actor, 'child.allocate', record, now).allowed
      const rule = mayDelete({ uploadedBy: row.uploaded_by, deletedAt: row.deleted_at }, actor.id, manages)
      if (!rule.allowed) throw new NotAllowedError(rule.reason)
      const children = await requireEditOnEach(trx, actor, childIds, now)
      await store.markDeleted(trx, documentId, actor.id, now, reason)
      for (const { childId: child, basis } of children) {
        await recordCaseEvent(trx, {
          childId: child,
          subjectType: 'document',
          subjectId: documentId,
          type: 'document.deleted',
          occurredAt: now,
          summary: 'Document deleted',
          recordedBy: actor.id,
        })
        await recordAudit(trx, audit, {
          action: 'document.delete',
          outcome: 'allowed',
          childId: child,
          recordType: 'document',
          recordId: documentId,
          basis,
          detail: { reason },
        })
      }
    }),
  )
}
