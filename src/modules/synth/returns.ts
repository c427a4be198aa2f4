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
import { previousYear } from '../returns/collection-year.js'
import { cinText, type AssessmentText, type CinChildText, type EpisodeText } from '../returns/cin/census.js'
import { formatDfeDate } from '../returns/ssda903/model.js'
import type { Child, SocialWorkerSpell } from './population.js'
import { streamFor, type Random } from './random.js'
import { ssda903YearText, type Cells, type Ssda903Text } from '../returns/ssda903/year-text.js'

// ---------------------------------------------------------------------------------------------
// Text forms: what the files will hold

export type { Ssda903Text }
export { previousYear }

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

/** The child's SSDA903 rows for a year (`ssda903YearText`), its social workers as the synthetic authority has them. */
export function ssda903Text(child: Child, year: CollectionYear, current = true): Ssda903Text {
  return ssda903YearText({ ...child, socialWorkerEpisodes: () => socialWorkerEpisodes(child) }, year, current)
}

/**
 * The child's social workers as SSDA903 reports them: those of each period of care and, before
 * it, the worker of the referral the child came into care from ("all social worker episodes for
 * the full year, even those whilst they were not looked after", SW12STG2), from the referral (a
 * first worker, written FCONTA as the episode view writes it) or from the end of the care before (back with the
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
