/**
 * A child's CIN census record for a collection year, from what is known of the child: who they
 * are and their referrals with what followed each (assessments, CIN plans, section 47 enquiries,
 * CP plans). The same rules of inclusion for Haven's own records (the census exported from the
 * database) and for the synthetic authority (the files `haven synth` writes), so the two agree.
 *
 * The record is first written as the text a file would hold (`cinText`); the synthetic authority
 * makes its deliberate defects on that text; then the model is built from it (`buildCinChild`)
 * with the same `make*` functions the reader uses, so it is parsed exactly as a file would be.
 */
import type { IsoDate } from '../../../platform/calendar/dates.js'
import type { CollectionYear } from '../collection-year.js'
import {
  makeAssessment,
  makeChild,
  makeCinDetails,
  makeCinPlan,
  makeCpPlan,
  makeDisability,
  makeFactor,
  makeHeader,
  makeReview,
  makeSection47,
  type AssessmentField,
  type CinChild,
  type CinDetailsField,
  type CinHeader,
  type CinPlanField,
  type CpPlanField,
  type IdentifierField,
  type Section47Field,
  type SourceText,
} from './model.js'
import type { CinChildXmlSource } from './xml-write.js'

/** What the census needs to know of a child: Haven's records and the synthetic authority both give this. */
export interface CinRecordsOfChild {
  laChildId: string
  upn: string | null
  /** The UN code saying why there is no UPN. */
  upnUnknown: string | null
  dateOfBirth: IsoDate | null
  expectedDateOfBirth: IsoDate | null
  sex: string
  dateOfDeath: IsoDate | null
  ethnicity: string
  disabilities: readonly string[]
  referrals: readonly CinReferralRecord[]
}

export interface CinReferralRecord {
  referralDate: IsoDate
  source: string
  primaryNeed: string | null
  nfa: boolean
  closureDate: IsoDate | null
  closureReason: string | null
  assessments: readonly { start: IsoDate; authorised: IsoDate | null; factors: readonly string[] }[]
  cinPlans: readonly { start: IsoDate; end: IsoDate | null }[]
  section47s: readonly {
    start: IsoDate
    icpcTarget: IsoDate
    icpc: IsoDate | null
    icpcNotRequired: boolean
    /** When the enquiry ended: the ICPC, or the decision that none was needed. */
    completed: IsoDate | null
  }[]
  cpPlans: readonly {
    start: IsoDate
    end: IsoDate | null
    initialCategory: string
    latestCategory: string
    previousPlans: number
    reviews: readonly IsoDate[]
  }[]
}

// ---------------------------------------------------------------------------------------------
// Text forms: what the file will hold

export interface AssessmentText {
  fields: SourceText<AssessmentField>
  factors: string[]
}

export interface CpPlanText {
  fields: SourceText<CpPlanField>
  reviews: string[]
}

export interface EpisodeText {
  fields: SourceText<CinDetailsField>
  assessments: AssessmentText[]
  cinPlans: SourceText<CinPlanField>[]
  section47s: SourceText<Section47Field>[]
  cpPlans: CpPlanText[]
}

export interface CinChildText {
  identifiers: SourceText<IdentifierField | 'Ethnicity'>
  disabilities: string[]
  episodes: EpisodeText[]
}

// ---------------------------------------------------------------------------------------------
// The CIN census

const flag = (b: boolean): string => (b ? 'true' : 'false')

/**
 * Whether something that ran from `start` to `end` was going on in the year: started by its last
 * day and not finished before its first. The census is as at the reference date, so what
 * happened after it is not in it (`byYearEnd`).
 */
function within(start: IsoDate, end: IsoDate | null, year: CollectionYear): boolean {
  return start <= year.end && (end === null || end >= year.start)
}

/** A date the census can know of: on or before the year's last day, else nothing yet. */
function byYearEnd(date: IsoDate | null, year: CollectionYear): IsoDate | null {
  return date !== null && date <= year.end ? date : null
}

