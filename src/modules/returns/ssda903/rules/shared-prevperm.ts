/**
 * DATE_PERM, the date of a previous permanence order, may be only partly known: the DfE lets
 * any of its day, month or year be written as ZZ (ZZZZ for the year). Haven's model reads such
 * a cell as no date (it is not DD/MM/YYYY), so the previous permanence rules read the text here.
 */
import type { IsoDate } from '../../../../platform/calendar/working-days.js'

const PARTIAL = /^(\d{1,2}|ZZ)\/(\d{1,2}|ZZ)\/(\d{4}|ZZZZ)$/

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28
  return [4, 6, 9, 11].includes(month) ? 30 : 31
}

function iso(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

/**
 * A DATE_PERM cell: `valid` when it is a date with any parts given as ZZ that could be a real
 * day; `latest`, the last day it can stand for (ZZ day: the month's last day; ZZ month:
 * December), or null when the year is not known (then it cannot be compared).
 */
export function readPermanenceDate(text: string): { valid: boolean; latest: IsoDate | null } {
  const m = PARTIAL.exec(text.trim().toUpperCase())
  if (!m) return { valid: false, latest: null }
  const [, d, mo, y] = m as unknown as [string, string, string, string]
  const day = d === 'ZZ' ? null : Number(d)
  const month = mo === 'ZZ' ? null : Number(mo)
  const year = y === 'ZZZZ' ? null : Number(y)
  if (month !== null && (month < 1 || month > 12)) return { valid: false, latest: null }
  // A leap year stands in for an unknown year: 29/02/ZZZZ could be a real day.
  const maxDay = month === null ? 31 : daysIn(year ?? 2000, month)
  if (day !== null && (day < 1 || day > maxDay)) return { valid: false, latest: null }
  if (year === null) return { valid: true, latest: null }
  const lastMonth = month ?? 12
  return { valid: true, latest: iso(year, lastMonth, day ?? daysIn(year, lastMonth)) }
}
