/**
 * Uploaded returns: sending one, the report's pages and downloads, and deletion (early, with a
 * reason, or when the retention period ends). The check itself runs in checker.ts.
 *
 * Audit: sending and deleting are audited here, in the transaction that makes the change; viewing
 * an upload and downloading its report are audited by the platform, through each route's subject.
 */
import { randomUUID } from 'node:crypto'
import { once } from 'node:events'
import { createWriteStream } from 'node:fs'
import { mkdir, rename, rm, stat } from 'node:fs/promises'
import { basename, dirname, join, relative } from 'node:path'
import { recordAudit, type AuditContext } from '../../../platform/audit/audit.js'
import type { Clock } from '../../../platform/calendar/clock.js'
import type { Config } from '../../../platform/config.js'
import type { Db } from '../../../platform/db/database.js'
import type { UploadedReturnFile } from '../../../platform/db/schema.js'
import { NotFoundError } from '../../../platform/http/errors.js'
import type { CurrentUser } from '../../../platform/http/request-context.js'
import { storedName, type ReceivedFile } from '../../../platform/http/uploads.js'
import { englandAndWales } from '../../../platform/calendar/working-days.js'
import { exportCinCensus } from '../cin-export/service.js'
import { parseCollectionYear, previousYear } from '../collection-year.js'
import { exportSsda903 } from '../ssda903-export/service.js'
import { Ssda903CsvWriter } from '../ssda903/read.js'
import { heldIn } from '../ssda903-export/model.js'
import type { Page } from '../../../platform/http/paged-list.js'
import type { Finding, RuleCount, ValidationSummary } from '../engine.js'
import { csvFinding, csvHead } from '../report.js'
import {
  deleteAfter,
  RETURN_KINDS,
  type FindingFilter,
  type ReportView,
  type UploadAnswers,
} from './model.js'
import {
  countsByChild,
  countsByTable,
  findingsAfter,
  findingsPage,
  insertUpload,
  markDeleted,
  recordsOfChildRefs,
  uploadById,
  uploadsDueForDeletion,
  type FindingRow,
  type UploadRow,
} from './store.js'

export interface ReturnsDeps {
  db: Db
  config: Config
  clock: Clock
}

/** The folder an upload's files are kept in. */
export function uploadFolder(config: Config, id: number): string {
  return join(config.returns.uploadDir, String(id))
}

/** A fresh folder for a post's files before it is known to be good (removed if it is not). */
export function incomingFolder(config: Config, requestId: string): string {
  return join(config.returns.uploadDir, 'incoming', requestId.replace(/[^A-Za-z0-9-]/g, ''))
}

/**
 * Records an upload whose answers and files were checked, and moves its files into its own folder,
 * in one transaction: if the move fails nothing is recorded. Returns its id.
 */
export async function sendUpload(
  deps: ReturnsDeps,
  user: CurrentUser,
  audit: AuditContext,
  answers: UploadAnswers,
  received: { folder: string; files: readonly ReceivedFile[] },
  options: { fromRecords?: boolean } = {},
): Promise<number> {
  const at = deps.clock.now()
  const files: UploadedReturnFile[] = received.files.map((f) => ({
    name: f.name,
    stored: f.stored,
    bytes: f.bytes,
    year: f.field === 'previous' ? 'previous' : 'current',
  }))
  await mkdir(deps.config.returns.uploadDir, { recursive: true })
  return deps.db.transaction().execute(async (trx) => {
    const id = await insertUpload(trx, {
      kind: answers.kind,
      year: answers.year,
      uploadedBy: user.id,
      at,
      files,
      deleteAfter: deleteAfter(at, deps.config.returns.keepDays),
      fromRecords: options.fromRecords === true,
    })
    await recordAudit(trx, audit, {
      action: 'return_upload.create',
      outcome: 'allowed',
      recordType: 'return_upload',
      recordId: id,
      detail: {
        return: answers.kind,
        year: answers.year,
        files: files.length,
        bytes: files.reduce((n, f) => n + f.bytes, 0),
        ...(options.fromRecords ? { fromRecords: true } : {}),
      },
    })
    // A folder already there is left from a database since emptied: no row of this one owns it.
    await rm(uploadFolder(deps.config, id), { recursive: true, force: true })
    await rename(received.folder, uploadFolder(deps.config, id))
    return id
  })
}

/** Haven cannot build a census: the authority's DfE number is not configured. */
export class NoAuthorityNumberError extends Error {}

/**
 * Builds the year's CIN census from Haven's records (audited as an export) and sends it to be
 * checked like an uploaded return, saying it was built from records. Returns the upload's id.
 * Nothing is kept if the export fails.
 */
