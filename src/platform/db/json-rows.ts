/**
 * Rows read as JSON (kysely's `jsonArrayFrom`, for a page's sections in one statement) carry
 * timestamps as ISO text, because JSON has no time type. `withInstants` turns the named fields
 * back into `Date`s, as the type parsers do for ordinary columns, so a section reads the same
 * whichever way it was fetched.
 */
import { parseTimestamp } from './type-parsers.js'

export function withInstants<T extends object, K extends keyof T & string>(
  rows: readonly T[],
  fields: readonly K[],
): (Omit<T, K> & { [P in K]: Date | Extract<T[P], null> })[] {
  return rows.map((row) => {
    const out = { ...row } as Record<string, unknown>
    for (const field of fields) {
      const value = out[field]
      if (typeof value === 'string') out[field] = parseTimestamp(value)
    }
    return out as Omit<T, K> & { [P in K]: Date | Extract<T[P], null> }
  })
}
