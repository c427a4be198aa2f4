/**
 * An existing SSDA903 return's account of a child, as care's records (`haven returns import
 * --ssda903`): how an authority brings its children's time in care into Haven from another
 * system. Pure: the returns module reads the files; this decides what they mean for care's
 * periods, placements and episodes, and refuses what care could not hold as recorded.
 *
 * The rules, each the one the care module keeps as a worker records:
 * - a period of care starts with the first episode, or with an episode whose RNE is S, and ends
 *   with an episode whose reason ceased is not X1; between, each episode starts on the day the one
 *   before ended (no gaps, no overlaps), and an episode ended X1 is followed by one;
 * - a placement is shared by the episodes that a change of legal status alone started (RNE L with
 *   the same PLACE, provider, postcode and URN); any other change is a new placement;
 * - the category of need and the home postcode are the period's in Haven: a return whose episodes
 *   of one period differ in either cannot be held as it stands;
 * - a review, a missing episode, the previous permanence and UASC belong to the period they fall in;
 * - OC3, OC2, PlacedAdoption and AD1 as `import-records-model.ts` says (a care leaver with OC3
 *   alone, no episodes in the year, is imported with the contact alone);
 * - a deprivation of liberty order (DoLo) belongs to the period it was made in, under the rules a
 *   worker records one by (`doloRefusal`: after birth, no overlap, not while placed where rule 710
 *   forbids), and ends by the time that period does: `care_dolo_v` ends an order with care, so one
 *   the return has outlasting care would not come back as it stands (rule 707).
 *
 * SWEpisodes are not care's: the child's social worker episodes ride along (`socialWorkers`) for
 * the front door to import beside the care (`import-service.ts`).
 *
 * A child whose rows break a rule is not imported: the reason says which row, so the authority
 * fixes the return or its old system and runs the import again.
 */
import { createHash } from 'node:crypto'
import type { IsoDate } from '../../platform/calendar/dates.js'
import {
  planAdoption,
  planLeaverContact,
  planOc2,
  RowRefusal,
  type ImportedAd1,
  type ImportedLeaverContact,
  type ImportedOc2,
  type ImportedPlacedAdoption,
  type ImportYear,
  type PlannedAdoption,
  type PlannedLeaverContact,
  type PlannedOc2,
} from './import-records-model.js'
import type { ImportedSwEpisode } from '../frontdoor/sw-episode-import-model.js'
import { doloRefusal, type DoloSpan } from './dolo-model.js'
import { EPISODE_CONTINUES, type Rne } from './model.js'

/** One episode as the return has it (codes upper-cased, blanks null). */
export interface ImportedEpisode {
  start: IsoDate
  end: IsoDate | null
  rne: string
  legalStatus: string
  categoryOfNeed: string
  place: string
  provider: string | null
  reasonCeased: string | null
  reasonPlaceChange: string | null
  homePostcode: string | null
  placementPostcode: string | null
  /** Null when the return says XXXXXXX (no URN) or leaves it blank. */
  urn: string | null
}

/** A child's rows in the return, each list in date order. */
export interface ImportedChild {
  laChildId: string
  episodes: readonly ImportedEpisode[]
  reviews: readonly { date: IsoDate; participation: string }[]
  missing: readonly { kind: string; start: IsoDate; end: IsoDate | null }[]
  previousPermanence: { kind: string; date: IsoDate | null; la: string | null } | null
  /** The UASC row: the date the status ceased (DUC). */
  uasc: { ceased: IsoDate | null } | null
  /** The return's year and the child's date of birth, which OC2 and OC3 depend on. */
  year?: ImportYear
  dateOfBirth?: IsoDate | null
  /** The OC3, OC2, PlacedAdoption and AD1 rows (`import-records-model.ts`). */
  careLeaver?: ImportedLeaverContact | null
  oc2?: ImportedOc2 | null
  placedAdoption?: ImportedPlacedAdoption | null
  ad1?: ImportedAd1 | null
  /** The DoLo rows: each order's start (DOLO_START) and end (DOLO_END). */
  dolo?: readonly { start: IsoDate; end: IsoDate | null }[]
  /** The SWEpisodes rows, which the front door imports (not part of care's plan). */
  socialWorkers?: readonly ImportedSwEpisode[]
}

