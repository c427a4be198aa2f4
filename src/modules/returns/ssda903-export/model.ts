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
 * - OC3 is each care leaver's contact around a birthday (`care_leaver_v`); the year's row is the
 *   birthday in it. A care leaver with such a record is in the year's Header even with no episode.
 * - OC2 is worked out as at 31 March from care's dated facts (`care_oc2_v`) by `oc2InYear`; who is
 *   in its cohort (looked after continuously for 12 months at 31 March) is year-text's to decide.
 * - PlacedAdoption and AD1 are the decision to place for adoption that stood in the year, from
 *   care's adoption record (`care_adoption_v`): decided by the year's end, not reversed before it
 *   began, in a period not ended before it began (the latest such period's). AD1 when the period
 *   ended in the year with an adoption order (E11, E12), DATE_INT being the decision's date.
 *
 * - SWEpisodes are the child's allocated-worker grants (`frontdoor_social_worker_episode_v`): SW_ID
 *   the worker's Social Work England registration number, or XX and Haven's account number when
 *   none is recorded (SW02STG1); SW_REASON the reason asked when the child was given another
 *   worker, FCONTA for the child's first (the code means the end of a fixed-term or agency
 *   contract; the list has none for a first worker). Year-text writes them for
 *   children looked after on 31 March.
 * - DoLo (from 2026/27) is each deprivation of liberty order care recorded (`care_dolo_v`), one in
 *   force at the year's end without DOLO_END; an order open when care ended ends with it.
 *
 * Tables Haven does not hold yet (`NOT_HELD`, none now) are not written: the validator then lists
 * the rules about them as not run, rather than reporting every child as missing from them.
 */
