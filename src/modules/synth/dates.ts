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

const dayNumbers = new Map<IsoDate, number>()
const dayTexts = new Map<number, IsoDate>()
const workingDayFlags = new Map<number, boolean>()

export function toDayNumber(date: IsoDate): number {
  let n = dayNumbers.get(date)
  if (n === undefined) {
    n = calendarDayNumber(date)
    dayNumbers.set(date, n)
  }
  return n
}

export function dayText(n: number): IsoDate {
  let text = dayTexts.get(n)
  if (text === undefined) {
    text = fromDayNumber(n)
    dayTexts.set(n, text)
  }
  return text
}

export function isWorkingDay(n: number): boolean {
  let flag = workingDayFlags.get(n)
  if (flag === undefined) {
    flag = englandAndWales.isWorkingDay(dayText(n))
    workingDayFlags.set(n, flag)
  }
  return flag
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
