/**
 * How a clock's due time reads on a page, the same on the MASH queue, the triage page and every
 * worklist: "due by 5:00pm today" and "3 working hours left" for a clock due at a time of day (the
 * front door's, in working hours), the date and working days for one due by the end of a day.
 */
import { endOfLondonDay, londonDate, workingMsBetween } from './clocks.js'
import { addCalendarDays, type WorkingCalendar } from './working-days.js'

const TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hour: 'numeric',
  minute: '2-digit',
  hourCycle: 'h12',
})
const DATE = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
})

/** "5:00pm" in London. */
export function londonTime(at: Date): string {
  return TIME.format(at).replace(/\s/g, '').toLowerCase()
}

export interface DueDescription {
  /** "5:00pm today", "5:00pm tomorrow", "5:00pm on 27 May 2026", or "27 May 2026" for a whole day. */
  dueBy: string
  /** "3 working hours left", "45 working minutes left", "2 working hours overdue", "due in 3 working days". */
  left: string
  /** Due by the end of a day rather than at a time of day. */
  wholeDay: boolean
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`
}

/** Working days phrase, as the worklists have always shown it. */
function daysPhrase(days: number): string {
  if (days === 0) return 'due today'
  const n = plural(Math.abs(days), 'working day')
  return days > 0 ? `due in ${n}` : `${n} overdue`
}

/**
 * The due time of a clock and the working time left at `now`. A clock due at a time of day counts
 * working hours (within the calendar's opening hours) up to two working days either side, and
 * working days beyond that, so a clock weeks overdue does not read as hundreds of hours.
 */
export function describeDue(dueAt: Date, now: Date, calendar: WorkingCalendar): DueDescription {
  const dueMs = dueAt.getTime()
  const dueDate = londonDate(dueMs)
  const today = londonDate(now.getTime())
  const days = calendar.workingDaysBetween(today, dueDate)
  if (dueMs === endOfLondonDay(dueDate))
    return { dueBy: DATE.format(dueAt), left: daysPhrase(days), wholeDay: true }
  const time = londonTime(dueAt)
  const dueBy =
    dueDate === today
      ? `${time} today`
      : dueDate === addCalendarDays(today, 1)
        ? `${time} tomorrow`
        : `${time} on ${DATE.format(dueAt)}`
  if (Math.abs(days) > 2) return { dueBy, left: daysPhrase(days), wholeDay: false }
  const ms = workingMsBetween(now.getTime(), dueMs, calendar)
  const minutes = Math.floor(Math.abs(ms) / 60_000)
  const amount =
    minutes < 60 ? plural(minutes, 'working minute') : plural(Math.floor(minutes / 60), 'working hour')
  if (now.getTime() <= dueMs)
    return { dueBy, left: minutes === 0 ? 'due now' : `${amount} left`, wholeDay: false }
  return { dueBy, left: minutes === 0 ? 'overdue' : `${amount} overdue`, wholeDay: false }
}
