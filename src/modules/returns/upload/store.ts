/**
 * Uploaded returns and their findings (migration 0028). The findings of a check are written in
 * one transaction with its summary, so a page sees a whole report or none.
 */
import { sql, type ExpressionBuilder, type Insertable, type Kysely } from 'kysely'
import type {
  Database,
  ReturnFindingTable,
  ReturnUploadStatus,
  UploadedReturnFile,
} from '../../../platform/db/schema.js'
import type { Finding } from '../engine.js'
import type { FindingFilter, ReturnKind } from './model.js'

type Db = Kysely<Database>

export interface NewUpload {
  kind: ReturnKind
  year: string
  uploadedBy: number
  at: Date
  files: UploadedReturnFile[]
  deleteAfter: Date
  fromRecords?: boolean
}

export async function insertUpload(trx: Db, u: NewUpload): Promise<number> {
  const { id } = await trx
    .insertInto('return_upload')
    .values({
      return_kind: u.kind,
      collection_year: u.year,
      uploaded_by: u.uploadedBy,
      uploaded_at: u.at,
      files: JSON.stringify(u.files),
      total_bytes: u.files.reduce((n, f) => n + f.bytes, 0),
      delete_after: u.deleteAfter,
      from_records: u.fromRecords === true,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

const UPLOAD_COLUMNS = [
  'u.id',
  'u.return_kind',
  'u.collection_year',
  'u.uploaded_at',
  'u.files',
  'u.total_bytes',
  'u.status',
  'u.children_checked',
  'u.started_at',
  'u.finished_at',
  'u.summary',
  'u.problem',
  'u.delete_after',
  'u.deleted_at',
  'u.deleted_reason',
  'u.from_records',
  'by.display_name as uploaded_by_name',
] as const

function uploads(db: Db) {
  return db.selectFrom('return_upload as u').innerJoin('app_user as by', 'by.id', 'u.uploaded_by')
}

export async function uploadById(db: Db, id: number) {
  return uploads(db).select(UPLOAD_COLUMNS).where('u.id', '=', id).executeTakeFirst()
}

export type UploadRow = NonNullable<Awaited<ReturnType<typeof uploadById>>>

export async function uploadExists(db: Db, id: number): Promise<boolean> {
  return (
    (await db.selectFrom('return_upload').select('id').where('id', '=', id).executeTakeFirst()) !== undefined
  )
}

/** The most recent uploads first, a page at a time. */
export async function recentUploads(db: Db, limit: number, offset: number) {
  const [rows, total] = await Promise.all([
    uploads(db).select(UPLOAD_COLUMNS).orderBy('u.id', 'desc').limit(limit).offset(offset).execute(),
    db
      .selectFrom('return_upload')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ])
  return { rows, total: Number(total.n) }
}

/**
 * Takes the next upload waiting to be checked, marking it as being checked. Locked rows are
 * skipped, so two servers sharing the database never check one upload twice.
 */
export async function claimNextUpload(db: Db, at: Date, claim: string) {
  return db
    .updateTable('return_upload')
    .set({ status: 'checking', started_at: at, children_checked: 0, claim })
    .where(
      'id',
      '=',
      db
        .selectFrom('return_upload')
        .select('id')
        .where('status', '=', 'waiting')
        .where('deleted_at', 'is', null)
        .orderBy('id')
        .limit(1)
        .forUpdate()
        .skipLocked(),
    )
    .returning(['id', 'return_kind', 'collection_year', 'files'])
    .executeTakeFirst()
}

/** Checks a stopped process left half done go back to waiting (their findings were never written). */
export async function requeueInterrupted(db: Db): Promise<number> {
  const result = await db
    .updateTable('return_upload')
    .set({ status: 'waiting', started_at: null, children_checked: 0, claim: null })
    .where('status', '=', 'checking')
    .where('deleted_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}

/**
 * Whether the check holding `claim` still owns the upload (not deleted, not taken over), with the
 * row locked until the transaction ends, so a deletion waits for the outcome to be written.
 */
export async function stillClaimed(trx: Db, id: number, claim: string): Promise<boolean> {
  const row = await trx
    .selectFrom('return_upload')
    .select('id')
    .where('id', '=', id)
    .where('claim', '=', claim)
    .where('status', '=', 'checking')
    .where('deleted_at', 'is', null)
    .forUpdate()
    .executeTakeFirst()
  return row !== undefined
}

export async function recordProgress(db: Db, id: number, children: number): Promise<void> {
  await db
    .updateTable('return_upload')
    .set({ children_checked: children })
    .where('id', '=', id)
    .where('status', '=', 'checking')
    .execute()
}

export interface Outcome {
  status: Extract<ReturnUploadStatus, 'checked' | 'unreadable' | 'failed'>
  at: Date
  children: number
  summary: Record<string, unknown> | null
  problem: string | null
}

export async function finishUpload(trx: Db, id: number, claim: string, o: Outcome): Promise<void> {
  await trx
    .updateTable('return_upload')
    .set({
      claim: null,
      status: o.status,
      finished_at: o.at,
      children_checked: o.children,
      summary: o.summary === null ? null : JSON.stringify(o.summary),
      problem: o.problem,
    })
    .where('id', '=', id)
    .where('claim', '=', claim)
    .execute()
}

export type NewFinding = Insertable<ReturnFindingTable>

export function findingRow(uploadId: number, seq: number, f: Finding): NewFinding {
  return {
    upload_id: uploadId,
    seq,
    child_ref: f.childId,
    table_name: f.table,
    row_number: f.row,
    line: f.line ?? null,
    fields: [...f.fields],
    code: f.code,
    rule_type: f.type,
    message: f.message,
    detail: f.detail ?? null,
    could_not_evaluate: f.couldNotEvaluate === true,
  }
}

export async function insertFindings(trx: Db, rows: readonly NewFinding[]): Promise<void> {
  if (rows.length) await trx.insertInto('return_finding').values(rows).execute()
}

function filtered(db: Db, uploadId: number, filter: FindingFilter) {
  let q = db.selectFrom('return_finding as f').where('f.upload_id', '=', uploadId)
  if (filter.code) q = q.where('f.code', '=', filter.code)
  if (filter.table) q = q.where('f.table_name', '=', filter.table)
  if (filter.child) q = q.where('f.child_ref', '=', filter.child)
  if (filter.type) q = q.where('f.rule_type', '=', filter.type)
  return q
}

const FINDING_COLUMNS = [
  'f.seq',
  'f.child_ref',
  'f.table_name',
  'f.row_number',
  'f.line',
  'f.fields',
  'f.code',
  'f.rule_type',
  'f.message',
  'f.detail',
  'f.could_not_evaluate',
] as const

export async function findingsPage(
  db: Db,
  uploadId: number,
  filter: FindingFilter,
  limit: number,
  offset: number,
) {
  const [rows, total] = await Promise.all([
    filtered(db, uploadId, filter)
      .select(FINDING_COLUMNS)
      .orderBy('f.seq')
      .limit(limit)
      .offset(offset)
      .execute(),
    filtered(db, uploadId, filter)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ])
  return { rows, total: Number(total.n) }
}

export type FindingRow = Awaited<ReturnType<typeof findingsPage>>['rows'][number]

/** The findings after `afterSeq`, in order: a download reads the report in batches of these. */
export async function findingsAfter(
  db: Db,
  uploadId: number,
  filter: FindingFilter,
  afterSeq: number,
  limit: number,
) {
  return filtered(db, uploadId, filter)
    .select(FINDING_COLUMNS)
    .where('f.seq', '>', afterSeq)
    .orderBy('f.seq')
    .limit(limit)
    .execute()
}

const typeCounts = (eb: ExpressionBuilder<Database & { f: ReturnFindingTable }, 'f'>) => [
  eb.fn.countAll<number>().as('findings'),
  eb.fn.count<number>(sql`case when f.rule_type = 'error' then 1 end`).as('errors'),
  eb.fn.count<number>(sql`case when f.rule_type = 'query' then 1 end`).as('queries'),
]

/** Findings per table (errors and queries). */
export async function countsByTable(db: Db, uploadId: number) {
  const rows = await db
    .selectFrom('return_finding as f')
    .select((eb) => [
      'f.table_name',
      ...typeCounts(eb),
      eb.fn.count<number>('f.child_ref').distinct().as('children'),
    ])
    .where('f.upload_id', '=', uploadId)
    .groupBy('f.table_name')
    .orderBy('f.table_name')
    .execute()
  return rows.map((r) => ({
    table: r.table_name,
    findings: Number(r.findings),
    errors: Number(r.errors),
    queries: Number(r.queries),
    children: Number(r.children),
  }))
}

/** Children with findings, most errors first, a page at a time. */
export async function countsByChild(db: Db, uploadId: number, limit: number, offset: number) {
  const grouped = db
    .selectFrom('return_finding as f')
    .select((eb) => ['f.child_ref', ...typeCounts(eb), eb.fn.count<number>('f.code').distinct().as('rules')])
    .where('f.upload_id', '=', uploadId)
    .where('f.child_ref', 'is not', null)
    .groupBy('f.child_ref')
  const [rows, total] = await Promise.all([
    grouped
      .orderBy('errors', 'desc')
      .orderBy('queries', 'desc')
      .orderBy('f.child_ref')
      .limit(limit)
      .offset(offset)
      .execute(),
    db
      .selectFrom('return_finding as f')
      .select((eb) => eb.fn.count<number>('f.child_ref').distinct().as('n'))
      .where('f.upload_id', '=', uploadId)
      .executeTakeFirstOrThrow(),
  ])
  return {
    rows: rows.map((r) => ({
      child: r.child_ref as string,
      findings: Number(r.findings),
      errors: Number(r.errors),
      queries: Number(r.queries),
      rules: Number(r.rules),
    })),
    total: Number(total.n),
  }
}

/** Uploads whose time is up and not yet deleted. */
export async function uploadsDueForDeletion(db: Db, now: Date) {
  return db
    .selectFrom('return_upload')
    .select(['id', 'status'])
    .where('deleted_at', 'is', null)
    .where('delete_after', '<=', now)
    .orderBy('id')
    .execute()
}

/**
 * Marks an upload deleted and removes its findings (they repeat the children's identifiers); the
 * row stays to say what was sent, by whom, and why it is gone. Null when it was already deleted.
 */
export async function markDeleted(
  trx: Db,
  id: number,
  d: { at: Date; by: number | null; reason: string },
): Promise<{ id: number } | undefined> {
  const row = await trx
    .updateTable('return_upload')
    .set({ deleted_at: d.at, deleted_by: d.by, deleted_reason: d.reason })
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .returning('id')
    .executeTakeFirst()
  if (row) await trx.deleteFrom('return_finding').where('upload_id', '=', id).execute()
  return row
}

/**
 * Haven's record of each child a census built from records names (its LAchildID, or the record's
 * id where it has none, as the export writes it), through people's published view.
 */
export async function recordsOfChildRefs(db: Db, refs: readonly string[]): Promise<Record<string, number>> {
  const wanted = [...new Set(refs)]
  if (wanted.length === 0) return {}
  const { rows } = await sql<{ ref: string; id: number | string }>`
    select coalesce(p.la_child_id, p.id::text) as ref, p.id
      from people_return_person_v p
     where p.deleted_at is null
       and coalesce(p.la_child_id, p.id::text) in (${sql.join(wanted)})
  `.execute(db)
  return Object.fromEntries(rows.map((r) => [r.ref, Number(r.id)]))
}
