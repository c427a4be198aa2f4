/**
 * The CIN census (children in need) child-level model, as the DfE's XML lays it out
 * (its CIN census schema: Sources in ../README.md). Property names are the DfE's element names,
 * so a rule reads like its specification and a finding names the field the LA will look for.
 *
 * Every record keeps the text exactly as it was in the file (`text`), and the parsed value
 * beside it: a date is an ISO `YYYY-MM-DD` string or null, a code is the trimmed text or null,
 * a flag is a boolean or null. Null means blank OR unreadable; rules that must tell the two
 * apart ("missing or invalid") look at `text`. The writer writes `text`, so whatever was read,
 * valid or not, is written back unchanged.
 *
 * Each record has `row` (its index in the return's flattened table of that name, in file
 * order, as the DfE validators number rows) and `line` (its line in the source file) for findings.
 */
import type { IsoDate } from '../../../platform/calendar/working-days.js'

/** The flattened tables of the CIN census, as the DfE validators name them. */
export type CinTable =
  | 'Header'
  | 'ChildIdentifiers'
  | 'ChildCharacteristics'
  | 'Disabilities'
  | 'CINdetails'
  | 'Assessments'
  | 'CINplanDates'
  | 'Section47'
  | 'ChildProtectionPlans'
  | 'Reviews'
  | 'PreProceedings'

// Field lists, in the order the DfE's schema has them (the writer writes in this order).
export const HEADER_COLLECTION_FIELDS = ['Collection', 'Year', 'ReferenceDate'] as const
export const HEADER_SOURCE_FIELDS = [
  'SourceLevel',
  'LEA',
  'SoftwareCode',
  'Release',
  'SerialNo',
  'DateTime',
] as const
export const IDENTIFIER_FIELDS = [
  'LAchildID',
  'UPN',
  'FormerUPN',
  'UPNunknown',
  'PersonBirthDate',
  'ExpectedPersonBirthDate',
  'GenderCurrent',
  'Sex',
  'PersonDeathDate',
] as const
export const CIN_DETAILS_FIELDS = [
  'CINreferralDate',
  'ReferralSource',
  'PrimaryNeedCode',
  'CINclosureDate',
  'ReasonForClosure',
  'DateOfInitialCPC',
  'ReferralNFA',
] as const
export const ASSESSMENT_FIELDS = [
  'AssessmentActualStartDate',
  'AssessmentInternalReviewDate',
  'AssessmentAuthorisationDate',
] as const
export const CIN_PLAN_FIELDS = ['CINPlanStartDate', 'CINPlanEndDate'] as const
export const SECTION47_FIELDS = [
  'S47ActualStartDate',
  'InitialCPCtarget',
  'DateOfInitialCPC',
  'ICPCnotRequired',
] as const
export const CP_PLAN_FIELDS = [
  'CPPstartDate',
  'CPPendDate',
  'InitialCategoryOfAbuse',
  'LatestCategoryOfAbuse',
  'NumberOfPreviousCPP',
] as const
export const PRE_PROCEEDINGS_FIELDS = [
  'PPStartDate',
  'LBPSentDate',
  'FGDMMeetingOffer',
  'FGDMMeetingFac',
  'InitialPPMeetingDate',
  'ReviewMeetingsCount',
  'StepDecisionDate',
  'PPOutcome',
  'CourtAppDate',
  'LetterInitCPDate',
] as const

export type HeaderField = (typeof HEADER_COLLECTION_FIELDS)[number] | (typeof HEADER_SOURCE_FIELDS)[number]
export type IdentifierField = (typeof IDENTIFIER_FIELDS)[number]
export type CinDetailsField = (typeof CIN_DETAILS_FIELDS)[number]
export type AssessmentField = (typeof ASSESSMENT_FIELDS)[number]
export type CinPlanField = (typeof CIN_PLAN_FIELDS)[number]
export type Section47Field = (typeof SECTION47_FIELDS)[number]
export type CpPlanField = (typeof CP_PLAN_FIELDS)[number]
export type PreProceedingsField = (typeof PRE_PROCEEDINGS_FIELDS)[number]

/** The text of each field as it stood in the file; a field whose element was absent has no entry. */
export type SourceText<F extends string> = Partial<Record<F, string>>

interface Row {
  row: number
  /** Undefined for records not read from a file (tests, generators). */
  line?: number | undefined
}

export interface CinHeader {
  line?: number
  Collection: string | null
  Year: string | null
  ReferenceDate: IsoDate | null
  SourceLevel: string | null
  LEA: string | null
  SoftwareCode: string | null
  Release: string | null
  SerialNo: string | null
  DateTime: string | null
  text: SourceText<HeaderField>
}

