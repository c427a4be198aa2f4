/**
 * Date arithmetic the CIN rules share: calendar offsets as the DfE validators take them
 * (a year or a month on from 31 March or 29 February lands on the last day of the month),
 * weekends, and working-day thresholds, computed once per date rather than once per child.
 */
import { dayOfWeek, type IsoDate, type WorkingCalendar } from '../../../../platform/calendar/working-days.js'

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

function daysIn(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
  return month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] as number)
}

function iso(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

/**
 * `date` moved by whole years and months (the day kept, or the month's last day when it has
 * fewer), then by `days`: 2000-02-29 plus 25 years is 2025-02-28; 2026-03-31 plus 4 months and
 * 31 days is 2026-08-31.
 */
export function shiftDate(date: IsoDate, years: number, months = 0, days = 0): IsoDate {
  const y = Number(date.slice(0, 4))
  const m = Number(date.slice(5, 7))
  const d = Number(date.slice(8, 10))
  const monthIndex = y * 12 + (m - 1) + years * 12 + months
  const year = Math.floor(monthIndex / 12)
  const month = monthIndex - year * 12 + 1
  const moved = iso(year, month, Math.min(d, daysIn(year, month)))
  if (days === 0) return moved
  const ms = Date.parse(`${moved}T00:00:00Z`) + days * 86_400_000
  return new Date(ms).toISOString().slice(0, 10)
}

/** Saturday or Sunday. */
export function isWeekend(date: IsoDate): boolean {
  const dow = dayOfWeek(date)
  return dow === 0 || dow === 6
}

const memo = new WeakMap<WorkingCalendar, Map<string, IsoDate>>()

function remembered(calendar: WorkingCalendar, key: string, compute: () => IsoDate): IsoDate {
  let dates = memo.get(calendar)
  if (!dates) memo.set(calendar, (dates = new Map()))
  let date = dates.get(key)
  if (date === undefined) dates.set(key, (date = compute()))
  return date
}

/** The working day `n` working days before `date` (1 April less one working day is 31 March 2025). */
export function workingDaysBefore(calendar: WorkingCalendar, date: IsoDate, n: number): IsoDate {
  return remembered(calendar, `before|${date}|${n}`, () => calendar.addWorkingDays(date, -n))
}

/**
 * The first day of the `n` working days that end on `end`, counted inclusively as the DfE does:
 * a date before it is "more than n working days before" `end`. An `end` that is not a working
 * day counts from the next working day, as the DfE validator's business-day offset rolls it.
 */
export function firstOfWorkingDaysEnding(calendar: WorkingCalendar, end: IsoDate, n: number): IsoDate {
  return remembered(calendar, `window|${end}|${n}`, () => {
    let last = end
    if (!calendar.isWorkingDay(last)) last = calendar.addWorkingDays(last, 1)
    return calendar.addWorkingDays(last, -(n - 1))
  })
}
