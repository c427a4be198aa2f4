/** Field shapes the people module's forms share: optional text, checkboxes, date boxes, reasons. */
import { z } from 'zod'
import { dateFromParts } from '../../platform/calendar/dates.js'

/** Reports a problem with one field of a form. */
export type Issue = (path: string, message: string) => void

/** Optional text up to `max` characters; empty becomes null. */
export const text = (max: number, tooLong: string) =>
  z
    .string()
    .trim()
    .max(max, tooLong)
    .optional()
    .transform((v) => v || null)
export const checkboxes = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter(Boolean))

export const dateParts = (name: string) => ({
  [`${name}-day`]: z.string().max(10).optional().default(''),
  [`${name}-month`]: z.string().max(10).optional().default(''),
  [`${name}-year`]: z.string().max(10).optional().default(''),
})

export type Parts = Record<string, string | undefined>

/** The date in `name`'s three boxes: 'empty', null for not a real date, or YYYY-MM-DD. */
export function partsDate(f: Parts, name: string): string | null | 'empty' {
  const parts = [f[`${name}-day`] ?? '', f[`${name}-month`] ?? '', f[`${name}-year`] ?? '']
  if (parts.every((p) => p.trim() === '')) return 'empty'
  return dateFromParts(...(parts as [string, string, string]))
}

export const reasonText = (what: string) =>
  z
    .string({ error: `Enter why ${what}` })
    .trim()
    .min(3, `Enter why ${what}`)
    .max(500, 'The reason must be 500 characters or fewer')

/** Why something is deleted or removed: every soft delete says why. */
export const reasonSchema = (what: string) => z.object({ reason: reasonText(what) })
