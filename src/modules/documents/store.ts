/**
 * The documents module's SQL: documents, the children each is on, and their versions. No
 * permission checks here; the service decides who may call what. Children's names and
 * relationships come from the people module's published views, through the platform's casework
 * queries (shared with case notes).
 */
import type { Kysely } from 'kysely'
import type { Db } from '../../platform/db/database.js'
import * as casework from '../../platform/casework/store.js'
import type { Database, DocumentVersionTable } from '../../platform/db/schema.js'
import type { DocumentInput } from './model.js'

export type { Db }
export type Trx = Kysely<Database>

// The brothers and sisters a document may be shared with, and children's names: the platform's
// casework queries over the people module's published views.
export { childrenNamed, siblingsOf } from '../../platform/casework/store.js'

/** A version's file as kept (platform/documents): what its row records. */
export type VersionFile = Pick<
  DocumentVersionTable,
  'file_name' | 'file_type' | 'media_type' | 'sha256' | 'stored_name' | 'scanned'
> & { bytes: number }

export async function insertDocument(
  trx: Trx,
  doc: DocumentInput,
  childIds: readonly number[],
  file: VersionFile,
  by: number,
  at: Date,
): Promise<number> {
  const { id } = await trx
    .insertInto('document')
    .values({
      document_type: doc.type,
      title: doc.title,
      document_date: doc.documentDate,
      uploaded_by: by,
      uploaded_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await trx
    .insertInto('document_child')
    .values(childIds.map((child_id) => ({ document_id: id, child_id })))
    .execute()
  await insertVersion(trx, id, 1, file, null, by, at)
  return id
}

export async function insertVersion(
  trx: Trx,
  documentId: number,
  version: number,
  file: VersionFile,
  changeNote: string | null,
  by: number,
  at: Date,
): Promise<void> {
  await trx
    .insertInto('document_version')
    .values({
      document_id: documentId,
      version,
      ...file,
      change_note: changeNote,
      uploaded_by: by,
      uploaded_at: at,
    })
    .execute()
  if (version > 1)
    await trx.updateTable('document').set({ current_version: version }).where('id', '=', documentId).execute()
}

/** The document, locked for the rest of the transaction (two people changing it at once). */
export async function lockDocument(trx: Trx, id: number) {
  return trx.selectFrom('document').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
}

export async function markDeleted(trx: Trx, id: number, by: number, at: Date, reason: string) {
  await casework.markDeleted(trx, 'document', id, by, at, reason)
}

/** The children a document is on, by id. */
export async function documentChildIds(db: Db, documentId: number): Promise<number[]> {
  return casework.childIdsOn(db, 'document_child', 'document_id', documentId)
}

/** A document as it is on this child's record (none when it is not on this child's). */
export async function documentOn(db: Db, documentId: number, childId: number) {
  return db
    .selectFrom('document as d')
    .innerJoin('document_child as c', (j) =>
      j.onRef('c.document_id', '=', 'd.id').on('c.child_id', '=', childId),
    )
    .innerJoin('app_user as u', 'u.id', 'd.uploaded_by')
    .leftJoin('app_user as x', 'x.id', 'd.deleted_by')
    .selectAll('d')
    .select(['u.display_name as uploadedByName', 'x.display_name as deletedByName'])
    .where('d.id', '=', documentId)
    .executeTakeFirst()
}

/** Every version of a document, newest first. */
export async function versionsOf(db: Db, documentId: number) {
  return db
    .selectFrom('document_version as v')
    .innerJoin('app_user as u', 'u.id', 'v.uploaded_by')
    .selectAll('v')
    .select('u.display_name as uploadedByName')
    .where('v.document_id', '=', documentId)
    .orderBy('v.version', 'desc')
    .execute()
}

/** One version of a document. */
export async function versionOf(db: Db, documentId: number, version: number) {
  return db
    .selectFrom('document_version')
    .selectAll()
    .where('document_id', '=', documentId)
    .where('version', '=', version)
    .executeTakeFirst()
}

/** The child's documents, the latest dated first, with their current version; deleted ones included. */
export async function documentsOn(db: Db, childId: number, limit = 500) {
  const rows = await db
    .selectFrom('document_child as c')
    .innerJoin('document as d', 'd.id', 'c.document_id')
    .innerJoin('document_version as v', (j) =>
      j.onRef('v.document_id', '=', 'd.id').onRef('v.version', '=', 'd.current_version'),
    )
    .innerJoin('app_user as u', 'u.id', 'd.uploaded_by')
    .select([
      'd.id',
      'd.document_type',
      'd.title',
      'd.document_date',
      'd.current_version',
      'd.uploaded_at',
      'd.deleted_at',
      'v.file_name',
      'v.file_type',
      'v.bytes',
      'v.scanned',
      'v.uploaded_at as versionUploadedAt',
      'u.display_name as uploadedByName',
      (eb) =>
        eb
          .selectFrom('document_child as o')
          .select((o) => o.fn.countAll<number>().as('n'))
          .whereRef('o.document_id', '=', 'd.id')
          .as('children'),
    ])
    .where('c.child_id', '=', childId)
    .orderBy('d.document_date', 'desc')
    .orderBy('d.id', 'desc')
    .limit(limit)
    .execute()
  return rows.map((r) => ({ ...r, children: Number(r.children) }))
}

/** The child's latest documents not deleted, for the record's panel. */
export async function latestOn(db: Db, childId: number, limit: number) {
  return db
    .selectFrom('documents_child_document_v')
    .selectAll()
    .where('child_id', '=', childId)
    .orderBy('document_date', 'desc')
    .orderBy('document_id', 'desc')
    .limit(limit)
    .execute()
}
