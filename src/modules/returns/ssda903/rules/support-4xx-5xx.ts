/**
 * What the SSDA903 rules 400–599 share: a rule that looks at one table's rows one at a time,
 * episodes in the order they started, periods of care, a child's date of birth and age, the
 * first and last episodes across the year end, whether a child was looked after all year, and
 * derived placement facts with the postcodes that could not be looked up.
 *
 * Nothing here throws on messy input: a blank or unreadable date is `null` and the helpers
 * leave such rows out of any ordering rather than guess where they go.
 */
import { ageOn } from '../../../../platform/calendar/dates.js'
import type { IsoDate } from '../../../../platform/calendar/working-days.js'
import { NO_HITS, hit, type RuleHit } from '../../engine.js'
import { rememberLast } from '../episodes.js'
import type { ChildTables, Ssda903Child } from '../index.js'
import {
  isBlank,
  type ColumnOf,
  type EpisodeRow,
  type PlacedAdoptionRow,
  type Ssda903Row,
  type Ssda903Table,
} from '../model.js'
import type { PlacementFacts, Ssda903Context, Ssda903Rule } from '../rule.js'

export type Hits = RuleHit<Ssda903Table>[]

/** Push a hit, creating the list on first use (most children have none). */
export function add(
  hits: Hits | undefined,
  table: Ssda903Table,
  row: { row: number; line?: number },
  fields: readonly string[],
  detail?: string,
): Hits {
  const list = hits ?? []
  list.push(hit(table, row, fields, detail))
  return list
}

export interface RowRuleSpec<T extends Ssda903Table> {
  code: string
  type?: 'error' | 'query'
  message: string
  table: T
  fields: readonly ColumnOf<T>[]
  /** True when the row is at fault. */
  test: (row: Ssda903Row<T>, child: Ssda903Child, ctx: Ssda903Context) => boolean
}

/** A rule that reports each of this year's rows of one table that fails `test`. */
export function rowRule<T extends Ssda903Table>(spec: RowRuleSpec<T>): Ssda903Rule {
  return {
    code: spec.code,
    type: spec.type ?? 'error',
    message: spec.message,
    affects: [{ table: spec.table, fields: spec.fields }],
    check(child, ctx) {
      let hits: Hits | undefined
      const rows = (child.current as ChildTables)[spec.table] as Ssda903Row<T>[]
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i] as Ssda903Row<T>
        if (spec.test(row, child, ctx)) hits = add(hits, spec.table, row, spec.fields)
      }
      return hits ?? NO_HITS
    },
  }
}

// ---------------------------------------------------------------------------------------------
// Dates of birth and ages

/** The child's date of birth: the row's own DOB when it has a real one, else the Header's. */
export function dobOf(child: Ssda903Child, row?: { DOB: IsoDate | null }): IsoDate | null {
  if (row?.DOB) return row.DOB
  for (const header of child.current.Header) if (header.DOB !== null) return header.DOB
  return null
}

/** The Header's date of birth (the first real one), or null. */
export function headerDob(child: Ssda903Child): IsoDate | null {
  return dobOf(child)
}

/** Age in whole years on a date, or null when either date is unknown. */
export function age(dob: IsoDate | null, on: IsoDate | null): number | null {
  return dob === null || on === null ? null : ageOn(dob, on)
}

// ---------------------------------------------------------------------------------------------
// Episodes in order

/**
 * Episodes with a real start date, in the order they started; ties keep file order, then an
 * episode with an end date before one without. Episodes with no readable DECOM are left out:
 * their place in the sequence is unknown.
 */
export const byStart: (episodes: readonly EpisodeRow[]) => readonly (EpisodeRow & { DECOM: IsoDate })[] =
  rememberLast((episodes: readonly EpisodeRow[]) => {
    const dated = episodes.filter((e): e is EpisodeRow & { DECOM: IsoDate } => e.DECOM !== null)
    return dated.sort(
      (a, b) =>
        a.DECOM.localeCompare(b.DECOM) ||
        (a.DEC ?? '9999-99-99').localeCompare(b.DEC ?? '9999-99-99') ||
        a.row - b.row,
    )
  })