export async function sendCinCensusFromRecords(
  deps: ReturnsDeps,
  user: CurrentUser,
  audit: AuditContext,
  year: string,
): Promise<number> {
  const laNumber = deps.config.returns.authorityLaNumber
  if (laNumber === null)
    throw new NoAuthorityNumberError(
      'Haven does not know the authority’s DfE number: ask the system administrator to set AUTHORITY_LA_NUMBER',
    )
  const folder = incomingFolder(deps.config, audit.requestId ?? randomUUID())
  const name = `cin-census-${year.replace('/', '-')}.xml`
  const stored = storedName(1, name)
  const path = join(folder, stored)
  try {
    await mkdir(folder, { recursive: true })
    const write = await exportCinCensus(deps.db, { role: user.role }, audit, {
      year: parseCollectionYear(year),
      laNumber,
      calendar: englandAndWales,
    })
    const out = createWriteStream(path)
    const finished = once(out, 'finish')
    await write(out)
    out.end()
    await finished
    const { size } = await stat(path)
    return await sendUpload(
      deps,
      user,
      audit,
      { kind: 'cin', year },
      { folder, files: [{ field: 'files', name, path, stored, bytes: size }] },
      { fromRecords: true },
    )
  } catch (err) {
    await rm(folder, { recursive: true, force: true })
    throw err
  }
}

/**
 * Builds the year's SSDA903 from Haven's records (audited as an export), this year's tables and
 * last year's as Haven's records now give them, and sends them to be checked like an uploaded
 * return, saying they were built from records. Returns the upload's id. Nothing is kept if the
 * export fails.
 */
export async function sendSsda903FromRecords(
  deps: ReturnsDeps,
  user: CurrentUser,
  audit: AuditContext,
  year: string,
): Promise<number> {
  const folder = incomingFolder(deps.config, audit.requestId ?? randomUUID())
  const tables = join(folder, 'tables')
  try {
    await mkdir(folder, { recursive: true })
    const collectionYear = parseCollectionYear(year)
    const build = await exportSsda903(deps.db, { role: user.role }, audit, {
      year: collectionYear,
      previous: previousYear(collectionYear),
    })
    // Straight to the files, a batch of children at a time.
    const csv = await Ssda903CsvWriter.open(tables, {
      current: heldIn(collectionYear),
      previous: heldIn(previousYear(collectionYear)),
    })
    try {
      await build(csv)
    } catch (err) {
      await csv.abort()
      throw err
    }
    const written = await csv.close()
    // The tables become the upload's files: last year's sent as `previous`, as on the form.
    const files: ReceivedFile[] = []
    for (const path of written) {
      const lastYear = dirname(relative(tables, path)) === 'previous'
      const name = `${lastYear ? 'previous-' : ''}${basename(path)}`
      const stored = storedName(files.length + 1, name)
      await rename(path, join(folder, stored))
      const { size } = await stat(join(folder, stored))
      files.push({
        field: lastYear ? 'previous' : 'files',
        name,
        path: join(folder, stored),
        stored,
        bytes: size,
      })
    }
    await rm(tables, { recursive: true, force: true })
    return await sendUpload(
      deps,
      user,
      audit,
      { kind: 'ssda903', year },
      { folder, files },
      { fromRecords: true },
    )
  } catch (err) {
    await rm(folder, { recursive: true, force: true })
    throw err
  }
}

/**
 * Marks an upload deleted and removes its findings, audited in the same transaction, then removes
 * its folder. False when it was already deleted.
 */
async function deleteOne(
  deps: ReturnsDeps,
  id: number,
  who: { audit: AuditContext; by: number | null },
  reason: string,
  detail: Record<string, unknown>,
): Promise<boolean> {
  const deleted = await deps.db.transaction().execute(async (trx) => {
    const row = await markDeleted(trx, id, { at: deps.clock.now(), by: who.by, reason })
    if (row)
      await recordAudit(trx, who.audit, {
        action: 'return_upload.delete',
        outcome: 'allowed',
        recordType: 'return_upload',
        recordId: id,
        detail,
      })
    return row !== undefined
  })
  if (deleted) await rm(uploadFolder(deps.config, id), { recursive: true, force: true })
  return deleted
}

/** Deletes an upload's files and findings before their time, saying why. */
export async function deleteUpload(
  deps: ReturnsDeps,
  user: CurrentUser,
  audit: AuditContext,
  id: number,
  reason: string,
): Promise<void> {
  if (!(await deleteOne(deps, id, { audit, by: user.id }, reason, { reason })))
    throw new NotFoundError('This upload has already been deleted')
}

/** Haven itself, in the audit trail, for what it does on its own (the retention period ending). */
const HAVEN_ITSELF: AuditContext = { userId: null, username: null, requestId: null }

/**
 * Deletes the files and findings of every upload whose retention period has ended, each in its
 * own transaction with its audit row, then its folder. Returns how many were deleted.
 */
