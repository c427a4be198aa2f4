/**
 * Haven's own date formatting for pages: always Europe/London, whatever the server's time zone
 * (MOJ's filter uses the process time zone, which is UTC on most servers).
 */
const LONDON_DATE = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
})
// hourCycle, not hour12: en-GB's 12-hour clock is h11, which reads noon and midnight as 0:30pm, 0:00am.
const LONDON_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hour: 'numeric',
  minute: '2-digit',
  hourCycle: 'h12',
})
const UTC_DATE = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
})

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

function toDate(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value)
}

/**
 * Words for dates, kept once made: a worklist shows the same few hundred dates on every request,
 * and Intl's formatting was a tenth of the MASH queue's time. Cleared when it grows large.
 */
const formatted = new Map<string, string>()
function remembered(key: string, make: () => string): string {
  let text = formatted.get(key)
  if (text === undefined) {
    if (formatted.size >= 20_000) formatted.clear()
    text = make()
    formatted.set(key, text)
  }
  return text
}

/** "5 March 2026". A `YYYY-MM-DD` string is a calendar date and is shown as it is. */
export function formatDate(value: Date | string | null | undefined): string {
  if (value === null || value === undefined || value === '') return ''
  if (typeof value === 'string' && ISO_DATE.test(value))
    return remembered(value, () => UTC_DATE.format(new Date(`${value}T00:00:00Z`)))
  const d = toDate(value)
  return remembered(`d${d.getTime()}`, () => LONDON_DATE.format(d))
}

/** "5 March 2026 at 2:05pm" in London time. */
export function formatDateTime(value: Date | string | null | undefined): string {
  if (value === null || value === undefined || value === '') return ''
  const d = toDate(value)
  return remembered(
    `t${d.getTime()}`,
    () => `${LONDON_DATE.format(d)} at ${LONDON_TIME.format(d).replace(' ', '').toLowerCase()}`,
  )
}

/** "due today", "due in 3 working days", "2 working days overdue". */
export function workingDaysPhrase(days: number): string {
  if (days === 0) return 'due today'
  const n = Math.abs(days)
  const unit = n === 1 ? 'working day' : 'working days'
  return days > 0 ? `due in ${n} ${unit}` : `${n} ${unit} overdue`
}
