/**
 * The one calendar for every statutory clock in Haven: England and Wales bank holidays and
 * working-day arithmetic. Dates are ISO `YYYY-MM-DD` strings (the form both database drivers
 * return) so nothing here depends on the process time zone.
 */
import bundled from '../../../reference/bank-holidays-england-and-wales.json' with { type: 'json' }

export type IsoDate = string

export interface BankHoliday {
  date: IsoDate
  title: string
}

/** An override from the `bank_holiday_override` table: add a day (a new proclamation) or remove one. */
export interface BankHolidayOverride {
  date: IsoDate
  title: string
  isHoliday: boolean
}

// Day numbers count days since 1970-01-01 in the proleptic Gregorian calendar. They are worked
// out arithmetically (the civil-from-days method) rather than through Date: the returns rules
// call these for every child, and the Date round trip was the hot spot.

function digit(text: string, at: number): number {
  const d = text.charCodeAt(at) - 48
  return d >= 0 && d <= 9 ? d : NaN
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31
}

export function toDayNumber(date: IsoDate): number {
  if (date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) {
    throw new RangeError(`Not an ISO date: ${date}`)
  }
  const y = digit(date, 0) * 1000 + digit(date, 1) * 100 + digit(date, 2) * 10 + digit(date, 3)
  const m = digit(date, 5) * 10 + digit(date, 6)
  const d = digit(date, 8) * 10 + digit(date, 9)
  if (Number.isNaN(y + m + d)) throw new RangeError(`Not an ISO date: ${date}`)
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) throw new RangeError(`Not a real date: ${date}`)
  const yy = m <= 2 ? y - 1 : y
  const era = Math.floor(yy / 400)
  const yearOfEra = yy - era * 400
  const dayOfYear = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear
  return era * 146_097 + dayOfEra - 719_468
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n))

export function fromDayNumber(day: number): IsoDate {
  const z = day + 719_468
  const era = Math.floor(z / 146_097)
  const dayOfEra = z - era * 146_097
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  )
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100))
  const mp = Math.floor((5 * dayOfYear + 2) / 153)
  const d = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1
  const m = mp < 10 ? mp + 3 : mp - 9
  const y = yearOfEra + era * 400 + (m <= 2 ? 1 : 0)
  if (y < 0 || y > 9999) throw new RangeError(`Day ${day} is outside the years 0000–9999`)
  return `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`
}

export function addCalendarDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days)
}

/** 0 = Sunday … 6 = Saturday */
export function dayOfWeek(date: IsoDate): number {
  return (toDayNumber(date) + 4) % 7 // 1970-01-01 was a Thursday
}

/** Weekdays (Monday to Friday) from an arbitrary Monday epoch up to and including day number `day`. */
function weekdaysUpTo(day: number): number {
  const sinceMonday = day + 3 // day 0 (1970-01-01) was a Thursday: day -3 was a Monday
  const weeks = Math.floor(sinceMonday / 7)
  const rest = sinceMonday - weeks * 7 // 0 = Monday … 6 = Sunday
  return weeks * 5 + Math.min(rest + 1, 5)
}

/**
 * The authority's opening and close of business, London wall-clock times like `09:00`: the
 * front door's clocks count working hours inside them and fall due at the close.
 */
export interface WorkingHours {
  opensAt: string
  closesAt: string
}

export const DEFAULT_WORKING_HOURS: WorkingHours = { opensAt: '09:00', closesAt: '17:00' }

/** Minutes after midnight of a `HH:MM` time; throws on anything else. */
export function minutesOfDay(time: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time)
  if (match === null) throw new RangeError(`Not a time like 09:00: ${time}`)
  return Number(match[1]) * 60 + Number(match[2])
}

/** Checks a working day's hours: real times, opening before the close. */
export function checkWorkingHours(hours: WorkingHours): WorkingHours {
  if (minutesOfDay(hours.opensAt) >= minutesOfDay(hours.closesAt))
    throw new RangeError(`Opening (${hours.opensAt}) must be before close of business (${hours.closesAt})`)
  return hours
}

export class WorkingCalendar {
  readonly #holidays: Map<IsoDate, string>
  /** Opening and close of business on a working day. */
  readonly hours: WorkingHours
  /** Day numbers of bank holidays falling on weekdays, ascending: for counting without a loop. */
  readonly #weekdayHolidays: number[]

  constructor(
    holidays: readonly BankHoliday[],
    overrides: readonly BankHolidayOverride[] = [],
    hours: WorkingHours = DEFAULT_WORKING_HOURS,
  ) {
    this.hours = checkWorkingHours(hours)
    this.#holidays = new Map(holidays.map((h) => [h.date, h.title]))
    for (const o of overrides) {
      if (o.isHoliday) this.#holidays.set(o.date, o.title)
      else this.#holidays.delete(o.date)
    }
    this.#weekdayHolidays = [...this.#holidays.keys()]
      .filter((d) => dayOfWeek(d) !== 0 && dayOfWeek(d) !== 6)
      .map(toDayNumber)
      .sort((a, b) => a - b)
  }

  bankHoliday(date: IsoDate): string | undefined {
    return this.#holidays.get(date)
  }

  isWorkingDay(date: IsoDate): boolean {
    const dow = dayOfWeek(date)
    return dow !== 0 && dow !== 6 && !this.#holidays.has(date)
  }

  /**
   * The date `days` working days after `date` (before it when negative). Day 0 is the start
   * date itself, so a 1-working-day decision on a contact received on Friday is due on Monday.
   */
  addWorkingDays(date: IsoDate, days: number): IsoDate {
    if (!Number.isInteger(days)) throw new RangeError(`Working days must be whole: ${days}`)
    let day = toDayNumber(date)
    const step = days < 0 ? -1 : 1
    let left = Math.abs(days)
    while (left > 0) {
      day += step
      if (this.isWorkingDay(fromDayNumber(day))) left -= 1
    }
    return fromDayNumber(day)
  }

  /**
   * Working days from `start` to `end`, counting `end` but not `start` (so the next working day
   * is 1). Negative when `end` is before `start`. This is the count used for "within N working
   * days" in Working Together; the DfE's inclusive count is `workingDaysInclusive`.
   */
  workingDaysBetween(start: IsoDate, end: IsoDate): number {
    const a = toDayNumber(start)
    const b = toDayNumber(end)
    // + 0 turns -0 into 0, so a count of none is the same number either way round
    if (b < a) return -this.workingDaysBetween(end, start) + 0
    return weekdaysUpTo(b) - weekdaysUpTo(a) - (this.#holidaysUpTo(b) - this.#holidaysUpTo(a))
  }

  /** How many weekday bank holidays fall on or before day number `day`. */
  #holidaysUpTo(day: number): number {
    const list = this.#weekdayHolidays
    let lo = 0
    let hi = list.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if ((list[mid] as number) <= day) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  /** Working days in the closed range [start, end], as the DfE's validators count them. */
  workingDaysInclusive(start: IsoDate, end: IsoDate): number {
    if (toDayNumber(end) < toDayNumber(start)) return 0
    return this.workingDaysBetween(start, end) + (this.isWorkingDay(start) ? 1 : 0)
  }
}

export const BUNDLED_BANK_HOLIDAYS: readonly BankHoliday[] = bundled.events

/** The bundled England and Wales calendar, without database overrides (for pure code and tests). */
export const englandAndWales = new WorkingCalendar(BUNDLED_BANK_HOLIDAYS)