export interface Disability extends Row {
  Disability: string | null
  text: string
}

export interface AssessmentFactor {
  AssessmentFactors: string | null
  text: string
  line?: number
}

export interface Assessment extends Row {
  AssessmentActualStartDate: IsoDate | null
  AssessmentInternalReviewDate: IsoDate | null
  AssessmentAuthorisationDate: IsoDate | null
  /** The factors' codes, trimmed, blanks left out (so `[]` when none were given). */
  AssessmentFactors: string[]
  /** Each factor as read, blanks included, for the writer and for rules about blank factors. */
  factors: AssessmentFactor[]
  /** Whether the file had a FactorsIdentifiedAtAssessment element (possibly empty). */
  factorsBlock: boolean
  text: SourceText<AssessmentField>
}

export interface CinPlan extends Row {
  CINPlanStartDate: IsoDate | null
  CINPlanEndDate: IsoDate | null
  text: SourceText<CinPlanField>
}

export interface Section47 extends Row {
  S47ActualStartDate: IsoDate | null
  InitialCPCtarget: IsoDate | null
  DateOfInitialCPC: IsoDate | null
  ICPCnotRequired: boolean | null
  text: SourceText<Section47Field>
}

export interface CpReview extends Row {
  CPPreviewDate: IsoDate | null
  /** Absent when the Reviews element had no CPPreviewDate at all. */
  text?: string
}

export interface ChildProtectionPlan extends Row {
  CPPstartDate: IsoDate | null
  CPPendDate: IsoDate | null
  InitialCategoryOfAbuse: string | null
  LatestCategoryOfAbuse: string | null
  /** A whole number ≥ 0, or null when blank or not a number (see `text`). */
  NumberOfPreviousCPP: number | null
  reviews: CpReview[]
  text: SourceText<CpPlanField>
}

/** The pre-proceedings and family group decision-making block (2025/26 specification onwards). */
export interface PreProceedings extends Row {
  PPStartDate: IsoDate | null
  LBPSentDate: IsoDate | null
  FGDMMeetingOffer: boolean | null
  FGDMMeetingFac: boolean | null
  InitialPPMeetingDate: IsoDate | null
  ReviewMeetingsCount: number | null
  StepDecisionDate: IsoDate | null
  PPOutcome: string | null
  CourtAppDate: IsoDate | null
  LetterInitCPDate: IsoDate | null
  text: SourceText<PreProceedingsField>
}

/** One CIN episode: a referral and what followed it. */
export interface CinDetails extends Row {
  CINreferralDate: IsoDate | null
  ReferralSource: string | null
  PrimaryNeedCode: string | null
  CINclosureDate: IsoDate | null
  ReasonForClosure: string | null
  /** The ICPC date when recorded at episode level (rule 2884: not both here and on the S47). */
  DateOfInitialCPC: IsoDate | null
  ReferralNFA: boolean | null
  assessments: Assessment[]
  cinPlans: CinPlan[]
  section47s: Section47[]
  childProtectionPlans: ChildProtectionPlan[]
  preProceedings: PreProceedings[]
  text: SourceText<CinDetailsField>
}

export interface CinChild {
  /** Row of ChildIdentifiers and ChildCharacteristics: the child's position in the file, from 0. */
  row: number
  line?: number | undefined
  LAchildID: string | null
  UPN: string | null
  FormerUPN: string | null
  UPNunknown: string | null
  PersonBirthDate: IsoDate | null
  ExpectedPersonBirthDate: IsoDate | null
  /** To 2023/24: 1, 2, 0, 9. */
  GenderCurrent: string | null
  /** From 2024/25: M, F, U. */
  Sex: string | null
  PersonDeathDate: IsoDate | null
  Ethnicity: string | null
  disabilities: Disability[]
  /** Whether the file had a Disabilities element (possibly empty). */
  disabilitiesBlock: boolean
  cinDetails: CinDetails[]
  text: SourceText<IdentifierField | 'Ethnicity'>
}

export interface CinReturn {
  header: CinHeader
  children: CinChild[]
}

// ---------------------------------------------------------------------------------------------
// Parsing field text

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})/
const AFTER_ISO_DAY = /^(Z|[+-]\d{2}:\d{2}|[T ][\d:.]+(Z|[+-]\d{2}:\d{2})?)$/
const COUNT = /^\d{1,9}$/
const UK_DAY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/
const DASH = 0x2d

/** The number written in text[from, to), or -1 if any of it is not a digit. */
function digits(text: string, from: number, to: number): number {
  let n = 0
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i) - 0x30
    if (c < 0 || c > 9) return -1
    n = n * 10 + c
  }
  return n
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