/** The episode that started first this year (the first such row when two share the date). */
export function firstEpisode(episodes: readonly EpisodeRow[]): EpisodeRow | null {
  let first: EpisodeRow | null = null
  for (const e of episodes) if (e.DECOM !== null && (first === null || e.DECOM < first.DECOM!)) first = e
  return first
}

/** The episode that started last (the first such row when two share the date). */
export function lastEpisode(episodes: readonly EpisodeRow[]): EpisodeRow | null {
  let last: EpisodeRow | null = null
  for (const e of episodes) if (e.DECOM !== null && (last === null || e.DECOM > last.DECOM!)) last = e
  return last
}

/** A period of care: episodes that follow one another without a day's gap. */
export interface PeriodOfCare {
  start: IsoDate
  /** The last episode's end date; null while the period is open (or its end is unreadable). */
  end: IsoDate | null
  episodes: EpisodeRow[]
}

/** The child's periods of care this year, from episodes with a real start date, in order. */
export function periodsOfCare(episodes: readonly EpisodeRow[]): PeriodOfCare[] {
  const periods: PeriodOfCare[] = []
  let current: PeriodOfCare | undefined
  for (const e of byStart(episodes)) {
    if (current && (current.end === null || e.DECOM <= current.end)) {
      current.episodes.push(e)
      current.end = e.DEC
    } else {
      current = { start: e.DECOM, end: e.DEC, episodes: [e] }
      periods.push(current)
    }
  }
  return periods
}

/** True when `date` lies within the period (an open period has no end). */
export function inPeriod(date: IsoDate, period: PeriodOfCare): boolean {
  return date >= period.start && (period.end === null || date <= period.end)
}

/**
 * Looked after continuously through the collection year, as the DfE defines it for OC2: in
 * care at some point in the year, and no episode in the year that starts care (RNE S after
 * 1 April), ends care (a reason other than X1 before 31 March) or is a short break (V3, V4).
 */
export function continuouslyLookedAfter(child: Ssda903Child, ctx: Ssda903Context): boolean {
  const { collectionStart: start, collectionEnd: end } = ctx
  let inYear = false
  for (const e of child.current.Episodes) {
    const during = e.DECOM !== null && e.DECOM <= end && (e.DEC === null || e.DEC >= start)
    if (during) inYear = true
    if (e.RNE === 'S' && e.DECOM !== null && e.DECOM > start && e.DECOM <= end) return false
    if (e.REC !== 'X1' && e.DEC !== null && e.DEC >= start && e.DEC < end) return false
    if (during && (e.LS === 'V3' || e.LS === 'V4')) return false
  }
  return inYear
}

// ---------------------------------------------------------------------------------------------
// Derived placement facts

/** The detail of a hit for a placement fact that could not be derived from its postcodes. */
export function unknownPostcodeDetail(facts: PlacementFacts, fact: string): string {
  return `${fact} could not be derived: postcode ${facts.unknownPostcodes.join(', ')} is not in the postcode reference`
}

/** True when a derived fact is missing because a postcode could not be looked up. */
export function isUnknown(facts: PlacementFacts, value: unknown): boolean {
  return value === null && facts.unknownPostcodes.length > 0
}

/**
 * The date a child born on `dob` turns `years` old. Born on 29 February, a child turns a year
 * older on 1 March in a year without one (as `ageOn` counts it).
 */
export function birthday(dob: IsoDate, years: number): IsoDate {
  const y = Number(dob.slice(0, 4)) + years
  const year = String(y).padStart(4, '0')
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
  if (dob.slice(5) === '02-29' && !leap) return `${year}-03-01`
  return `${year}${dob.slice(4)}`
}

// ---------------------------------------------------------------------------------------------
// Across the year end

/**
 * This year's first episode and last year's last one, when last year's last episode was still
 * open (no end date) at 31 March: the first episode this year should carry it on. Null when
 * last year's return was not given, either year has no dated episode, or last year's end date is
 * unreadable (then whether it was open is unknown).
 */
