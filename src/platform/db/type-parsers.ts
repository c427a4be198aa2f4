/**
 * One set of type parsers for both drivers, so a value reads back the same from PGlite and from
 * `pg`: dates as `YYYY-MM-DD` strings (never shifted by a time zone), timestamps as UTC `Date`s,
 * 64-bit integers and numerics as numbers (counts are always numbers).
 */
export const OID = {
  int8: 20,
  numeric: 1700,
  date: 1082,
  timestamp: 1114,
  timestamptz: 1184,
  dateArray: 1182,
  int8Array: 1016,
} as const

const TIMESTAMP =
  /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(\.\d+)?(?:([+-])(\d{2})(?::?(\d{2}))?(?::?(\d{2}))?)?$/

const ZERO = 48

/** Two or four digits at a position, or NaN. */
function digits(text: string, at: number, count: 2 | 4): number {
  let n = 0
  for (let i = at; i < at + count; i++) {
    const d = text.charCodeAt(i) - ZERO
    if (d < 0 || d > 9) return Number.NaN
    n = n * 10 + d
  }
  return n
}

/**
 * The common case read without a regular expression, as a UTC session sends it:
 * `2026-11-23 14:03:30.123456+00` (the fraction optional). A worklist parses a few hundred of
 * these a page. Anything else (another offset, infinity, a far year) is left to the full reader.
 */
function utcMillis(text: string): number | null {
  const n = text.length
  if (n < 22 || !text.endsWith('+00') || text[4] !== '-' || text[7] !== '-' || text[10] !== ' ') return null
  if (text[13] !== ':' || text[16] !== ':') return null
  const year = digits(text, 0, 4)
  let millis = 0
  if (n > 22) {
    if (text[19] !== '.' || n < 24 || n > 29) return null
    for (let i = 20; i < 23; i++) {
      const d = i < n - 3 ? text.charCodeAt(i) - ZERO : 0
      if (d < 0 || d > 9) return null
      millis = millis * 10 + d
    }
    for (let i = 23; i < n - 3; i++) {
      const d = text.charCodeAt(i) - ZERO
      if (d < 0 || d > 9) return null
    }
  }
  const ms = Date.UTC(
    year,
    digits(text, 5, 2) - 1,
    digits(text, 8, 2),
    digits(text, 11, 2),
    digits(text, 14, 2),
    digits(text, 17, 2),
    millis,
  )
  return year >= 1000 && Number.isFinite(ms) ? ms : null
}

/** Parses PostgreSQL's ISO timestamp text; a value without an offset is taken as UTC. */
export function parseTimestamp(text: string): Date {
  const fast = utcMillis(text)
  if (fast !== null) return new Date(fast)
  if (text === 'infinity') return new Date(8.64e15)
  if (text === '-infinity') return new Date(-8.64e15)
  const m = TIMESTAMP.exec(text)
  if (!m) throw new Error(`Unreadable timestamp from the database: ${text}`)
  const [, day, time, fraction = '', sign, hh = '00', mm = '00', ss = '00'] = m
  const millis = fraction ? fraction.slice(1, 4).padEnd(3, '0') : '000'
  const base = Date.parse(`${day}T${time}.${millis}Z`)
  const offsetMs = sign
    ? (sign === '-' ? -1 : 1) * ((Number(hh) * 60 + Number(mm)) * 60 + Number(ss)) * 1000
    : 0
  return new Date(base - offsetMs)
}

/** Splits a one-dimensional PostgreSQL array literal of simple values, e.g. `{2026-01-01,NULL}`. */
export function parseSimpleArray<T>(text: string, item: (s: string) => T): (T | null)[] {
  if (text === '{}') return []
  return text
    .slice(1, -1)
    .split(',')
    .map((s) => (s === 'NULL' ? null : item(s.replace(/^"|"$/g, ''))))
}

export const parsers: Record<number, (text: string) => unknown> = {
  [OID.int8]: Number,
  [OID.numeric]: Number,
  [OID.date]: (s) => s,
  [OID.timestamp]: parseTimestamp,
  [OID.timestamptz]: parseTimestamp,
  [OID.dateArray]: (s) => parseSimpleArray(s, (x) => x),
  [OID.int8Array]: (s) => parseSimpleArray(s, Number),
}
