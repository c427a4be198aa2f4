/**
 * Fast date sums for the generator, which does millions of them: parsing an ISO date each time
 * was most of its cost. These remember each day's number, its text, and whether the shared
 * calendar (platform/calendar) says it is a working day — a few thousand days in all — and step
 * through days exactly as the calendar's addWorkingDays does.
 */
import {
  englandAndWales,
  fromDayNumber,
  toDayNumber as calendarDayNumber,
  type IsoDate,
} from '../../platform/calendar/working-days.js'

// Days from 1 January 1900 to 31 December 2199: enough for any child, parent or care history.
const FIRST = calendarDayNumber('1900-01-01')
const SPAN = calendarDayNumber('2200-01-01') - FIRST
const texts: (IsoDate | undefined)[] = new Array<IsoDate | undefined>(SPAN)
// 0 not yet asked, 1 a working day, 2 not.
const working = new Uint8Array(SPAN)

/** Days since 1970-01-01 of an ISO date, by arithmetic (the generator makes only real dates). */
export function toDayNumber(date: IsoDate): number {
  const y0 = num4(date, 0)
  const m = num2(date, 5)
  const d = num2(date, 8)
  // Days from civil: count years from 1 March so the leap day comes last.
  const y = m <= 2 ? y0 - 1 : y0
  const era = Math.floor(y / 400)
  const yoe = y - era * 400
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
}

function num2(s: string, at: number): number {
  return (s.charCodeAt(at) - 48) * 10 + (s.charCodeAt(at + 1) - 48)
}

function num4(s: string, at: number): number {
  return num2(s, at) * 100 + num2(s, at + 2)
}

export function dayText(n: number): IsoDate {
  const i = n - FIRST
  if (i < 0 || i >= SPAN) return fromDayNumber(n)
  let text = texts[i]
  if (text === undefined) texts[i] = text = fromDayNumber(n)
  return text
}

/** Whether the shared calendar says day `n` is a working day (asked once per day). */
export function isWorkingDay(n: number): boolean {
  const i = n - FIRST
  if (i < 0 || i >= SPAN) return englandAndWales.isWorkingDay(fromDayNumber(n))
  let flag = working[i] as number
  if (flag === 0) working[i] = flag = englandAndWales.isWorkingDay(dayText(n)) ? 1 : 2
  return flag === 1
}

/** `count` working days after `date` (day 0 is the date itself), as `WorkingCalendar.addWorkingDays`. */
export function addWorkingDays(date: IsoDate, count: number): IsoDate {
  let day = toDayNumber(date)
  let left = count
  while (left > 0) {
    day += 1
    if (isWorkingDay(day)) left -= 1
  }
  return dayText(day)
}