export function carriedOver(
  child: Ssda903Child,
  ctx: Ssda903Context,
): { first: EpisodeRow; last: EpisodeRow } | null {
  if (!ctx.header.hasPrevious || !ctx.header.supplied.previous.has('Episodes')) return null
  const last = lastEpisode(child.previous.Episodes)
  if (last === null || last.text.DEC.trim() !== '') return null
  const first = firstEpisode(child.current.Episodes)
  return first === null ? null : { first, last }
}

/**
 * Placement distances that differ: by 0.2 miles or more, or only one of them known. (The
 * community validator counts only "known this year, not last year"; its condition repeats that
 * case twice, which reads as a slip for the other way round, so Haven counts both.)
 */
export function distancesDiffer(now: number | null, before: number | null): boolean {
  if (now === null || before === null) return now !== before
  return Math.abs(now - before) >= 0.2 - 1e-9
}

export interface CarriedOverSpec {
  code: string
  message: string
  field: ColumnOf<'Episodes'>
  /** True when this year's value does not carry on last year's (both as parsed; null when blank). */
  differs?: (now: string | null, before: string | null) => boolean
}

/** Rules 503A–503F: a field of this year's first episode equals last year's open last episode's. */
export function carriedOverRule(spec: CarriedOverSpec): Ssda903Rule {
  const differs = spec.differs ?? ((now: string | null, before: string | null) => now !== before)
  return {
    code: spec.code,
    type: 'error',
    message: spec.message,
    affects: [{ table: 'Episodes', fields: [spec.field] }],
    check(child, ctx) {
      const pair = carriedOver(child, ctx)
      if (!pair) return NO_HITS
      const now = pair.first[spec.field]
      const before = pair.last[spec.field]
      if (!differs(now, before)) return NO_HITS
      return [
        hit(
          'Episodes',
          pair.first,
          [spec.field],
          `last year ${before ?? 'blank'}, this year ${now ?? 'blank'}`,
        ),
      ]
    },
  }
}

export type PlacementFact = 'distance' | 'la' | 'location'
export const FACT_FIELD = { distance: 'PL_DISTANCE', la: 'PL_LA', location: 'PL_LOCATION' } as const

/**
 * Compare a derived placement fact of two episodes. Returns 'unknown' (with the detail naming
 * the postcodes) when either could not be derived because a postcode is not in the reference.
 */
export function compareFacts(
  ctx: Ssda903Context,
  now: EpisodeRow,
  before: EpisodeRow,
  fact: PlacementFact,
): { result: 'same' | 'differs' } | { result: 'unknown'; detail: string } {
  const a = ctx.header.placement(now)
  const b = ctx.header.placement(before)
  for (const f of [a, b]) {
    if (isUnknown(f, f[fact]))
      return { result: 'unknown', detail: unknownPostcodeDetail(f, FACT_FIELD[fact]) }
  }
  const differ = fact === 'distance' ? distancesDiffer(a.distance, b.distance) : a[fact] !== b[fact]
  return { result: differ ? 'differs' : 'same' }
}

export interface FactRuleSpec {
  code: string
  message: string
  fact: PlacementFact
  /** Other Episodes fields the rule reads. */
  fields?: readonly ColumnOf<'Episodes'>[]
  /** Only episodes (and children) this is true of are looked at. */
  applies?: (episode: EpisodeRow, child: Ssda903Child, ctx: Ssda903Context) => boolean
  /** True when the derived facts put the episode at fault. */
  faulty: (facts: PlacementFacts, ctx: Ssda903Context) => boolean
}

/**
 * A rule on one derived placement fact of each episode. An episode whose fact could not be
 * derived because a postcode is not in the reference is reported with that postcode.
 */
