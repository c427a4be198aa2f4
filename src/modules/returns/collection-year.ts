/**
 * A DfE collection year, written as the DfE writes it: `2025/26` is the year from
 * 1 April 2025 to 31 March 2026, and the census reference date is that 31 March.
 * Both the CIN census and the SSDA903 return use the same year.
 */
import type { IsoDate } from '../../platform/calendar/working-days.js'

export interface CollectionYear {
  /** `2025/26` */
  label: string
  /** First day of the year: 1 April. */
  start: IsoDate
  /** Last day of the year: 31 March. */
  end: IsoDate
  /** The census reference date (the header's ReferenceDate): 31 March, the same day as `end`. */
  referenceDate: IsoDate
}

export class CollectionYearError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'CollectionYearError'
  }
}

const LABEL = /^(\d{4})\/(\d{2})$/

export function parseCollectionYear(text: string): CollectionYear {
  const match = LABEL.exec(text.trim())
  if (!match) {
    throw new CollectionYearError(
      `"${text}" is not a collection year: write it as the DfE does, for example 2025/26`,
    )
  }
  const first = Number(match[1])
  const second = Number(match[2])
  if ((first + 1) % 100 !== second) {
    const expected = String((first + 1) % 100).padStart(2, '0')
    throw new CollectionYearError(
      `"${text}" is not a collection year: the year after ${first} is ${first}/${expected}`,
    )
  }
  if (first < 2000 || first > 2098) {
    throw new CollectionYearError(`"${text}" is outside the years Haven knows (2000/01 to 2098/99)`)
  }
  const end = `${first + 1}-03-31`
  return { label: `${first}/${match[2]}`, start: `${first}-04-01`, end, referenceDate: end }
}

/** The year before: 2025/26 → 2024/25. */
export function previousYear(year: CollectionYear): CollectionYear {
  const first = Number(year.start.slice(0, 4)) - 1
  return parseCollectionYear(`${first}/${String((first + 1) % 100).padStart(2, '0')}`)
}
