/**
 * A child's SSDA903 rows for one collection year, as text, decided once for every source of
 * records: Haven's own (the export, `../ssda903-export/`) and the synthetic authority
 * (`synth/returns.ts`). Which episodes, reviews and social workers a year holds, who is asked
 * about motherhood, who is in OC2's cohort and which care leavers go in OC3 are settled here, so
 * the two cannot come to differ. Pure: no I/O.
 */
import type { IsoDate } from '../../../platform/calendar/dates.js'
import type { CollectionYear } from '../collection-year.js'
import type { RowNumbers } from '../cin/census.js'
import { CSV_FILE_NAMES } from './csv.js'
import {
  SSDA903_TABLES,
  formatDfeDate,
  makeRow,
  type ColumnOf,
  type Ssda903Row,
  type Ssda903Table,
  type Ssda903Tables,
} from './model.js'

export type Cells<T extends Ssda903Table> = Partial<Record<ColumnOf<T>, string>>
export type Ssda903Text = { [T in Ssda903Table]?: Cells<T>[] }

/** An episode of care with the 903's codes. */
export interface CareEpisodeRecord {
  start: IsoDate
  end: IsoDate | null
  reasonNew: string
  legalStatus: string
  categoryOfNeed: string
  placement: string
  provider: string | null
  reasonCeased: string | null
  /** Why the placement changed, on the episode that ended with the change (rules 225, 233). */
  reasonPlaceChange: string | null
  homePostcode: string
  placementPostcode: string
  urn: string
}

/** A social worker's time with the child, as SWEpisodes reports it (SW_REASON: why they took the child on). */
export interface SocialWorkerEpisode {
  workerId: string
  start: IsoDate
  end: IsoDate | null
  reason: string
}

/** A deprivation of liberty order (DoLo, collected from 2026/27). */
export interface DeprivationOfLiberty {
  start: IsoDate
  end: IsoDate | null
}

/** The first collection year with a DoLo table: the DfE first defined it (rules 700–710) for 2026/27. */
export const DOLO_COLLECTED_FROM: IsoDate = '2026-04-01'

/** Whether a collection year's return has a DoLo table. */
export const yearHasDolo = (year: CollectionYear): boolean => year.start >= DOLO_COLLECTED_FROM

export interface HealthRecord {
  sdqScore: number | null
  sdqReason: string | null
  convicted: boolean | null
  healthCheck: boolean | null
  immunisations: boolean
  teethCheck: boolean
  healthAssessment: boolean
  substanceMisuse: boolean
  interventionReceived: boolean | null
  interventionOffered: boolean | null
}

export interface AdoptionRecord {
  /** The decision that the child should be placed for adoption. */
  decision: IsoDate
  matched: IsoDate | null
  adopted: IsoDate | null
  byFosterCarer: boolean
  adopters: number
  adopterSexes: string
  adopterLegalStatus: string
  reversed: { date: IsoDate; reason: string } | null
}

/** What the 903 asks of a child, whatever holds the records. Episodes in date order, every period. */
export interface LookedAfterChild {
  laChildId: string
  sex: string
  dateOfBirth: IsoDate | null
  ethnicity: string
  upn: string | null
  /** The reason a UPN is not known (UN1–UN10), written in its place. */
  upnUnknown: string | null
  /** A young mother in care: her own child's date of birth. */
  motherOfChildBorn: IsoDate | null
  uasc: { ceased: IsoDate } | null
  care: readonly CareEpisodeRecord[]
  lacReviews: readonly { date: IsoDate; participation: string }[]
  missing: readonly { kind: string; start: IsoDate; end: IsoDate | null }[]
  adoption: AdoptionRecord | null
  /** PREV_PERM, DATE_PERM and LA_PERM (the DfE code of the authority that arranged the order). */
  previousPermanence: { kind: string; date: IsoDate | null; la: string | null } | null
  /** Asked only of a child looked after on 31 March, so a source may work them out lazily. */
  socialWorkerEpisodes(): readonly SocialWorkerEpisode[]
  /** Deprivation of liberty orders, in date order (a source that holds none leaves it out). */
  dolo?: readonly DeprivationOfLiberty[]
  health: HealthRecord | null
  careLeaver: readonly { birthday: IsoDate; inTouch: string; activity: string; accommodation: string }[]
}