export async function deleteExpiredUploads(deps: ReturnsDeps): Promise<number> {
  const keepDays = deps.config.returns.keepDays
  const reason = `Kept for ${keepDays} days, then deleted (the retention period, RETURN_UPLOAD_KEEP_DAYS)`
  let deleted = 0
  for (const { id } of await uploadsDueForDeletion(deps.db, deps.clock.now()))
    if (
      await deleteOne(deps, id, { audit: HAVEN_ITSELF, by: null }, reason, {
        reason: 'retention period ended',
        keepDays,
      })
    )
      deleted++
  return deleted
}

export async function loadUpload(deps: ReturnsDeps, id: number): Promise<UploadRow> {
  const upload = await uploadById(deps.db, id)
  if (!upload) throw new NotFoundError('No such upload')
  return upload
}

/** The summary a check stored, typed (null until the check is done). */
export function summaryOf(upload: UploadRow): (ValidationSummary & { readProblemsNotShown?: number }) | null {
  return upload.summary as (ValidationSummary & { readProblemsNotShown?: number }) | null
}

export const FINDINGS_PAGE_SIZE = 50
export const CHILDREN_PAGE_SIZE = 50

/** What the report page shows for the view asked for. */
export async function reportView(
  deps: ReturnsDeps,
  upload: UploadRow,
  view: ReportView,
  filter: FindingFilter,
  page: Page,
) {
  const summary = summaryOf(upload)
  if (upload.status !== 'checked' || upload.deleted_at || !summary) return { view, summary }
  const rules: RuleCount[] = summary.counts.filter((c) => c.findings > 0 || c.couldNotEvaluate > 0)
  const tables = await countsByTable(deps.db, upload.id)
  switch (view) {
    case 'rules':
      return { view, summary, rules, tables }
    case 'tables':
      return { view, summary, rules, tables }
    case 'children': {
      const children = await countsByChild(deps.db, upload.id, page.size, page.offset)
      return {
        view,
        summary,
        rules,
        tables,
        children,
        records: await recordsOf(
          deps,
          upload,
          children.rows.map((c) => c.child),
        ),
      }
    }
    case 'findings': {
      const findings = await findingsPage(deps.db, upload.id, filter, page.size, page.offset)
      return {
        view,
        summary,
        rules,
        tables,
        findings,
        records: await recordsOf(
          deps,
          upload,
          findings.rows.map((f) => f.child_ref),
        ),
      }
    }
  }
}

/** For a census built from records, the record behind each child on the page, to link to. */
async function recordsOf(deps: ReturnsDeps, upload: UploadRow, refs: readonly (string | null)[]) {
  if (!upload.from_records) return {}
  return recordsOfChildRefs(
    deps.db,
    refs.filter((r): r is string => r !== null),
  )
}

/** A stored finding as the report writers take it. */
export function asFinding(r: FindingRow): Finding {
  const f: Finding = {
    childId: r.child_ref,
    table: r.table_name,
    row: r.row_number,
    fields: r.fields,
    code: r.code,
    type: r.rule_type,
    message: r.message,
  }
  if (r.line !== null) f.line = r.line
  if (r.detail !== null) f.detail = r.detail
  if (r.could_not_evaluate) f.couldNotEvaluate = true
  return f
}

const DOWNLOAD_BATCH = 5_000

/** The filtered findings, in order, read from the database a batch at a time. */
export async function* storedFindings(
  deps: ReturnsDeps,
  uploadId: number,
  filter: FindingFilter,
): AsyncGenerator<Finding> {
  let after = 0
  for (;;) {
    const rows = await findingsAfter(deps.db, uploadId, filter, after, DOWNLOAD_BATCH)
    for (const r of rows) yield asFinding(r)
    if (rows.length < DOWNLOAD_BATCH) return
    after = (rows[rows.length - 1] as FindingRow).seq
  }
}

/** The report as CSV (the layout of `haven returns validate --format csv`), for the findings filtered. */
export async function* reportCsv(
  deps: ReturnsDeps,
  upload: UploadRow,
  filter: FindingFilter,
): AsyncGenerator<string> {
  const summary = summaryOf(upload)
  if (!summary) return
  yield* csvHead(summary)
  let batch = ''
  for await (const f of storedFindings(deps, upload.id, filter)) {
    batch += csvFinding(f)
    if (batch.length > 1 << 16) {
      yield batch
      batch = ''
    }
  }
  if (batch) yield batch
}

/** A download's file name: `ssda903-2026-27-upload-12.csv`. */
export function downloadName(upload: UploadRow, extension: 'csv' | 'xlsx'): string {
  return `${upload.return_kind}-${upload.collection_year.replace('/', '-')}-upload-${upload.id}.${extension}`
}

export function kindName(upload: Pick<UploadRow, 'return_kind'>): string {
  return RETURN_KINDS[upload.return_kind].name
}
