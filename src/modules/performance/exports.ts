/**
 * The digest's published formats, one table for the command and the download route: each with
 * its media type and the writer that turns a `Digest` into the file's bytes; and the download,
 * checked and audited. Every format publishes counts under 5 as "<5" and figures that would give
 * them away as "c".
 */
import { recordAuditAlone, type AuditContext } from '../../platform/audit/audit.js'
import type { Actor } from '../../platform/permissions/allow.js'
import { digestFor, type DigestDeps } from './digest.js'
import { areaLabel, digestCsv, type Area, type Digest } from './model.js'
import { reportDocx } from './report-docx.js'
import { reportPdf } from './report-pdf.js'
import { committeeReport, digestFileStem } from './report.js'
import { digestXlsx } from './xlsx.js'

export const DIGEST_FORMATS = ['csv', 'xlsx', 'docx', 'pdf'] as const
export type DigestFormat = (typeof DIGEST_FORMATS)[number]

export function isDigestFormat(text: unknown): text is DigestFormat {
  return typeof text === 'string' && (DIGEST_FORMATS as readonly string[]).includes(text)
}

export const DIGEST_MEDIA_TYPES: Record<DigestFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
}

/** What each format holds, in words for a usage line or a page. */
export const DIGEST_FORMAT_WORDS: Record<DigestFormat, string> = {
  csv: 'the figures as CSV',
  xlsx: 'the figures as an Excel workbook, a sheet per section',
  docx: 'the committee performance report as a Word document',
  pdf: 'the committee performance report as a PDF',
}

/** The digest written in `format`. */
export async function digestFile(d: Digest, format: DigestFormat): Promise<Buffer> {
  switch (format) {
    case 'csv':
      return Buffer.from(digestCsv(d), 'utf8')
    case 'xlsx':
      return digestXlsx(d)
    case 'docx':
      return reportDocx(committeeReport(d))
    case 'pdf':
      return reportPdf(committeeReport(d))
  }
}

/**
 * A digest written for a reader whose role lets them see performance figures: its bytes, media
 * type and file name. The download is audited (figures only, no child named) before a byte is
 * sent; a failed audit write stops it. Throws NotAllowedError for another role, and PeriodError,
 * CollectionYearError or AreaError for a period or area that is not one.
 */
export async function downloadDigest(
  deps: DigestDeps,
  actor: Actor,
  audit: AuditContext,
  input: { period: string; area: Area; format: DigestFormat },
): Promise<{ bytes: Buffer; mediaType: string; fileName: string }> {
  const digest = await digestFor(deps, actor, input)
  const bytes = await digestFile(digest, input.format)
  await recordAuditAlone(deps.db, audit, {
    action: 'performance.digest_download',
    outcome: 'allowed',
    recordType: 'digest',
    recordId: `${digest.period.label} ${areaLabel(digest.area)}`,
    basis: 'performance.view',
    detail: { period: digest.period.label, area: areaLabel(digest.area), format: input.format },
  })
  return {
    bytes,
    mediaType: DIGEST_MEDIA_TYPES[input.format],
    fileName: `${digestFileStem(digest)}.${input.format}`,
  }
}
