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
