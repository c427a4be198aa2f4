/**
 * GOV.UK-style form errors from a zod schema: one entry per field for the error summary (linking
 * to the field) and the same message inline.
 */
import type { z } from 'zod'

export interface FormErrors {
  /** For govukErrorSummary: [{ text, href: '#field' }] */
  list: { text: string; href: string }[]
  /** For each component's errorMessage: { field: { text } } */
  byField: Record<string, { text: string }>
}

export const NO_ERRORS: FormErrors = { list: [], byField: {} }

export function formErrors(error: z.ZodError, fieldIds: Record<string, string> = {}): FormErrors {
  const list: FormErrors['list'] = []
  const byField: FormErrors['byField'] = {}
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form')
    if (byField[field]) continue // first message per field, as the design system asks
    byField[field] = { text: issue.message }
    list.push({ text: issue.message, href: `#${fieldIds[field] ?? field}` })
  }
  return { list, byField }
}

export function singleError(field: string, text: string): FormErrors {
  return { list: [{ text, href: `#${field}` }], byField: { [field]: { text } } }
}
