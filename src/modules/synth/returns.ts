/**
 * The synthetic authority's children as the DfE sees them in one collection year: the CIN
 * census (children in need at any point from 1 April to 31 March) and SSDA903 (children looked
 * after at any point in the year, care leavers at their birthdays, and last year's tables as
 * they stood at last year's end), with defects mixed in on request.
 *
 * Each child is turned first into the text of its records, exactly as a file would hold them;
 * defects are made on that text; then the returns engineers' `make*` functions build the model
 * from it, so a synthetic child is parsed exactly as a child read from a file would be.
 */
import { addCalendarDays, type IsoDate } from '../../platform/calendar/dates.js'
import type { CollectionYear } from '../returns/collection-year.js'
import { parseCollectionYear } from '../returns/collection-year.js'
import {
  RowNumbers,
  cinText,
  type AssessmentText,
  type CinChildText,
  type EpisodeText,
} from '../returns/cin/census.js'
import { CSV_FILE_NAMES } from '../returns/ssda903/csv.js'
import {
  SSDA903_TABLES,
  formatDfeDate,
  makeRow,
  type ColumnOf,
  type Ssda903Row,
  type Ssda903Table,
  type Ssda903Tables,
} from '../returns/ssda903/model.js'
import { periodStart, type Child, type SocialWorkerSpell } from './population.js'
import { streamFor, type Random } from './random.js'

// ---------------------------------------------------------------------------------------------
// Text forms: what the files will hold

type Cells<T extends Ssda903Table> = Partial<Record<ColumnOf<T>, string>>
export type Ssda903Text = { [T in Ssda903Table]?: Cells<T>[] }

export type DefectKind =
  | 'bad-code'
  | 'impossible-date'
  | 'blank-required'
  | 'overlapping-episodes'
  | 'duplicate-child'
  | 'date-outside-year'
  | 'assessment-before-referral'
  | 'bad-upn'

export const DEFECT_KINDS: readonly DefectKind[] = [
  'bad-code',
  'impossible-date',
  'blank-required',
  'overlapping-episodes',
  'duplicate-child',
  'date-outside-year',
  'assessment-before-referral',
  'bad-upn',
]

/** One child's part of each return, as text, before the model is built. */
export interface ChildReturnText {
  child: Child
  /** The child's CIN census record(s): none when not in need this year, two when duplicated. */
  cin: CinChildText[]
  ssda903: { current: Ssda903Text; previous: Ssda903Text }
  defects: DefectKind[]
}

export interface ReturnsOptions {
  year: CollectionYear
  laCode: string
  /** The fraction of children given a defect, 0 (clean, the default) to 1. */
  defects?: number
  /** The seed (defects are drawn from their own stream of it). */
  seed: string
}

// ---------------------------------------------------------------------------------------------
// SSDA903

const dfe = (d: IsoDate | null | undefined): string => (d ? formatDfeDate(d) : '')
const bit = (b: boolean | null): string => (b === null ? '' : b ? '1' : '0')

/** The year before: 2025/26 → 2024/25. */
export function previousYear(year: CollectionYear): CollectionYear {
  const first = Number(year.start.slice(0, 4)) - 1
  return parseCollectionYear(`${first}/${String((first + 1) % 100).padStart(2, '0')}`)
}

/**
 * The child's SSDA903 rows for a year, as they stood at that year's end: episodes open at any
 * point in it (an episode still open then has no end), and the other tables for those children
 * and for care leavers with a birthday from the 17th to the 21st in the year.
 */
