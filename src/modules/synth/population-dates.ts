/** Calendar arithmetic the simulation uses: days, working days as the DfE counts them, birthdays, postcodes. */
import type { IsoDate } from '../../platform/calendar/dates.js'
import { addWorkingDays, dayText, isWorkingDay, toDayNumber } from './dates.js'
import type { Random } from './random.js'

export function days(date: IsoDate, n: number): IsoDate {
  return dayText(toDayNumber(date) + Math.round(n))
}

/** The date itself if a working day, else the next working day. */
export function workingDayOnOrAfter(date: IsoDate): IsoDate {
  return isWorkingDay(toDayNumber(date)) ? date : addWorkingDays(date, 1)
}

/** The date itself if a working day, else the working day before it. */
export function workingDayOnOrBefore(date: IsoDate): IsoDate {
  let day = toDayNumber(date)
  while (!isWorkingDay(day)) day -= 1
  return dayText(day)
}

/** The last day allowed by "within n working days of start", counted inclusively as the DfE does. */
export function withinWorkingDays(start: IsoDate, n: number): IsoDate {
  return addWorkingDays(workingDayOnOrAfter(start), n - 1)
}

export function workingDays(start: IsoDate, n: number): IsoDate {
  return addWorkingDays(workingDayOnOrAfter(start), n)
}

export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a < b ? a : b
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a > b ? a : b
}

export function birthday(dob: IsoDate, age: number): IsoDate {
  const y = Number(dob.slice(0, 4)) + age
  const md = dob.slice(5)
  // A child born on 29 February has their birthday on 1 March in a common year.
  if (md === '02-29' && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0))) return `${y}-03-01`
  return `${y}-${md}`
}

export function postcode(random: Random, district: string): string {
  const letters = 'ABDEFGHJLNPQRSTUWXYZ'
  return `${district} ${random.int(1, 9)}${random.pick([...letters])}${random.pick([...letters])}`
}

/** A postcode's sector: the district and the sector digit ('RM17 6'). */
export function partialPostcode(full: string): string {
  return full.slice(0, full.indexOf(' ') + 2)
}
