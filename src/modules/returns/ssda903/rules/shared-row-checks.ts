/**
 * Helpers shared by the SSDA903 rules of codes 1xx and 10xx: a list of hits made on first use,
 * the two commonest rule shapes (a code from a list, a date that must be real) and small facts
 * about rows (a field given, a birthday).
 */
import { addYears } from '../../../../platform/calendar/dates.js'
import type { IsoDate } from '../../../../platform/calendar/working-days.js'
import { NO_HITS, hit, type Located, type RuleHit } from '../../engine.js'
import {
  isBlank,
  type EpisodeRow,
  type Oc3Row,
  type ColumnOf,
  type DateColumnOf,
  type Ssda903Row,
  type Ssda903Table,
} from '../model.js'
import { SSDA903_SHORT_BREAK_LS } from '../codes.js'
import type { PlacementFacts, Ssda903Context, Ssda903Rule } from '../rule.js'

/** Hits of one child, made on first use so a child with nothing to report costs nothing. Each table row is reported once. */
export class HitList {
  private list: RuleHit<Ssda903Table>[] | undefined

  add(table: Ssda903Table, at: Located, fields: readonly string[], detail?: string): void {
    const list = (this.list ??= [])
    if (list.some((h) => h.table === table && h.row === at.row)) return
    list.push(hit(table, at, fields, detail))
  }

  done(): readonly RuleHit<Ssda903Table>[] {
    return this.list ?? NO_HITS
  }
}

/** The parsed value of a cell, whatever the table (a code, identifier or ISO date; null when blank). */
export function valueOf<T extends Ssda903Table>(row: Ssda903Row<T>, column: ColumnOf<T>): string | null {
  return (row as unknown as Record<string, string | null>)[column] ?? null
}

/** True when any of the cells holds something (spaces count as blank). */
export function anyGiven<T extends Ssda903Table>(
  row: Ssda903Row<T>,
  columns: readonly ColumnOf<T>[],
): boolean {
  return columns.some((c) => !isBlank(row, c))
}

/** True when every one of the cells holds something. */
export function allGiven<T extends Ssda903Table>(
  row: Ssda903Row<T>,
  columns: readonly ColumnOf<T>[],
): boolean {
  return columns.every((c) => !isBlank(row, c))
}

/** The day a child born on `dob` turns `years` (a 29 February birthday falls on 28 February). */
export function birthday(dob: IsoDate, years: number): IsoDate {
  // Rules ask this of every child, some of every row: work it out from the text when `dob` is a
  // real date and the birthday falls in the years 1000-9999, where the answer is the one
  // `addYears` gives through a Date (which for other years it reads its own way).
  const y = digits(dob, 0, 4)
  const m = digits(dob, 5, 2)
  const d = digits(dob, 8, 2)
  const year = y + years
  if (
    dob.length !== 10 ||
    dob.charCodeAt(4) !== DASH ||
    dob.charCodeAt(7) !== DASH ||
    !Number.isInteger(year) ||
    year < 1000 ||
    year > 9999 ||
    m < 1 ||
    m > 12 ||
    d < 1 ||
    d > daysInMonth(y, m)
  )
    return addYears(dob, years)
  if (m === 2 && d === 29 && !isLeap(year)) return `${year}-02-28`
  return `${year}${dob.slice(4)}`
}

const DASH = 0x2d
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0

function daysInMonth(y: number, m: number): number {
  return m === 2 && isLeap(y) ? 29 : (DAYS_IN_MONTH[m - 1] as number)
}

/** The number written in `length` digits from `at`, or -1 when any is not a digit. */
function digits(text: string, at: number, length: number): number {
  let n = 0
  for (let i = at; i < at + length; i++) {
    const c = text.charCodeAt(i) - 0x30
    if (!(c >= 0 && c <= 9)) return -1
    n = n * 10 + c
  }
  return n
}

interface FieldRuleSpec<T extends Ssda903Table, C extends ColumnOf<T>> {
  code: string
  message: string
  table: T
  field: C
}

/**
 * A field must hold a code from `codes`. `blank: 'allowed'` when the DfE checks the code only if
 * one is given, `'fails'` when a blank is as wrong as a bad code.
 */
