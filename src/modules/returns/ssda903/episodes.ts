/**
 * Small facts about a child's episodes and dates that many SSDA903 rules share: episodes in
 * order of start, ages on a date, day counts. Every helper takes parsed values (ISO dates or
 * null) and never throws, whatever the file held.
 */
import { fromDayNumber, toDayNumber, type IsoDate } from '../../../platform/calendar/working-days.js'
import type { Ssda903Child } from './index.js'
import type { EpisodeRow, HeaderRow } from './model.js'

const FIRST_DAY = toDayNumber('0000-01-01')
const LAST_DAY = toDayNumber('9999-12-31')

/**
 * `order` with its last answer remembered. The runner takes one child at a time through every
 * rule, and a dozen rules ask for the same child's rows in order: the list is sorted once. An
 * answer is shared by the rules that ask, so it is frozen (a rule that changed it would throw);
 * it is given again only for the same list of the same length (rows are not changed once read).
 */
export function rememberLast<T, R>(order: (rows: readonly T[]) => R[]): (rows: readonly T[]) => readonly R[] {
  let lastRows: readonly T[] | undefined
  let lastLength = -1
  let last: readonly R[] = []
  return (rows) => {
    if (rows !== lastRows || rows.length !== lastLength) {
      last = Object.freeze(order(rows))
      lastRows = rows
      lastLength = rows.length
    }
    return last
  }
}

/** The child's episodes by start date, earliest first; episodes without a valid DECOM last, in file order. */
export const episodesByStart: (episodes: readonly EpisodeRow[]) => readonly EpisodeRow[] = rememberLast(
  (episodes: readonly EpisodeRow[]) =>
    [...episodes].sort((a, b) => {
      if (a.DECOM === b.DECOM) return a.row - b.row
      if (a.DECOM === null) return 1
      if (b.DECOM === null) return -1
      return a.DECOM < b.DECOM ? -1 : 1
    }),
)

/** The child's Header row this year (the first, if the file repeats the child). */
export function headerOf(child: Ssda903Child): HeaderRow | undefined {
  return child.current.Header[0]
}

/** The child's date of birth from this year's Header, or null when blank or invalid. */
export function dobOf(child: Ssda903Child): IsoDate | null {
  return headerOf(child)?.DOB ?? null
}

/**
 * The same day `years` later (or earlier); 29 February becomes 28 February in a year that has
 * none, as the DfE validators count birthdays. Kept within the years 0000–9999.
 */
export function addYears(date: IsoDate, years: number): IsoDate {
  const y = Number(date.slice(0, 4)) + years
  if (y > 9999) return '9999-12-31'
  if (y < 0) return '0000-01-01'
  const rest = date.slice(4)
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
  return `${String(y).padStart(4, '0')}${rest === '-02-29' && !leap ? '-02-28' : rest}`
}

/** The date `days` later (earlier when negative), kept within the years 0000–9999. */
export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(Math.min(LAST_DAY, Math.max(FIRST_DAY, toDayNumber(date) + days)))
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to) - toDayNumber(from)
}

/** True when a child born on `dob` is under `years` on `date` (on the birthday they are that age). */
export function isUnder(dob: IsoDate, years: number, date: IsoDate): boolean {
  return date < addYears(dob, years)
}

/** A run of episodes under one legal status, each starting no later than the one before ended. */
export interface LegalStatusSpell {
  episodes: EpisodeRow[]
  start: IsoDate
  /** The latest DEC in the run, or `openUntil` for an episode that has not ended. */
  end: IsoDate
}

/**
 * The child's spells under legal status `ls`: its episodes with that status, in order of start,
 * joined while each starts on or before the day the spell so far ended. An episode not yet ended
 * counts as ending on `openUntil` (the DfE validators use the end of the collection year).
 * Episodes without a valid DECOM, or with a DEC that is not a valid date, cannot be measured and
 * are left out.
 */
export function legalStatusSpells(
  episodes: readonly EpisodeRow[],
  ls: string,
  openUntil: IsoDate,
): LegalStatusSpell[] {
  const spells: LegalStatusSpell[] = []
  let current: LegalStatusSpell | undefined
  for (const e of episodesByStart(episodes)) {
    if (e.LS !== ls || e.DECOM === null) continue
    if (e.DEC === null && e.text.DEC.trim() !== '') continue
    const end = e.DEC ?? openUntil
    if (current && e.DECOM <= current.end) {
      current.episodes.push(e)
      if (end > current.end) current.end = end
    } else {
      current = { episodes: [e], start: e.DECOM, end }
      spells.push(current)
    }
  }
  return spells
}

/** The episode's URN when it names an Ofsted provider: given, and not the DfE's placeholder XXXXXXX. */
export function ofstedUrn(episode: EpisodeRow): string | null {
  return episode.URN === null || episode.URN === 'XXXXXXX' ? null : episode.URN
}

/** A postcode as compared: without spaces, upper case. */
export function squeezePostcode(text: string): string {
  return text.replace(/\s+/g, '').toUpperCase()
}
