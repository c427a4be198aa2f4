/**
 * The digest's published formats, one table for the command and the download route: each with
 * its media type and the writer that turns a `Digest` into the file's bytes. Every format
 * publishes counts under 5 as "<5" and figures that would give them away as "c".
 */
import { digestCsv, type Digest } from './model.js'
import { reportDocx } from './report-docx.js'
import { reportPdf } from './report-pdf.js'
import { committeeReport } from './report.js'
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
