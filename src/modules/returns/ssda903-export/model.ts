/**
 * The SSDA903 from Haven's own records: what each child's rows in the modules' published views
 * say, put together as the 903's record of the child (`LookedAfterChild`). Which episodes,
 * reviews and tables go into a year is decided once, in `../ssda903/year-text.ts`, for Haven's
 * records and the synthetic authority alike. Pure: no I/O.
 *
 * How Haven's records become the DfE's fields:
 * - Episodes are care's (`care_episode_v`), with the codes the care module worked out as the
 *   social worker recorded each change (RNE, REC, REASON_PLACE_CHANGE are never typed).
 * - A placement with no Ofsted URN is written `XXXXXXX`, as the DfE asks; a postcode not recorded
 *   is written blank and the 903's own rules report it.
 * - MOTHER is asked of girls looked after in the year: 1 when Haven records her as the mother of
 *   a child born by the year's end (MC_DOB that child's date of birth), else 0.
 * - A UPN not known is written as its reason (UN1–UN10), as the CIN census does.
 * - PrevPerm is the previous permanence recorded for the period that started in the year (the
 *   latest, if two did): care asks it of each period (`care_previous_permanence_v`).
 * - Missing is each missing or away episode care recorded (`care_missing_v`); an episode open at
 *   the year's end has no MIS_END.
 * - UASC is written for a year the child was UASC in (`care_uasc_v`): DUC is the date the status
 *   ended when it ended by the year's end, else the 18th birthday, when it will (rules 205B, 304);
 *   a status that ended before the year began has no row (rule 104).
 * - PlacedAdoption and AD1 are the decision to place for adoption that stood in the year, from
 *   care's adoption record (`care_adoption_v`): decided by the year's end, not reversed before it
 *   began, in a period not ended before it began (the latest such period's). AD1 when the period
 *   ended in the year with an adoption order (E11, E12), DATE_INT being the decision's date.
 *
 * Tables Haven does not hold yet (`NOT_HELD`) are not written: the validator then lists the
 * rules about them as not run, rather than reporting every child as missing from them.
 */
import { addYears, type IsoDate } from '../../../platform/calendar/dates.js'
import type { CollectionYear } from '../collection-year.js'
import { RowNumbers } from '../cin/census.js'
import type { Ssda903Table, Ssda903Tables } from '../ssda903/model.js'
import {
  buildSsda903Rows,
  ssda903YearText,
  type AdoptionRecord,
  type CareEpisodeRecord,
  type LookedAfterChild,
} from '../ssda903/year-text.js'

export interface LookedAfterPerson {
  id: number
  laChildId: string
  dateOfBirth: IsoDate | null
  sex: string | null
  ethnicity: string | null
  upn: string | null
  upnUnknownReason: string | null
  motherOfChildBorn: IsoDate | null
}

export type EpisodeRow = { childId: number } & Omit<
  CareEpisodeRecord,
  'homePostcode' | 'placementPostcode' | 'urn'
> & {
    homePostcode: string | null
    placementPostcode: string | null
    urn: string | null
  }

export interface ReviewRow {
  childId: number
  date: IsoDate
  participation: string
}

/** A period's previous permanence (PREV_PERM, DATE_PERM, LA_PERM). */
export interface PrevPermRow {
  childId: number
  periodStart: IsoDate
  kind: string
  date: IsoDate | null
  la: string | null
}

export interface MissingRow {
  childId: number
  kind: string
  start: IsoDate
  end: IsoDate | null
}

export interface UascRow {
  childId: number
  from: IsoDate
  /** The day the status ended before the 18th birthday, or null. */
  ceased: IsoDate | null
}

/** A period's decision to place for adoption, its reversal, the match and the adoption order. */
export interface AdoptionRow {
  childId: number
  periodStart: IsoDate
  periodEnd: IsoDate | null
  decision: IsoDate
  reversed: { date: IsoDate; reason: string } | null
  matched: IsoDate | null
  adopters: number | null
  adopterSexes: string | null
  adopterLegalStatus: string | null
  byFosterCarer: boolean | null
  /** The period's end, when it ended with an adoption order (E11, E12). */
  adopted: IsoDate | null
}

/** The records of care beyond episodes and reviews, each child's in date order. */
export interface OtherRecords {
  permanence: readonly PrevPermRow[]
  missing: readonly MissingRow[]
  uasc: readonly UascRow[]
  adoption?: readonly AdoptionRow[]
}

/** The tables Haven writes: those whose records it holds. */
export const HELD: readonly Ssda903Table[] = [
  'Header',
  'Episodes',
  'Reviews',
  'UASC',
  'PrevPerm',
  'Missing',
  'AD1',
  'PlacedAdoption',
]

/** The tables whose records no module holds yet, and the module that will. */
export const NOT_HELD: Readonly<Partial<Record<Ssda903Table, string>>> = {
  OC2: 'care (health: OC2 outcomes)',
  OC3: 'care leavers',
  SWEpisodes: 'care (social workers’ registration numbers and reasons for change)',
  DoLo: 'care (deprivation of liberty orders)',
}