export function ssda903Text(child: Child, year: CollectionYear, current = true): Ssda903Text {
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
    for (const s of lookedAfterAtEnd ? socialWorkerEpisodes(child) : []) {
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

/**
 * The child's social workers as SSDA903 reports them: those of each period of care and, before
 * it, the worker of the referral the child came into care from ("all social worker episodes for
 * the full year, even those whilst they were not looked after", SW12STG2), from the referral (a
 * first contact or re-referral, FCONTA) or from the end of the care before (back with the
 * referral's worker, TSPROC).
 */
function socialWorkerEpisodes(child: Child): SocialWorkerSpell[] {
  const spells = [...child.socialWorkers]
  let previousEnd: IsoDate | null = null
  for (const e of child.care) {
    if (e.reasonNew === 'S') {
      const r = child.referrals.find(
        (x) => x.referralDate < e.start && (x.closureDate === null || x.closureDate >= e.start),
      )
      const back = previousEnd !== null && r !== undefined && previousEnd > r.referralDate
      const from = r === undefined ? null : back ? (previousEnd as IsoDate) : r.referralDate
      if (r !== undefined && from !== null && from < e.start)
        spells.push({ workerId: r.workerId, start: from, end: e.start, reason: back ? 'TSPROC' : 'FCONTA' })
    }
    previousEnd = e.end
  }
  return spells.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0))
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

// ---------------------------------------------------------------------------------------------
// Defects

/**
 * Give the child a defect with probability `rate`, of a kind that applies to its records.
 * Defects are drawn from the child's own stream, so the same seed and rate give the same file.
 */
export function applyDefects(text: ChildReturnText, rate: number, seed: string, year: CollectionYear): void {
  if (!(rate > 0)) return
  const random = streamFor(seed, 'defects', text.child.index)
  if (!random.chance(rate)) return
  const kinds = DEFECT_KINDS.filter((k) => applies(k, text))
  if (kinds.length === 0) return
  const kind = random.pick(kinds)
  makeDefect(kind, text, random, year)
  text.defects.push(kind)
}

function applies(kind: DefectKind, t: ChildReturnText): boolean {
  const cin = t.cin[0]
  const episodes = t.ssda903.current.Episodes ?? []
  switch (kind) {
    case 'overlapping-episodes':
      return (cin !== undefined && cin.episodes.length >= 2) || episodes.length >= 2
    case 'assessment-before-referral':
      return cin !== undefined && cin.episodes.some((e) => e.assessments.length > 0)
    case 'bad-upn':
      return (cin?.identifiers.UPN ?? t.ssda903.current.Header?.[0]?.UPN ?? '').length === 13
    default:
      return cin !== undefined || episodes.length > 0
  }
}

function makeDefect(kind: DefectKind, t: ChildReturnText, random: Random, year: CollectionYear): void {
  const cin = t.cin[0]
  const header = t.ssda903.current.Header?.[0]
  const episodes = t.ssda903.current.Episodes ?? []
  const endYear = year.end.slice(0, 4)
  // Half the time on the CIN census, half on SSDA903, when the child is in both.
  const onCin = cin !== undefined && (episodes.length === 0 || random.chance(0.5))
  switch (kind) {
    case 'bad-code':
      if (onCin) {
        const e = random.pick(cin.episodes)
        if (random.chance(0.5)) cin.identifiers.Ethnicity = 'WBR1'
        else e.fields.ReferralSource = 'X9'
      } else random.pick(episodes).PLACE = 'Z9'
      return
    case 'impossible-date':
      if (onCin) cin.identifiers.PersonBirthDate = `${endYear}-02-31`
      else random.pick(episodes).DECOM = `31/02/${endYear}`
      return
    case 'blank-required':
      if (onCin) random.pick(cin.episodes).fields.ReferralSource = ''
      else random.pick(episodes).LS = ''
      return
    case 'overlapping-episodes':
      if (cin !== undefined && cin.episodes.length >= 2 && (episodes.length < 2 || onCin)) {
        const first = cin.episodes[0] as EpisodeText
        const second = cin.episodes[1] as EpisodeText
        first.fields.CINclosureDate = addCalendarDays(second.fields.CINreferralDate as string, 10)
        first.fields.ReasonForClosure ??= 'RC7'
      } else {
        const first = episodes[0] as Cells<'Episodes'>
        const second = episodes[1] as Cells<'Episodes'>
        first.DEC = dfe(addCalendarDays(isoOf(second.DECOM ?? ''), 7))
      }
      return
    case 'duplicate-child':
      if (cin) t.cin.push(structuredClone(cin))
      if (header) (t.ssda903.current.Header as Cells<'Header'>[]).push({ ...header })
      return
    case 'date-outside-year':
      if (onCin) {
        const e = cin.episodes[cin.episodes.length - 1] as EpisodeText
        e.fields.CINclosureDate = addCalendarDays(year.end, 20)
        e.fields.ReasonForClosure ??= 'RC7'
      } else (episodes[episodes.length - 1] as Cells<'Episodes'>).DECOM = dfe(addCalendarDays(year.end, 20))
      return
    case 'assessment-before-referral': {
      const e = (cin as CinChildText).episodes.find((x) => x.assessments.length > 0) as EpisodeText
      ;(e.assessments[0] as AssessmentText).fields.AssessmentActualStartDate = addCalendarDays(
        e.fields.CINreferralDate as string,
        -5,
      )
      return
    }
    case 'bad-upn': {
      const upn = cin?.identifiers.UPN ?? header?.UPN ?? ''
      const wrong = (upn.charAt(0) === 'A' ? 'B' : 'A') + upn.slice(1)
      if (cin?.identifiers.UPN) cin.identifiers.UPN = wrong
      if (header?.UPN) header.UPN = wrong
      return
    }
  }
}

function isoOf(dfeDate: string): string {
  return `${dfeDate.slice(6, 10)}-${dfeDate.slice(3, 5)}-${dfeDate.slice(0, 2)}`
}

// ---------------------------------------------------------------------------------------------
// A whole child

/** One child's records in both returns, as text, defects applied. */
export function childReturnText(child: Child, options: ReturnsOptions): ChildReturnText {
  const cin = cinText(child, options.year)
  const text: ChildReturnText = {
    child,
    cin: cin ? [cin] : [],
    ssda903: {
      current: ssda903Text(child, options.year),
      previous: ssda903Text(child, previousYear(options.year), false),
    },
    defects: [],
  }
  applyDefects(text, options.defects ?? 0, options.seed, options.year)
  return text
}