function realDay(y: number, m: number, d: number): IsoDate | null {
  if (m < 1 || m > 12 || d < 1) return null
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
  const max = m === 2 && leap ? 29 : (DAYS_IN_MONTH[m - 1] as number)
  if (d > max) return null
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

/**
 * A date as the schema writes it (`2025-06-30`, an xs:date, possibly with a time zone or a
 * time after it), or as a UK spreadsheet writes it (`30/06/2025`). Anything else, including a
 * date that does not exist, is null: the rules then treat it as missing or invalid.
 */
export function parseCinDate(text: string | undefined): IsoDate | null {
  if (text === undefined) return null
  if (text.length === 10) {
    // The usual case, `2025-06-30`, read without a regular expression or a new string.
    const y = digits(text, 0, 4)
    const m = digits(text, 5, 7)
    const d = digits(text, 8, 10)
    if (y >= 0 && m >= 0 && d >= 0 && text.charCodeAt(4) === DASH && text.charCodeAt(7) === DASH) {
      return realDay(y, m, d) === null ? null : text
    }
  }
  const t = text.trim()
  if (t === '') return null
  const iso = ISO_DAY.exec(t)
  if (iso) {
    const rest = t.slice(10)
    // Allow a zone (Z, +01:00) or a time (T…, as in xs:dateTime), nothing else.
    if (rest !== '' && !AFTER_ISO_DAY.test(rest)) return null
    return realDay(Number(iso[1]), Number(iso[2]), Number(iso[3]))
  }
  const uk = UK_DAY.exec(t)
  if (uk) return realDay(Number(uk[3]), Number(uk[2]), Number(uk[1]))
  return null
}

/** A code: the trimmed text, or null when blank. */
export function parseCode(text: string | undefined): string | null {
  if (text === undefined) return null
  const t = text.trim()
  return t === '' ? null : t
}

/** The schema's booleans as the DfE accepts them: true/false/1/0 in any case. Null when blank or other. */
export function parseFlag(text: string | undefined): boolean | null {
  if (text === undefined) return null
  switch (text.trim().toLowerCase()) {
    case 'true':
    case '1':
      return true
    case 'false':
    case '0':
      return false
    default:
      return null
  }
}

/** A whole number ≥ 0, or null. */
export function parseCount(text: string | undefined): number | null {
  if (text === undefined) return null
  const t = text.trim()
  if (!COUNT.test(t)) return null
  return Number(t)
}

// ---------------------------------------------------------------------------------------------
// Building records from field text (used by the reader and by the test factory alike)

export function makeHeader(text: SourceText<HeaderField>, line?: number): CinHeader {
  const h: CinHeader = {
    Collection: parseCode(text.Collection),
    Year: parseCode(text.Year),
    ReferenceDate: parseCinDate(text.ReferenceDate),
    SourceLevel: parseCode(text.SourceLevel),
    LEA: parseCode(text.LEA),
    SoftwareCode: parseCode(text.SoftwareCode),
    Release: parseCode(text.Release),
    SerialNo: parseCode(text.SerialNo),
    DateTime: parseCode(text.DateTime),
    text,
  }
  if (line !== undefined) h.line = line
  return h
}

export function makeDisability(text: string, row: number, line?: number): Disability {
  return { row, line, Disability: parseCode(text), text }
}

export function makeAssessment(
  text: SourceText<AssessmentField>,
  factors: AssessmentFactor[],
  factorsBlock: boolean,
  row: number,
  line?: number,
): Assessment {
  const codes: string[] = []
  for (const f of factors) if (f.AssessmentFactors !== null) codes.push(f.AssessmentFactors)
  return {
    row,
    line,
    AssessmentActualStartDate: parseCinDate(text.AssessmentActualStartDate),
    AssessmentInternalReviewDate: parseCinDate(text.AssessmentInternalReviewDate),
    AssessmentAuthorisationDate: parseCinDate(text.AssessmentAuthorisationDate),
    AssessmentFactors: codes,
    factors,
    factorsBlock,
    text,
  }
}

export function makeFactor(text: string, line?: number): AssessmentFactor {
  const f: AssessmentFactor = { AssessmentFactors: parseCode(text), text }
  if (line !== undefined) f.line = line
  return f
}

export function makeCinPlan(text: SourceText<CinPlanField>, row: number, line?: number): CinPlan {
  return {
    row,
    line,
    CINPlanStartDate: parseCinDate(text.CINPlanStartDate),
    CINPlanEndDate: parseCinDate(text.CINPlanEndDate),
    text,
  }
}

export function makeSection47(text: SourceText<Section47Field>, row: number, line?: number): Section47 {
  return {
    row,
    line,
    S47ActualStartDate: parseCinDate(text.S47ActualStartDate),
    InitialCPCtarget: parseCinDate(text.InitialCPCtarget),
    DateOfInitialCPC: parseCinDate(text.DateOfInitialCPC),
    ICPCnotRequired: parseFlag(text.ICPCnotRequired),
    text,
  }
}

export function makeReview(text: string | undefined, row: number, line?: number): CpReview {
  const r: CpReview = { row, line, CPPreviewDate: parseCinDate(text) }
  if (text !== undefined) r.text = text
  return r
}

export function makeCpPlan(
  text: SourceText<CpPlanField>,
  reviews: CpReview[],
  row: number,
  line?: number,
): ChildProtectionPlan {
  return {
    row,
    line,
    CPPstartDate: parseCinDate(text.CPPstartDate),
    CPPendDate: parseCinDate(text.CPPendDate),
    InitialCategoryOfAbuse: parseCode(text.InitialCategoryOfAbuse),
    LatestCategoryOfAbuse: parseCode(text.LatestCategoryOfAbuse),
    NumberOfPreviousCPP: parseCount(text.NumberOfPreviousCPP),
    reviews,
    text,
  }
}

export function makePreProceedings(
  text: SourceText<PreProceedingsField>,
  row: number,
  line?: number,
): PreProceedings {
  return {
    row,
    line,
    PPStartDate: parseCinDate(text.PPStartDate),
    LBPSentDate: parseCinDate(text.LBPSentDate),
    FGDMMeetingOffer: parseFlag(text.FGDMMeetingOffer),
    FGDMMeetingFac: parseFlag(text.FGDMMeetingFac),
    InitialPPMeetingDate: parseCinDate(text.InitialPPMeetingDate),
    ReviewMeetingsCount: parseCount(text.ReviewMeetingsCount),
    StepDecisionDate: parseCinDate(text.StepDecisionDate),
    PPOutcome: parseCode(text.PPOutcome),
    CourtAppDate: parseCinDate(text.CourtAppDate),
    LetterInitCPDate: parseCinDate(text.LetterInitCPDate),
    text,
  }
}

export interface CinDetailsParts {
  assessments: Assessment[]
  cinPlans: CinPlan[]
  section47s: Section47[]
  childProtectionPlans: ChildProtectionPlan[]
  preProceedings: PreProceedings[]
}

export function makeCinDetails(
  text: SourceText<CinDetailsField>,
  parts: CinDetailsParts,
  row: number,
  line?: number,
): CinDetails {
  return {
    row,
    line,
    CINreferralDate: parseCinDate(text.CINreferralDate),
    ReferralSource: parseCode(text.ReferralSource),
    PrimaryNeedCode: parseCode(text.PrimaryNeedCode),
    CINclosureDate: parseCinDate(text.CINclosureDate),
    ReasonForClosure: parseCode(text.ReasonForClosure),
    DateOfInitialCPC: parseCinDate(text.DateOfInitialCPC),
    ReferralNFA: parseFlag(text.ReferralNFA),
    assessments: parts.assessments,
    cinPlans: parts.cinPlans,
    section47s: parts.section47s,
    childProtectionPlans: parts.childProtectionPlans,
    preProceedings: parts.preProceedings,
    text,
  }
}

export function makeChild(
  text: SourceText<IdentifierField | 'Ethnicity'>,
  disabilities: Disability[],
  disabilitiesBlock: boolean,
  cinDetails: CinDetails[],
  row: number,
  line?: number,
): CinChild {
  return {
    row,
    line,
    LAchildID: parseCode(text.LAchildID),
    UPN: parseCode(text.UPN),
    FormerUPN: parseCode(text.FormerUPN),
    UPNunknown: parseCode(text.UPNunknown),
    PersonBirthDate: parseCinDate(text.PersonBirthDate),
    ExpectedPersonBirthDate: parseCinDate(text.ExpectedPersonBirthDate),
    GenderCurrent: parseCode(text.GenderCurrent),
    Sex: parseCode(text.Sex),
    PersonDeathDate: parseCinDate(text.PersonDeathDate),
    Ethnicity: parseCode(text.Ethnicity),
    disabilities,
    disabilitiesBlock,
    cinDetails,
    text,
  }
}

/** True when a field's element was in the file with something other than whitespace in it. */
export function given(text: string | undefined): boolean {
  return text !== undefined && text.trim() !== ''
}