export function factRule(spec: FactRuleSpec): Ssda903Rule {
  const field = FACT_FIELD[spec.fact]
  const fields = [field, ...(spec.fields ?? [])]
  return {
    code: spec.code,
    type: 'error',
    message: spec.message,
    affects: [
      { table: 'Episodes', fields },
      { table: 'PostcodeInfo', fields: ['HOME_POST', 'PL_POST'] },
    ],
    check(child, ctx) {
      let hits: Hits | undefined
      const episodes = child.current.Episodes
      for (let i = 0; i < episodes.length; i++) {
        const e = episodes[i] as EpisodeRow
        if (spec.applies && !spec.applies(e, child, ctx)) continue
        const facts = ctx.header.placement(e)
        if (isUnknown(facts, facts[spec.fact]))
          hits = add(hits, 'Episodes', e, [field], unknownPostcodeDetail(facts, field))
        else if (spec.faulty(facts, ctx)) hits = add(hits, 'Episodes', e, fields)
      }
      return hits ?? NO_HITS
    },
  }
}

/**
 * True when the placement differs between two episodes: its type, postcode, URN or provider
 * (blank equals blank; postcodes compared without spaces, so `AB1 2CD` is `AB12CD`).
 */
export function placementChanged(a: EpisodeRow, b: EpisodeRow): boolean {
  const post = (e: EpisodeRow): string => (e.PL_POST ?? '').replace(/\s+/g, '')
  return (
    a.PLACE !== b.PLACE || post(a) !== post(b) || a.URN !== b.URN || a.PLACE_PROVIDER !== b.PLACE_PROVIDER
  )
}

export interface RneRuleSpec {
  code: string
  message: string
  /** The reasons for new episode the rule is about. */
  reasons: ReadonlySet<string>
  /** What the reason says changed since the episode before. */
  legalStatusChanged: boolean
  placementChanged: boolean
}

/**
 * Rules 434–436: the reason for new episode agrees with what changed since the episode before
 * (in the order the episodes started; those with no readable start are left out).
 */
export function rneRule(spec: RneRuleSpec): Ssda903Rule {
  const fields = ['RNE', 'LS', 'PLACE', 'PL_POST', 'URN', 'PLACE_PROVIDER'] as const
  return {
    code: spec.code,
    type: 'error',
    message: spec.message,
    affects: [{ table: 'Episodes', fields }],
    check(child) {
      const episodes = byStart(child.current.Episodes)
      let hits: Hits | undefined
      for (let i = 1; i < episodes.length; i++) {
        const before = episodes[i - 1]!
        const e = episodes[i]!
        if (e.RNE === null || !spec.reasons.has(e.RNE)) continue
        const ls = e.LS !== before.LS
        const place = placementChanged(e, before)
        if (ls !== spec.legalStatusChanged || place !== spec.placementChanged) {
          const what = `legal status ${ls ? 'changed' : 'unchanged'}, placement ${place ? 'changed' : 'unchanged'}`
          hits = add(hits, 'Episodes', e, fields, what)
        }
      }
      return hits ?? NO_HITS
    },
  }
}

// ---------------------------------------------------------------------------------------------
// Adoption

/** Placed for adoption: with consent or under a placement order, with or without current foster carers. */
export const PLACED_FOR_ADOPTION = new Set(['A3', 'A4', 'A5', 'A6'])

/** Adopted: application unopposed (E11) or consent dispensed with (E12). */
export const ADOPTED = new Set(['E11', 'E12'])

/** True when the episode is a placement for adoption. */
export function isAdoptionPlacement(e: EpisodeRow): boolean {
  return e.PLACE !== null && PLACED_FOR_ADOPTION.has(e.PLACE)
}

/** True when a decision to place for adoption was reversed (a date or a reason it ceased). */
export function isReversed(row: PlacedAdoptionRow): boolean {
  return !isBlank(row, 'DATE_PLACED_CEASED') || !isBlank(row, 'REASON_PLACED_CEASED')
}

/** The latest decision by DATE_PLACED (the first such row on a tie), or null when none is readable. */
export function latestDecision(rows: readonly PlacedAdoptionRow[]): PlacedAdoptionRow | null {
  let latest: PlacedAdoptionRow | null = null
  for (const r of rows) {
    if (r.DATE_PLACED !== null && (latest === null || r.DATE_PLACED > latest.DATE_PLACED!)) latest = r
  }
  return latest
}
