/**
 * Documents on a child's record: the rules, pure. The kinds of document, who may delete one, and
 * the forms' schemas (who reads them is the platform's casework rule, as for case notes). No I/O.
 */
import { z } from 'zod'
import { dateFromParts, londonToday } from '../../platform/calendar/dates.js'
import type { DocumentType } from '../../platform/db/schema.js'
import { LONG_ANSWER_MAX, longAnswer, SHORT_ANSWER_MAX } from '../../platform/http/form.js'

export interface Code<T extends string = string> {
  code: T
  label: string
}

export const DOCUMENT_TYPES: readonly Code<DocumentType>[] = [
  { code: 'letter', label: 'Letter' },
  { code: 'report', label: 'Report' },
  { code: 'conference_minutes', label: 'Conference minutes' },
  { code: 'plan_for_parents', label: 'Plan for parents' },
  { code: 'assessment', label: 'Assessment' },
  { code: 'court_document', label: 'Court document' },
  { code: 'other', label: 'Other' },
]

export function typeLabel(code: string | null | undefined): string {
  return DOCUMENT_TYPES.find((t) => t.code === code)?.label ?? code ?? ''
}

// ---------------------------------------------------------------------------------------------
// Who deletes (who reads them is the platform's casework rule, permissions/casework.ts)

export type Permission = { allowed: true } | { allowed: false; reason: string }

/**
 * Deleting (softly, with a reason; the document and its files kept): the person who uploaded it,
 * or a manager of the child's case. Never twice.
 */
export function mayDelete(
  doc: { uploadedBy: number; deletedAt: Date | null },
  actorId: number,
  managesCase: boolean,
): Permission {
  if (doc.deletedAt !== null) return { allowed: false, reason: 'This document has already been deleted.' }
  if (managesCase || doc.uploadedBy === actorId) return { allowed: true }
  return {
    allowed: false,
    reason: 'Only the person who uploaded a document, or a manager of the case, can delete it.',
  }
}

/** A new version: not of a deleted document. */
export function mayAddVersion(doc: { deletedAt: Date | null }): Permission {
  return doc.deletedAt === null
    ? { allowed: true }
    : { allowed: false, reason: 'This document has been deleted: a new version cannot be added.' }
}

// ---------------------------------------------------------------------------------------------
// The forms

export interface DocumentChild {
  id: number
  name: string
}

export interface DocumentInput {
  type: DocumentType
  title: string
  documentDate: string
  /** Brothers and sisters it is put on too. */
  siblingIds: number[]
}

export const DOCUMENT_FIELD_IDS = { documentDate: 'date-day', type: 'type' } as const

const text = z.string().trim().optional().default('')

/**
 * A document's details: its kind, a title, the date it bears (not in the future) and the brothers
 * and sisters it goes on too (only those offered). The file is checked by the upload; every answer
 * is checked in one pass, so the error summary lists every problem at once.
 */
export function documentSchema(now: Date, siblings: readonly DocumentChild[]) {
  return z
    .object({
      type: text,
      title: text,
      'date-day': text,
      'date-month': text,
      'date-year': text,
      siblings: z.union([z.string(), z.array(z.string())]).optional(),
    })
    .transform((v, ctx) => {
      const type = DOCUMENT_TYPES.find((t) => t.code === v.type)?.code
      if (!type)
        ctx.addIssue({ code: 'custom', path: ['type'], message: 'Select what kind of document it is' })
      if (v.title === '')
        ctx.addIssue({ code: 'custom', path: ['title'], message: 'Enter a title for the document' })
      else if (v.title.length > SHORT_ANSWER_MAX)
        ctx.addIssue({
          code: 'custom',
          path: ['title'],
          message: `The title must be ${SHORT_ANSWER_MAX} characters or fewer`,
        })
      let documentDate: string | null = null
      const [d, m, y] = [v['date-day'], v['date-month'], v['date-year']]
      if (d === '' && m === '' && y === '')
        ctx.addIssue({ code: 'custom', path: ['date-day'], message: 'Enter the date of the document' })
      else {
        documentDate = dateFromParts(d, m, y)
        if (documentDate === null)
          ctx.addIssue({
            code: 'custom',
            path: ['date-day'],
            message: 'Date of the document must be a real date',
          })
        else if (documentDate > londonToday(now)) {
          ctx.addIssue({
            code: 'custom',
            path: ['date-day'],
            message: 'Date of the document must be today or in the past',
          })
          documentDate = null
        }
      }
      const chosen = v.siblings === undefined ? [] : [v.siblings].flat()
      const offered = new Set(siblings.map((s) => String(s.id)))
      if (chosen.some((id) => !offered.has(id)))
        ctx.addIssue({
          code: 'custom',
          path: ['siblings'],
          message: 'Select only children shown on this page',
        })
      if (!type || v.title === '' || v.title.length > SHORT_ANSWER_MAX || documentDate === null)
        return z.NEVER
      return {
        type,
        title: v.title,
        documentDate,
        siblingIds: siblings.filter((s) => chosen.includes(String(s.id))).map((s) => s.id),
      }
    })
}

/** A new version's answers: what changed, optional. */
export const versionSchema = z.object({
  changeNote: z
    .string()
    .trim()
    .max(
      LONG_ANSWER_MAX,
      `What changed must be ${LONG_ANSWER_MAX.toLocaleString('en-GB')} characters or fewer`,
    )
    .optional()
    .default(''),
})

export const deleteSchema = z.object({
  reason: longAnswer('The reason', 'Enter why this document is being deleted'),
})

/**
 * The file name a download is offered under: the name it was uploaded with, as a header can carry
 * it. `ascii` is the plain fallback (`filename=`), `encoded` the full name (`filename*=UTF-8''`).
 */
export function contentDisposition(name: string): string {
  const clean = name.replace(/[\r\n"\\/]/g, '_').trim() || 'document'
  const ascii = clean.replace(/[^\x20-\x7e]/g, '_')
  const encoded = encodeURIComponent(clean).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  )
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`
}