import { addMonths, addYears, ageOn, type IsoDate } from '../../../platform/calendar/dates.js'
import type { CollectionYear } from '../collection-year.js'
import { RowNumbers } from '../cin/census.js'
import { emptyTables, type Ssda903Table, type Ssda903Tables } from '../ssda903/model.js'
import {
  buildSsda903Rows,
  ssda903YearText,
  yearHasDolo,
  type AdoptionRecord,
  type CareEpisodeRecord,
  type HealthRecord,
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

/** A care leaver's contact around a birthday (IN_TOUCH, ACTIV, ACCOM). */
export interface CareLeaverRow {
  childId: number
  birthday: IsoDate
  inTouch: string
  activity: string
  accommodation: string
}

/**
 * A dated fact OC2 is worked out from (`care_oc2_v`): an offence, a substance misuse problem (code
 * received, offered or none), a reason for no SDQ (code SDQ2–SDQ5), a health assessment completed,
 * a dental check, an immunisations check (up to date or not), an SDQ (its score).
 */
export interface Oc2Fact {
  childId: number
  kind: string
  on: IsoDate
  code: string | null
  upToDate: boolean | null
  sdqScore: number | null
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

/**
 * A social worker's time with the child (`frontdoor_social_worker_episode_v`): an allocated-worker
 * grant, with the worker's registration number (or XX and their account number) and the reason.
 */
export interface SocialWorkerRow {
  childId: number
  workerId: string
  start: IsoDate
  end: IsoDate | null
  /** Null when a change of worker was made with no reason recorded: written blank and reported. */
  reason: string | null
}

/** A deprivation of liberty order (`care_dolo_v`). */
export interface DoloRow {
  childId: number
  start: IsoDate
  end: IsoDate | null
}

/** The records of care beyond episodes and reviews, each child's in date order. */
export interface OtherRecords {
  permanence: readonly PrevPermRow[]
  missing: readonly MissingRow[]
  uasc: readonly UascRow[]
  careLeaver?: readonly CareLeaverRow[]
  oc2?: readonly Oc2Fact[]
  adoption?: readonly AdoptionRow[]
  socialWorkers?: readonly SocialWorkerRow[]
  dolo?: readonly DoloRow[]
}

/** The tables Haven writes: those whose records it holds. */
export const HELD: readonly Ssda903Table[] = [
  'Header',
  'Episodes',
  'Reviews',
  'UASC',
  'PrevPerm',
  'Missing',
  'OC2',
  'OC3',
  'AD1',
  'PlacedAdoption',
  'SWEpisodes',
  'DoLo',
]

/**
 * The tables whose records no module holds yet, and the module that will. None now: SWEpisodes
 * comes from the allocated-worker grants (migration 0072) and DoLo from care's orders.
 */
export const NOT_HELD: Readonly<Partial<Record<Ssda903Table, string>>> = {}

/** The 903's record of a child from Haven's rows (each child's rows in date order). */
export function lookedAfterChildOf(
  person: LookedAfterPerson,
  episodes: readonly EpisodeRow[],
  reviews: readonly ReviewRow[],
  missing: readonly MissingRow[] = [],
  careLeaver: readonly CareLeaverRow[] = [],
  socialWorkers: readonly SocialWorkerRow[] = [],
  dolo: readonly DoloRow[] = [],
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
    socialWorkerEpisodes: () =>
      socialWorkers.map((w) => ({
        workerId: w.workerId,
        start: w.start,
        end: w.end,
        reason: w.reason ?? '',
      })),
    dolo: dolo.map((d) => ({ start: d.start, end: d.end })),
    health: null,
    careLeaver: careLeaver.map((c) => ({
      birthday: c.birthday,
      inTouch: c.inTouch,
      activity: c.activity,
      accommodation: c.accommodation,
    })),
  }
}

/**
 * A year's tables, every held table present (a table with no rows is still a file with its
 * header); DoLo only in a year that collects it (from 2026/27).
 */
export function heldTables(year: CollectionYear): Ssda903Tables {
  return emptyTables(heldIn(year))
}

/** The tables Haven writes for a year: those it holds that the year's return has. */
export function heldIn(year: CollectionYear): Ssda903Table[] {
  return HELD.filter((t) => t !== 'DoLo' || yearHasDolo(year))
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
  const leaverOf = groupByChild(other.careLeaver ?? [])
  const oc2Of = groupByChild(other.oc2 ?? [])
  const episodesOf = groupByChild(episodes)
  const reviewsOf = groupByChild(reviews)
  const permanenceOf = groupByChild(other.permanence)
  const missingOf = groupByChild(other.missing)
  const uascOf = new Map(other.uasc.map((u) => [u.childId, u]))
  const adoptionOf = groupByChild(other.adoption ?? [])
  const workersOf = groupByChild(other.socialWorkers ?? [])
  const doloOf = groupByChild(other.dolo ?? [])
  const added = new Map<string, number>()
  for (const person of people) {
    const child = lookedAfterChildOf(
      person,
      episodesOf.get(person.id) ?? [],
      reviewsOf.get(person.id) ?? [],
      missingOf.get(person.id) ?? [],
      leaverOf.get(person.id) ?? [],
      workersOf.get(person.id) ?? [],
      doloOf.get(person.id) ?? [],
    )
    // UASC, previous permanence, adoption and OC2's items as each year stood.
    const inYear = (year: CollectionYear): LookedAfterChild => ({
      ...child,
      uasc: uascInYear(uascOf.get(person.id), person.dateOfBirth, year),
      previousPermanence: permanenceInYear(permanenceOf.get(person.id) ?? [], year),
      health: oc2InYear(oc2Of.get(person.id) ?? [], person.dateOfBirth, year),
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

/**
 * OC2's items as at the year's 31 March, from the child's dated facts (whether the child is in
 * OC2's cohort is year-text's to decide). Each reads the 12 months to 31 March (the collection
 * year) unless said:
 * - CONVICTED (aged 10 or over on 31 March, else blank, rules 542, 543): an offence in the year.
 * - HEALTH_CHECK (under 5 on 31 March, else blank, rules 545, 546): the development checks up to
 *   date, read as a health assessment completed in the 6 months to 31 March (the under-5s' interval).
 * - IMMUNISATIONS: the latest immunisations check on or before 31 March, in the year, says up to date.
 * - TEETH_CHECK: a dental check in the year. HEALTH_ASSESSMENT: an assessment (IHA or RHA) completed in it.
 * - SUBSTANCE_MISUSE: a problem identified in the year; INTERVENTION_RECEIVED then whether one was
 *   received; INTERVENTION_OFFERED only when none was, whether one was offered (rules 158, 159, 193).
 * - SDQ_SCORE: the latest SDQ in the year, for a child aged 4 or over on 31 March and not 17 before 1
 *   April (rules 188, 189); else SDQ_REASON: the latest reason recorded in the year, else SDQ1 for a
 *   child who turned 4 after 1 April or turns 17 in the year (outside rule 157's band). A child in
 *   the band with neither is left blank, and rule 186 reports it: the questionnaire is owed.
 */
export function oc2InYear(
  facts: readonly Oc2Fact[],
  dateOfBirth: IsoDate | null,
  year: CollectionYear,
): HealthRecord | null {
  if (dateOfBirth === null) return null
  const inYear = facts.filter((f) => f.on >= year.start && f.on <= year.end)
  const latest = (kind: string, from = year.start) =>
    inYear
      .filter((f) => f.kind === kind && f.on >= from)
      .sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0))
      .at(-1)
  const has = (kind: string, from = year.start) => latest(kind, from) !== undefined
  const age = ageOn(dateOfBirth, year.end)
  const misuse = inYear.filter((f) => f.kind === 'substance_misuse')
  const received = misuse.length === 0 ? null : misuse.some((f) => f.code === 'received')
  const four = addYears(dateOfBirth, 4)
  const seventeen = addYears(dateOfBirth, 17)
  const sdqAge = four <= year.end && seventeen >= year.start
  const score = sdqAge ? (latest('sdq')?.sdqScore ?? null) : null
  const reason =
    !sdqAge || score !== null
      ? null
      : (latest('sdq_reason')?.code ?? (four > year.start || seventeen <= year.end ? 'SDQ1' : null))
  return {
    sdqScore: score,
    sdqReason: reason,
    convicted: age >= 10 ? has('offence') : null,
    healthCheck: age < 5 ? has('health_assessment', addMonths(year.end, -6)) : null,
    immunisations: latest('immunisations')?.upToDate === true,
    teethCheck: has('dental'),
    healthAssessment: has('health_assessment'),
    substanceMisuse: misuse.length > 0,
    interventionReceived: received,
    interventionOffered: received === false ? misuse.some((f) => f.code === 'offered') : null,
  }
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
