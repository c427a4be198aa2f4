/**
 * Haven's one dates module: calendar dates as `YYYY-MM-DD`, London dates of instants, and ages.
 * Working days and statutory clocks build on these (working-days.ts, clocks.ts); everything else
 * imports from here rather than writing its own `addDays` or `ageOn`.
 */
import { londonDate } from './clocks.js'
import type { IsoDate } from './working-days.js'

export { addCalendarDays, dayOfWeek, type IsoDate } from './working-days.js'
export { addMonths, endOfLondonDay, londonDate, londonInstant } from './clocks.js'

/** Today's date in London: 23:30 UTC on 30 June is already 1 July there. */
export function londonToday(now: Date = new Date()): IsoDate {
  return londonDate(now.getTime())
}

/**
 * Age in whole years on a date. A child born on 29 February turns a year older on 1 March in a
 * year without one, as the law counts it in England.
 */
export function ageOn(dateOfBirth: IsoDate, date: IsoDate): number {
  let age = Number(date.slice(0, 4)) - Number(dateOfBirth.slice(0, 4))
  if (date.slice(5) < dateOfBirth.slice(5)) age -= 1
  return age
}

/** The date as YYYY-MM-DD from a GOV.UK date input's three boxes, or null when it is not a real date. */
export function dateFromParts(day: string, month: string, year: string): string | null {
  if (!/^\d{1,2}$/.test(day.trim()) || !/^\d{1,2}$/.test(month.trim()) || !/^\d{4}$/.test(year.trim()))
    return null
  const [d, m, y] = [Number(day), Number(month), Number(year)]
  const date = new Date(Date.UTC(y, m - 1, d))
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null
  return date.toISOString().slice(0, 10)
}

/** `iso` moved by whole years, 29 February landing on 28 February. */
export function addYears(iso: string, years: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number]
  const date = new Date(Date.UTC(y + years, m - 1, d))
  if (date.getUTCDate() !== d) date.setUTCDate(0)
  return date.toISOString().slice(0, 10)
}

// Made once: `toLocaleDateString` with options builds a new formatter at every call (about a
// tenth of a millisecond each, which the chronology's warnings paid several times a page).
const LONG_DATE = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
})

/** 1 January 2026 style, for messages. */
export function longDate(iso: string): string {
  return LONG_DATE.format(new Date(`${iso}T12:00:00Z`))
}

/**
 * True when a child born on `dateOfBirth` counts as of school age on `today`, as the DfE's
 * validators take it (903 rule 209, CIN 8770Q): born on or before 31 August six years before the
 * next 31 August.
 */
export function isOfSchoolAge(dateOfBirth: string, today: string): boolean {
  const year = Number(today.slice(0, 4))
  const nextAugust = today <= `${year}-08-31` ? year : year + 1
  return dateOfBirth <= `${nextAugust - 6}-08-31`
}