export interface PlannedEpisode {
  start: IsoDate
  end: IsoDate | null
  rne: Rne
  legalStatus: string
  rec: string | null
  reasonPlaceChange: string | null
}

export interface PlannedPlacement {
  start: IsoDate
  end: IsoDate | null
  place: string
  provider: string | null
  postcode: string | null
  urn: string | null
  episodes: PlannedEpisode[]
}

export interface PlannedPeriod {
  start: IsoDate
  end: IsoDate | null
  reasonCeased: string | null
  categoryOfNeed: string
  homePostcode: string | null
  placements: PlannedPlacement[]
  reviews: { date: IsoDate; participation: string }[]
  missing: { kind: 'M' | 'A'; start: IsoDate; end: IsoDate | null }[]
  previousPermanence: { kind: 'P1' | 'P2' | 'P3' | 'Z1'; date: IsoDate | null; la: string | null } | null
  /** OC2's facts, on the period looked after for the 12 months to 31 March. */
  oc2?: PlannedOc2
  adoption?: PlannedAdoption
  /** Deprivation of liberty orders made in the period (set only when there are any). */
  dolo?: { start: IsoDate; end: IsoDate | null }[]
}

export interface CarePlan {
  periods: PlannedPeriod[]
  /** UASC from the start of the child's first period in the return (the return gives no start). */
  uasc: { from: IsoDate; ceased: IsoDate | null } | null
  /** OC3: the contact about the birthday in the year (a care leaver may have no episodes in it). */
  careLeaver?: PlannedLeaverContact
}

/** Why a child's rows cannot be held as care's records. */
export class ImportRefusal extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ImportRefusal'
  }
}

const FORMATS = {
  rne: /^[SLPTUB]$/,
  legalStatus: /^[A-Z][0-9]$/,
  categoryOfNeed: /^N[1-8]$/,
  place: /^[A-Z][0-9]{1,2}$/,
  provider: /^PR[0-5]$/,
  rec: /^(X1|E[0-9]{1,2}[AB]?)$/,
  reasonPlaceChange: /^(CARPL|CLOSE|ALLEG|STAND|APPRR|CREQB|CREQO|CHILD|LAREQ|PLACE|CUSTOD|OTHER)$/,
  postcode: /^[A-Z0-9]{2,4} [0-9][A-Z]{2}$/,
  urn: /^[A-Z0-9]{1,12}$/,
  participation: /^PN[0-7]$/,
  missing: /^[MA]$/,
  prevPerm: /^(P1|P2|P3|Z1)$/,
  la: /^([0-9]{3}|WAL|SCO|NIR|NUK)$/,
} as const

function check(ok: boolean, message: string): void {
  if (!ok) throw new ImportRefusal(message)
}

