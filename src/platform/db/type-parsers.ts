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

/** Parses PostgreSQL's ISO timestamp text; a value without an offset is taken as UTC. */
export function parseTimestamp(text: string): Date {
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
