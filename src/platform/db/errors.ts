/** What a database error means, the same from PGlite and from `pg`. */

/**
 * A unique index refused the row (SQLSTATE 23505); with `index`, only when it was that index. Two
 * transactions can both find no clash and both insert: the index is what stops the second.
 */
export function isUniqueViolation(err: unknown, index?: string): boolean {
  const e = err as { code?: unknown; constraint?: unknown } | null
  if (e?.code !== '23505') return false
  return index === undefined || e.constraint === index
}