/**
 * The child's CIN census record for the year, or null when the child was not in need in it.
 * An episode is in the census when open at any point in the year. Within it, the census asks
 * for what happened in the year and what was still open: assessments, S47s and plans finished
 * before 1 April are left out (rules 8696, 8715, 4013, 8930 expect their end dates in the year).
 */
export function cinText(child: CinRecordsOfChild, year: CollectionYear): CinChildText | null {
  const episodes: EpisodeText[] = []
  for (const r of child.referrals) {
    if (r.referralDate > year.end) continue
    if (r.closureDate !== null && r.closureDate < year.start) continue
    episodes.push(episodeText(r, year))
  }
  if (episodes.length === 0) return null
  const identifiers: SourceText<IdentifierField | 'Ethnicity'> = { LAchildID: child.laChildId }
  if (child.upn) identifiers.UPN = child.upn
  if (child.upnUnknown) identifiers.UPNunknown = child.upnUnknown
  // A child born after the year, unborn on its last day, is written as it then stood: the
  // expected date of birth and sex U (rules 8520 and 8750). One born during the year has its date.
  const unbornAtYearEnd =
    child.dateOfBirth !== null && child.dateOfBirth > year.end && child.expectedDateOfBirth !== null
  if (child.dateOfBirth && !unbornAtYearEnd) identifiers.PersonBirthDate = child.dateOfBirth
  else if (child.expectedDateOfBirth) identifiers.ExpectedPersonBirthDate = child.expectedDateOfBirth
  identifiers.Sex = unbornAtYearEnd ? 'U' : child.sex
  if (child.dateOfDeath && child.dateOfDeath <= year.end) identifiers.PersonDeathDate = child.dateOfDeath
  identifiers.Ethnicity = child.ethnicity
  const disabilities = child.disabilities.length > 0 ? [...child.disabilities] : ['NONE']
  return { identifiers, disabilities, episodes }
}

function episodeText(r: CinReferralRecord, year: CollectionYear): EpisodeText {
  const fields: SourceText<CinDetailsField> = {
    CINreferralDate: r.referralDate,
    ReferralSource: r.source,
  }
  if (r.primaryNeed !== null) fields.PrimaryNeedCode = r.primaryNeed
  if (r.closureDate !== null && r.closureDate <= year.end) {
    fields.CINclosureDate = r.closureDate
    if (r.closureReason !== null) fields.ReasonForClosure = r.closureReason
  }
  fields.ReferralNFA = flag(r.nfa)
  const assessments: AssessmentText[] = []
  for (const a of r.assessments) {
    const authorised = byYearEnd(a.authorised, year)
    if (!within(a.start, authorised, year)) continue
    const text: SourceText<AssessmentField> = { AssessmentActualStartDate: a.start }
    if (authorised !== null) text.AssessmentAuthorisationDate = authorised
    assessments.push({ fields: text, factors: authorised !== null ? [...a.factors] : [] })
  }
  const cinPlans: SourceText<CinPlanField>[] = []
  for (const p of r.cinPlans) {
    const end = byYearEnd(p.end, year)
    if (!within(p.start, end, year)) continue
    const text: SourceText<CinPlanField> = { CINPlanStartDate: p.start }
    if (end !== null) text.CINPlanEndDate = end
    cinPlans.push(text)
  }
  const section47s: SourceText<Section47Field>[] = []
  for (const s of r.section47s) {
    if (!within(s.start, byYearEnd(s.completed, year), year)) continue
    const text: SourceText<Section47Field> = { S47ActualStartDate: s.start, InitialCPCtarget: s.icpcTarget }
    const icpc = byYearEnd(s.icpc, year)
    if (icpc !== null) text.DateOfInitialCPC = icpc
    // A conference decided against after the year was still to be decided at its end.
    text.ICPCnotRequired = flag(s.icpcNotRequired && byYearEnd(s.completed, year) !== null)
    section47s.push(text)
  }
  const cpPlans: CpPlanText[] = []
  for (const p of r.cpPlans) {
    const end = byYearEnd(p.end, year)
    if (!within(p.start, end, year)) continue
    const text: SourceText<CpPlanField> = { CPPstartDate: p.start }
    if (end !== null) text.CPPendDate = end
    text.InitialCategoryOfAbuse = p.initialCategory
    text.LatestCategoryOfAbuse = p.latestCategory
    text.NumberOfPreviousCPP = String(p.previousPlans)
    cpPlans.push({ fields: text, reviews: p.reviews.filter((d) => d >= year.start && d <= year.end) })
  }
  return { fields, assessments, cinPlans, section47s, cpPlans }
}