const dfe = (d: IsoDate | null | undefined): string => (d ? formatDfeDate(d) : '')
const bit = (b: boolean | null): string => (b === null ? '' : b ? '1' : '0')

/** The start of the last period of care (the last episode that started one, RNE S). */
export function periodStart(care: readonly CareEpisodeRecord[]): IsoDate {
  for (let i = care.length - 1; i >= 0; i--)
    if ((care[i] as CareEpisodeRecord).reasonNew === 'S') return (care[i] as CareEpisodeRecord).start
  return (care[0] as CareEpisodeRecord).start
}

/**
 * The child's SSDA903 rows for a year, as they stood at that year's end: episodes open at any
 * point in it (an episode still open then has no end), and the other tables for those children
 * and for care leavers with a birthday from the 17th to the 21st in the year.
 */
export function ssda903YearText(child: LookedAfterChild, year: CollectionYear, current = true): Ssda903Text {
  const out: Ssda903Text = {}
  const add = <T extends Ssda903Table>(table: T, cells: Cells<T>): void => {
    ;(
      (out[table] as Cells<T>[] | undefined) ?? ((out as Record<string, unknown>)[table] = [] as Cells<T>[])
    ).push(cells)
  }
  const id = child.laChildId
  const dob = dfe(child.dateOfBirth)
  const care = child.care.filter((e) => e.start <= year.end && (e.end === null || e.end >= year.start))
  const leaver = child.careLeaver.filter((s) => s.birthday >= year.start && s.birthday <= year.end)
  if ((care.length === 0 && leaver.length === 0) || child.dateOfBirth === null) return out

  // Motherhood is asked of girls looked after in the year; a care leaver reported only in OC3
  // leaves it blank (rule 628).
  const mother = child.sex === 'F' && care.length > 0
  const hadChild = mother && child.motherOfChildBorn !== null && child.motherOfChildBorn <= year.end
  add('Header', {
    CHILD: id,
    SEX: child.sex,
    DOB: dob,
    ETHNIC: child.ethnicity,
    UPN: child.upn ?? child.upnUnknown ?? '',
    MOTHER: mother ? (hadChild ? '1' : '0') : '',
    MC_DOB: hadChild ? dfe(child.motherOfChildBorn) : '',
  })
  for (const e of care) {
    const open = e.end === null || e.end > year.end
    add('Episodes', {
      CHILD: id,
      DECOM: dfe(e.start),
      RNE: e.reasonNew,
      LS: e.legalStatus,
      CIN: e.categoryOfNeed,
      PLACE: e.placement,
      PLACE_PROVIDER: e.provider ?? '',
      DEC: open ? '' : dfe(e.end),
      REC: open ? '' : (e.reasonCeased ?? ''),
      // Only an episode that has ended can say why its placement changed (rule 233).
      REASON_PLACE_CHANGE: open ? '' : (e.reasonPlaceChange ?? ''),
      HOME_POST: e.homePostcode,
      PL_POST: e.placementPostcode,
      URN: e.urn,
    })
  }
  if (care.length > 0) {
    for (const r of child.lacReviews) {
      if (r.date < year.start || r.date > year.end) continue
      add('Reviews', { CHILD: id, DOB: dob, REVIEW: dfe(r.date), REVIEW_CODE: r.participation })
    }
    if (child.uasc) add('UASC', { CHILD: id, SEX: child.sex, DOB: dob, DUC: dfe(child.uasc.ceased) })
    for (const m of child.missing) {
      if (m.start > year.end || (m.end !== null && m.end < year.start)) continue
      const end = m.end !== null && m.end <= year.end ? m.end : null
      add('Missing', { CHILD: id, DOB: dob, MISSING: m.kind, MIS_START: dfe(m.start), MIS_END: dfe(end) })
    }
    // Social workers are reported for children looked after on 31 March (not on short breaks),
    // every episode of the year with the reason the worker took the child on (SW01b, SW13, SW17).
    const lastEpisode = care[care.length - 1]
    const lookedAfterAtEnd =
      lastEpisode !== undefined &&
      (lastEpisode.end === null || lastEpisode.end > year.end) &&
      lastEpisode.legalStatus !== 'V3' &&
      lastEpisode.legalStatus !== 'V4'
    for (const s of lookedAfterAtEnd ? child.socialWorkerEpisodes() : []) {
      if (s.start > year.end || (s.end !== null && s.end < year.start)) continue
      const ended = s.end !== null && s.end <= year.end
      add('SWEpisodes', {
        CHILD: id,
        DOB: dob,
        SW_ID: s.workerId,
        SW_DECOM: dfe(s.start),
        SW_DEC: ended ? dfe(s.end) : '',
        SW_REASON: s.reason,
      })
    }
    // DoLOs in force at some point in the year, from 2026/27: one still in force at its end has
    // no DOLO_END (rules 703, 704).
    for (const d of yearHasDolo(year) ? (child.dolo ?? []) : []) {
      if (d.start > year.end || (d.end !== null && d.end < year.start)) continue
      const ended = d.end !== null && d.end <= year.end
      add('DoLo', { CHILD: id, DOB: dob, DOLO_START: dfe(d.start), DOLO_END: ended ? dfe(d.end) : '' })
    }
    const startedInYear = care.some((e) => e.reasonNew === 'S' && e.start >= year.start)
    if (startedInYear && child.previousPermanence) {
      const p = child.previousPermanence
      add('PrevPerm', { CHILD: id, DOB: dob, PREV_PERM: p.kind, LA_PERM: p.la ?? '', DATE_PERM: dfe(p.date) })
    }
    // OC2: looked after continuously for 12 months at 31 March, as the DfE counts it (rule 191):
    // in care since 1 April at the latest and not left before 31 March.
    const last = care[care.length - 1]
    if (
      // Health is known at the end of this year only, so last year's file has no OC2.
      current &&
      child.health &&
      last &&
      (last.end === null || last.end >= year.end) &&
      periodStart(child.care) <= year.start
    ) {
      const h = child.health
      add('OC2', {
        CHILD: id,
        DOB: dob,
        SDQ_SCORE: h.sdqScore === null ? '' : String(h.sdqScore),
        SDQ_REASON: h.sdqReason ?? '',
        CONVICTED: bit(h.convicted),
        HEALTH_CHECK: bit(h.healthCheck),
        IMMUNISATIONS: bit(h.immunisations),
        TEETH_CHECK: bit(h.teethCheck),
        HEALTH_ASSESSMENT: bit(h.healthAssessment),
        SUBSTANCE_MISUSE: bit(h.substanceMisuse),
        INTERVENTION_RECEIVED: bit(h.interventionReceived),
        INTERVENTION_OFFERED: bit(h.interventionOffered),
      })
    }
    const a = child.adoption
    if (a && a.decision <= year.end) {
      add('PlacedAdoption', {
        CHILD: id,
        DOB: dob,
        DATE_PLACED: dfe(a.decision),
        DATE_PLACED_CEASED: a.reversed && a.reversed.date <= year.end ? dfe(a.reversed.date) : '',
        REASON_PLACED_CEASED: a.reversed && a.reversed.date <= year.end ? a.reversed.reason : '',
      })
      if (a.adopted && a.adopted >= year.start && a.adopted <= year.end) {
        add('AD1', {
          CHILD: id,
          DOB: dob,
          DATE_INT: dfe(a.decision),
          DATE_MATCH: dfe(a.matched),
          FOSTER_CARE: a.byFosterCarer ? '1' : '0',
          NB_ADOPTR: String(a.adopters),
          SEX_ADOPTR: a.adopterSexes,
          LS_ADOPTR: a.adopterLegalStatus,
        })
      }
    }
  }
  for (const s of leaver.slice(-1)) {
    add('OC3', { CHILD: id, DOB: dob, IN_TOUCH: s.inTouch, ACTIV: s.activity, ACCOM: s.accommodation })
  }
  return out
}

/** Build one year's rows of a child from its text, numbering rows within each table. */
export function buildSsda903Rows(
  text: Ssda903Text,
  rows: RowNumbers,
  into: Ssda903Tables,
  yearLabel = '',
): void {
  for (const table of SSDA903_TABLES) {
    const list = text[table] as Cells<typeof table>[] | undefined
    if (!list) continue
    const target = ((into as Record<string, unknown[]>)[table] ??= []) as Ssda903Row<typeof table>[]
    for (const cells of list) {
      target.push(
        makeRow(table, cells, {
          file: `${yearLabel}${CSV_FILE_NAMES[table]}`,
          row: rows.take(`${yearLabel}${table}`),
        }),
      )
    }
  }
}