export function codeListRule<T extends Ssda903Table>(
  spec: FieldRuleSpec<T, ColumnOf<T>> & { codes: ReadonlySet<string>; blank: 'allowed' | 'fails' },
): Ssda903Rule {
  const { table, field, codes, blank } = spec
  return {
    code: spec.code,
    type: 'error',
    message: spec.message,
    affects: [{ table, fields: [field] }],
    check(child) {
      const hits = new HitList()
      const rows = child.current[table] as readonly Ssda903Row<T>[]
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i] as Ssda903Row<T>
        const value = valueOf(row, field)
        if (value === null ? blank === 'fails' : !codes.has(value)) hits.add(table, row, [field])
      }
      return hits.done()
    },
  }
}

/**
 * A date field must be a real DD/MM/YYYY date. `blank: 'allowed'` when the field is optional,
 * `'fails'` when a blank is reported too.
 */
export function validDateRule<T extends Ssda903Table>(
  spec: FieldRuleSpec<T, DateColumnOf<T>> & { blank: 'allowed' | 'fails' },
): Ssda903Rule {
  const { table, field, blank } = spec
  return {
    code: spec.code,
    type: 'error',
    message: spec.message,
    affects: [{ table, fields: [field] }],
    check(child) {
      const hits = new HitList()
      const rows = child.current[table] as readonly Ssda903Row<T>[]
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i] as Ssda903Row<T>
        if (valueOf(row, field) !== null) continue
        if (blank === 'fails' || !isBlank(row, field)) hits.add(table, row, [field])
      }
      return hits.done()
    },
  }
}

/** True when each of the tables was supplied this year (a rule that joins tables needs them all). */
export function suppliedThisYear(ctx: Ssda903Context, ...tables: readonly Ssda903Table[]): boolean {
  return tables.every((t) => ctx.header.supplied.current.has(t))
}

/** True when last year's return was given and held each of the tables. */
export function suppliedLastYear(ctx: Ssda903Context, ...tables: readonly Ssda903Table[]): boolean {
  return ctx.header.hasPrevious && tables.every((t) => ctx.header.supplied.previous.has(t))
}

/**
 * The episode that began first (or last) among those with a real start date that pass `keep`;
 * of two that began the same day, the one first in the file. Undefined when there is none.
 */
export function firstEpisode(
  episodes: readonly EpisodeRow[],
  keep: (e: EpisodeRow) => boolean = () => true,
): EpisodeRow | undefined {
  let found: EpisodeRow | undefined
  for (const e of episodes) {
    if (e.DECOM === null || !keep(e)) continue
    if (found === undefined || e.DECOM < (found.DECOM as string)) found = e
  }
  return found
}

export function lastEpisode(
  episodes: readonly EpisodeRow[],
  keep: (e: EpisodeRow) => boolean = () => true,
): EpisodeRow | undefined {
  let found: EpisodeRow | undefined
  for (const e of episodes) {
    if (e.DECOM === null || !keep(e)) continue
    if (found === undefined || e.DECOM > (found.DECOM as string)) found = e
  }
  return found
}

/** True for an episode of short breaks (LS V3 or V4), for which no placement facts are derived. */
export function isShortBreak(e: EpisodeRow): boolean {
  return e.LS !== null && SSDA903_SHORT_BREAK_LS.has(e.LS)
}

/** The detail of a hit whose placement facts could not be derived: which postcodes were not found. */
export function unknownPostcodesDetail(facts: PlacementFacts): string | undefined {
  if (facts.unknownPostcodes.length === 0) return undefined
  return `Postcode not found in the postcode reference: ${facts.unknownPostcodes.join(', ')}`
}

const OC3_ITEMS = ['IN_TOUCH', 'ACTIV', 'ACCOM'] as const

/** The child's OC3 rows that hold any care leaver data (IN_TOUCH, ACTIV or ACCOM). */
export function careLeaverRows(rows: readonly Oc3Row[]): Oc3Row[] {
  return rows.filter((r) => anyGiven(r, OC3_ITEMS))
}

/** An episode that was open at some time in the collection year (began by 31 March, not ended before 1 April). */
export function openDuringYear(e: EpisodeRow, ctx: Ssda903Context): boolean {
  return e.DECOM !== null && e.DECOM <= ctx.collectionEnd && (e.DEC === null || e.DEC >= ctx.collectionStart)
}