/** The 903's record of a child from Haven's rows (each child's rows in date order). */
export function lookedAfterChildOf(
  person: LookedAfterPerson,
  episodes: readonly EpisodeRow[],
  reviews: readonly ReviewRow[],
  missing: readonly MissingRow[] = [],
): LookedAfterChild {
  return {
    laChildId: person.laChildId,
    sex: person.sex ?? '',
    dateOfBirth: person.dateOfBirth,
    ethnicity: person.ethnicity ?? '',
    upn: person.upn,
    upnUnknown: person.upnUnknownReason,
    motherOfChildBorn: person.sex === 'F' ? person.motherOfChildBorn : null,
    uasc: null,
    care: episodes.map((e) => ({
      start: e.start,
      end: e.end,
      reasonNew: e.reasonNew,
      legalStatus: e.legalStatus,
      categoryOfNeed: e.categoryOfNeed,
      placement: e.placement,
      provider: e.provider,
      reasonCeased: e.reasonCeased,
      reasonPlaceChange: e.reasonPlaceChange,
      homePostcode: e.homePostcode ?? '',
      placementPostcode: e.placementPostcode ?? '',
      urn: e.urn ?? 'XXXXXXX',
    })),
    lacReviews: reviews.map((r) => ({ date: r.date, participation: r.participation })),
    missing: missing.map((m) => ({ kind: m.kind, start: m.start, end: m.end })),
    adoption: null,
    previousPermanence: null,
    socialWorkerEpisodes: () => [],
    health: null,
    careLeaver: [],
  }
}

/** A year's tables, every held table present (a table with no rows is still a file with its header). */
export function emptyTables(): Ssda903Tables {
  return Object.fromEntries(HELD.map((t) => [t, []])) as Ssda903Tables
}

/** The child's UASC row as the year stood at its end, or null when not UASC in it. */
export function uascInYear(
  u: UascRow | undefined,
  dateOfBirth: IsoDate | null,
  year: CollectionYear,
): { ceased: IsoDate } | null {
  if (u === undefined || dateOfBirth === null || u.from > year.end) return null
  const ceased = u.ceased !== null && u.ceased <= year.end ? u.ceased : addYears(dateOfBirth, 18)
  return ceased < year.start ? null : { ceased }
}

/** The previous permanence of the period that started in the year (the latest), or null. */
export function permanenceInYear(
  rows: readonly PrevPermRow[],
  year: CollectionYear,
): LookedAfterChild['previousPermanence'] {
  const p = rows.findLast((r) => r.periodStart >= year.start && r.periodStart <= year.end)
  return p ? { kind: p.kind, date: p.date, la: p.la } : null
}

/**
 * The decision to place for adoption that stood in the year, as the 903 has it, or null: decided
 * by the year's end, not reversed before the year began (rule 118), in a period that had not ended
 * before it began; the latest period's when two did.
 */
export function adoptionInYear(rows: readonly AdoptionRow[], year: CollectionYear): AdoptionRecord | null {
  const a = rows.findLast(
    (r) =>
      r.decision <= year.end &&
      (r.reversed === null || r.reversed.date >= year.start) &&
      (r.periodEnd === null || r.periodEnd >= year.start),
  )
  if (!a) return null
  return {
    decision: a.decision,
    matched: a.matched,
    adopted: a.adopted,
    byFosterCarer: a.byFosterCarer ?? false,
    adopters: a.adopters ?? 0,
    adopterSexes: a.adopterSexes ?? '',
    adopterLegalStatus: a.adopterLegalStatus ?? '',
    reversed: a.reversed,
  }
}

/**
 * Adds a batch of children to this year's and last year's tables; gives Haven's person id of
 * each child added, by the CHILD written, so findings lead back to records.
 */
export function addChildren(
  into: { current: Ssda903Tables; previous: Ssda903Tables; rows: RowNumbers },
  people: readonly LookedAfterPerson[],
  episodes: readonly EpisodeRow[],
  reviews: readonly ReviewRow[],
  years: { current: CollectionYear; previous: CollectionYear },
  other: OtherRecords = { permanence: [], missing: [], uasc: [] },
): Map<string, number> {
  const episodesOf = groupByChild(episodes)
  const reviewsOf = groupByChild(reviews)
  const permanenceOf = groupByChild(other.permanence)
  const missingOf = groupByChild(other.missing)
  const uascOf = new Map(other.uasc.map((u) => [u.childId, u]))
  const adoptionOf = groupByChild(other.adoption ?? [])
  const added = new Map<string, number>()
  for (const person of people) {
    const child = lookedAfterChildOf(
      person,
      episodesOf.get(person.id) ?? [],
      reviewsOf.get(person.id) ?? [],
      missingOf.get(person.id) ?? [],
    )
    // UASC, previous permanence and adoption as each year stood.
    const inYear = (year: CollectionYear): LookedAfterChild => ({
      ...child,
      uasc: uascInYear(uascOf.get(person.id), person.dateOfBirth, year),
      previousPermanence: permanenceInYear(permanenceOf.get(person.id) ?? [], year),
      adoption: adoptionInYear(adoptionOf.get(person.id) ?? [], year),
    })
    const current = ssda903YearText(inYear(years.current), years.current)
    if (current.Header) added.set(person.laChildId, person.id)
    buildSsda903Rows(current, into.rows, into.current)
    buildSsda903Rows(
      ssda903YearText(inYear(years.previous), years.previous, false),
      into.rows,
      into.previous,
      'previous/',
    )
  }
  return added
}

function groupByChild<T extends { childId: number }>(rows: readonly T[]): Map<number, T[]> {
  const out = new Map<number, T[]>()
  for (const r of rows) {
    const list = out.get(r.childId)
    if (list) list.push(r)
    else out.set(r.childId, [r])
  }
  return out
}

export { RowNumbers }