/** The CIN header Haven writes: LA-level, software Haven, made on 20 April after the year. */
export function cinHeaderFor(year: CollectionYear, laCode: string): CinHeader {
  const endYear = year.end.slice(0, 4)
  return makeHeader({
    Collection: 'CIN',
    Year: endYear,
    ReferenceDate: year.referenceDate,
    SourceLevel: 'L',
    LEA: laCode,
    SoftwareCode: 'Haven',
    Release: '1',
    SerialNo: '001',
    DateTime: `${endYear}-04-20T09:00:00`,
  })
}

/** Numbers rows within each flattened table across the whole return, in file order. */
export class RowNumbers {
  #next = new Map<string, number>()
  take(table: string): number {
    const n = this.#next.get(table) ?? 0
    this.#next.set(table, n + 1)
    return n
  }
}

/** Build the CIN model of one child from its text. */
export function buildCinChild(text: CinChildText, rows: RowNumbers): CinChild {
  const childRow = rows.take('ChildIdentifiers')
  const disabilities = text.disabilities.map((d) => makeDisability(d, rows.take('Disabilities')))
  const episodes = text.episodes.map((e) => {
    const row = rows.take('CINdetails')
    return makeCinDetails(
      e.fields,
      {
        assessments: e.assessments.map((a) =>
          makeAssessment(
            a.fields,
            a.factors.map((f) => makeFactor(f)),
            a.factors.length > 0,
            rows.take('Assessments'),
          ),
        ),
        cinPlans: e.cinPlans.map((p) => makeCinPlan(p, rows.take('CINplanDates'))),
        section47s: e.section47s.map((s) => makeSection47(s, rows.take('Section47'))),
        childProtectionPlans: e.cpPlans.map((p) => {
          const planRow = rows.take('ChildProtectionPlans')
          return makeCpPlan(
            p.fields,
            p.reviews.map((d) => makeReview(d, rows.take('Reviews'))),
            planRow,
          )
        }),
        preProceedings: [],
      },
      row,
    )
  })
  return makeChild(text.identifiers, disabilities, true, episodes, childRow)
}

/**
 * What the XML writer needs of one child, from its text alone: the same file as
 * `cinChildXml(buildCinChild(text, rows))` without parsing every date and code into the
 * validator's model (the export writes the file, then the validator reads it).
 */
export function cinXmlSourceOf(text: CinChildText): CinChildXmlSource {
  return {
    text: text.identifiers,
    disabilities: text.disabilities.map((d) => ({ text: d })),
    disabilitiesBlock: true,
    cinDetails: text.episodes.map((e) => ({
      text: e.fields,
      assessments: e.assessments.map((a) => ({
        text: a.fields,
        factors: a.factors.map((f) => ({ text: f })),
        factorsBlock: a.factors.length > 0,
      })),
      cinPlans: e.cinPlans.map((p) => ({ text: p })),
      section47s: e.section47s.map((s) => ({ text: s })),
      childProtectionPlans: e.cpPlans.map((p) => ({
        text: p.fields,
        reviews: p.reviews.map((d) => ({ text: d })),
      })),
      preProceedings: [],
    })),
  }
}