const words = (d: IsoDate): string => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`

/** The periods, placements and episodes care would hold for the child; throws ImportRefusal. */
export function planCare(child: ImportedChild): CarePlan {
  check(
    child.episodes.length > 0 || child.careLeaver != null,
    'no episodes: a child is imported with their episodes of care (or a care leaver with OC3)',
  )
  const periods: PlannedPeriod[] = []
  let period: PlannedPeriod | null = null
  let placement: PlannedPlacement | null = null
  let last: ImportedEpisode | null = null
  for (const e of child.episodes) {
    const at = `the episode starting ${words(e.start)}`
    checkEpisode(e, at)
    if (last !== null) {
      check(last.end !== null, `${at} starts while the one from ${words(last.start)} has no end date`)
      const lastEnd = last.end as IsoDate
      if (last.reasonCeased === EPISODE_CONTINUES)
        check(
          e.start === lastEnd && e.rne !== 'S',
          `${at} does not continue the one ended ${words(lastEnd)} with X1 (it must start that day, not with RNE S)`,
        )
      else
        check(
          e.rne === 'S' && e.start >= lastEnd,
          `${at} follows the end of care on ${words(lastEnd)}: it must start a new period (RNE S) on or after that day`,
        )
    }
    const newPeriod: boolean = period === null || last?.reasonCeased !== EPISODE_CONTINUES
    if (newPeriod) {
      period = {
        start: e.start,
        end: null,
        reasonCeased: null,
        categoryOfNeed: e.categoryOfNeed,
        homePostcode: e.homePostcode,
        placements: [],
        reviews: [],
        missing: [],
        previousPermanence: null,
      }
      periods.push(period)
      placement = null
    }
    const p = period as PlannedPeriod
    check(
      e.categoryOfNeed === p.categoryOfNeed,
      `${at} has category of need ${e.categoryOfNeed}, the period’s first ${p.categoryOfNeed}: Haven keeps one a period`,
    )
    check(
      e.homePostcode === p.homePostcode,
      `${at} has home postcode ${e.homePostcode ?? 'blank'}, the period’s first ${p.homePostcode ?? 'blank'}: Haven keeps one a period`,
    )
    const samePlace =
      placement !== null &&
      e.rne === 'L' &&
      placement.place === e.place &&
      placement.provider === e.provider &&
      placement.postcode === e.placementPostcode &&
      placement.urn === e.urn
    if (!samePlace) {
      if (placement !== null) placement.end = e.start
      placement = {
        start: e.start,
        end: null,
        place: e.place,
        provider: e.provider,
        postcode: e.placementPostcode,
        urn: e.urn,
        episodes: [],
      }
      p.placements.push(placement)
    }
    ;(placement as PlannedPlacement).episodes.push({
      start: e.start,
      end: e.end,
      rne: e.rne as Rne,
      legalStatus: e.legalStatus,
      rec: e.reasonCeased,
      reasonPlaceChange: e.reasonPlaceChange,
    })
    if (e.end !== null && e.reasonCeased !== EPISODE_CONTINUES) {
      p.end = e.end
      p.reasonCeased = e.reasonCeased
      ;(placement as PlannedPlacement).end = e.end
    }
    last = e
  }
  check(
    last?.reasonCeased !== EPISODE_CONTINUES,
    `the last episode ends ${words(last?.end ?? '')} with X1, but no episode follows it`,
  )

  for (const r of child.reviews) {
    check(
      FORMATS.participation.test(r.participation),
      `the review of ${words(r.date)}: participation ${r.participation} is not PN0–PN7`,
    )
    periodOn(periods, r.date, `the review of ${words(r.date)}`).reviews.push(r)
  }
  for (const m of child.missing) {
    const at = `the missing episode starting ${words(m.start)}`
    check(FORMATS.missing.test(m.kind), `${at}: ${m.kind} is not M or A`)
    check(m.end === null || m.end >= m.start, `${at} ends before it starts`)
    periodOn(periods, m.start, at).missing.push({ kind: m.kind as 'M' | 'A', start: m.start, end: m.end })
  }
  check(
    child.missing.filter((m) => m.end === null).length <= 1,
    'more than one missing episode has no end: a child is missing or back',
  )
  const pp = child.previousPermanence
  if (pp !== null) {
    check(FORMATS.prevPerm.test(pp.kind), `previous permanence ${pp.kind} is not P1, P2, P3 or Z1`)
    check(
      (pp.kind === 'Z1') === (pp.date === null),
      pp.kind === 'Z1'
        ? 'previous permanence Z1 (none) has a date'
        : `previous permanence ${pp.kind} has no date of the order: Haven asks for it`,
    )
    check(
      pp.la === null || FORMATS.la.test(pp.la),
      `previous permanence’s authority ${pp.la ?? ''} is not an LA code`,
    )
    check(periods.length > 0, 'previous permanence for a child with no episodes of care in the return')
    // The 903 asks it of the period that started in the year: the last one.
    ;(periods.at(-1) as PlannedPeriod).previousPermanence = {
      kind: pp.kind as 'P1' | 'P2' | 'P3' | 'Z1',
      date: pp.date,
      la: pp.kind === 'Z1' ? null : pp.la,
    }
  }
  const first = periods[0]
  check(child.uasc === null || first !== undefined, 'UASC for a child with no episodes of care in the return')
  const uasc = child.uasc && { from: (first as PlannedPeriod).start, ceased: child.uasc.ceased }
  if (uasc?.ceased != null)
    check(uasc.ceased >= uasc.from, `UASC ceased ${words(uasc.ceased)}, before care started`)
  planDolo(child, periods)
  const plan: CarePlan = { periods, uasc }
  planOtherRows(child, plan)
  return plan
}

/** An order in force is in force through every later episode in the return. */
const IN_FORCE_UNTIL = '9999-12-31'

/** Each DoLo onto the period it was made in, checked as care checks an order recorded. */
function planDolo(child: ImportedChild, periods: PlannedPeriod[]): void {
  const orders = [...(child.dolo ?? [])].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0))
  const episodes = periods.flatMap((p) =>
    p.placements.flatMap((pl) => pl.episodes.map((e) => ({ start: e.start, end: e.end, place: pl.place }))),
  )
  const planned: DoloSpan[] = []
  for (const d of orders) {
    const at = `DoLo: the order made ${words(d.start)}`
    const p = periodOn(periods, d.start, at)
    if (p.end !== null)
      check(
        d.end !== null && d.end <= p.end,
        `${at} ${d.end === null ? 'has no end' : `ends ${words(d.end)}`}, but care ended ${words(p.end)}: an order ends with care (rule 707)`,
      )
    const refused = doloRefusal(d, {
      dateOfBirth: child.dateOfBirth ?? null,
      periodStart: p.start,
      others: planned,
      episodes,
      today: IN_FORCE_UNTIL,
    })
    if (refused !== null)
      throw new ImportRefusal(`${at}: ${refused.message.charAt(0).toLowerCase()}${refused.message.slice(1)}`)
    planned.push({ id: planned.length, start: d.start, end: d.end })
    ;(p.dolo ??= []).push({ start: d.start, end: d.end })
  }
}

/** OC3, OC2, PlacedAdoption and AD1 onto the plan (each set only when the return has the row). */
function planOtherRows(child: ImportedChild, plan: CarePlan): void {
  const { periods } = plan
  const rows = [child.careLeaver, child.oc2, child.placedAdoption, child.ad1]
  if (rows.every((r) => r == null)) return
  check(child.year !== undefined, 'the return’s year is not known')
  const year = child.year as ImportYear
  const dob = child.dateOfBirth ?? null
  try {
    if (child.careLeaver) plan.careLeaver = planLeaverContact(child.careLeaver, dob, year)
    if (child.oc2) {
      const last = periods.at(-1)
      const oc2 = planOc2(child.oc2, dob, year, last)
      ;(last as PlannedPeriod).oc2 = oc2
    }
    const adoption = planAdoption(child.placedAdoption ?? null, child.ad1 ?? null, periods, year)
    if (adoption) (periods[adoption.period] as PlannedPeriod).adoption = adoption.adoption
  } catch (err) {
    if (err instanceof RowRefusal) throw new ImportRefusal(err.message)
    throw err
  }
}

function checkEpisode(e: ImportedEpisode, at: string): void {
  const code = (name: keyof typeof FORMATS, value: string | null, label: string, blank = false): void => {
    if (value === null) check(blank, `${at} has no ${label}`)
    else check(FORMATS[name].test(value), `${at}: ${label} ${value} is not a valid code`)
  }
  code('rne', e.rne, 'reason for new episode (RNE)')
  code('legalStatus', e.legalStatus, 'legal status (LS)')
  code('categoryOfNeed', e.categoryOfNeed, 'category of need (CIN)')
  code('place', e.place, 'placement type (PLACE)')
  code('provider', e.provider, 'placement provider', true)
  code('rec', e.reasonCeased, 'reason episode ceased (REC)', e.end === null)
  code('reasonPlaceChange', e.reasonPlaceChange, 'reason for placement change', true)
  code('postcode', e.homePostcode, 'home postcode', true)
  code('postcode', e.placementPostcode, 'placement postcode', true)
  code('urn', e.urn, 'URN', true)
  check(
    (e.end === null) === (e.reasonCeased === null),
    `${at} has ${e.end === null ? 'a reason ceased but no end date' : 'an end date but no reason ceased'}`,
  )
  check(e.end === null || e.end >= e.start, `${at} ends before it starts`)
  check(
    e.reasonPlaceChange === null || e.reasonCeased === EPISODE_CONTINUES,
    `${at} has a reason for placement change but did not end with X1`,
  )
}

/** The period in which a day falls (from its start to its end, or open). */
function periodOn(periods: PlannedPeriod[], day: IsoDate, what: string): PlannedPeriod {
  const p = periods.findLast((q) => q.start <= day && (q.end === null || day <= q.end))
  check(p !== undefined, `${what} is not in a period of care in the return`)
  return p as PlannedPeriod
}

/** What would be written for the child, as a digest: the same rows give the same fingerprint. */
export function fingerprint(plan: CarePlan): string {
  return createHash('sha256').update(JSON.stringify(plan)).digest('hex')
}
