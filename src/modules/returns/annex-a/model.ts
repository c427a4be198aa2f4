/**
 * Ofsted's Annex A lists 1–7 (ILACS): each list's columns, in Ofsted's names and order
 * (`shared/standards/returns-and-kpis.md` §b.3), how each value is written (dates dd/mm/yyyy,
 * category values with their letter prefixes), the period an export covers, and which module will
 * provide a list Haven does not hold yet. Pure: no I/O.
 */

/** The columns every list starts with. */
export const COMMON_COLUMNS = [
  'Child Unique ID',
  'Gender',
  'Ethnicity',
  'Date of Birth',
  'Age of Child (Years)',
] as const

const DISABILITY = 'Does the Child have a Disability'
const ALLOCATED = ['Allocated Team', 'Allocated Worker'] as const

export type ListNumber = 1 | 2 | 3 | 4 | 5 | 6 | 7

export interface AnnexAList {
  number: ListNumber
  /** The sheet's name, as Ofsted's template names it. */
  sheet: string
  /** What the list is of, as a heading. */
  title: string
  /** Its records in a sentence ("Haven holds … "). */
  records: string
  columns: readonly string[]
  /** The columns written as dates (dd/mm/yyyy). */
  dateColumns: readonly string[]
  /** Haven's module that holds the list's records. */
  module: string
}

function list(
  number: ListNumber,
  [title, records]: readonly [string, string],
  module: string,
  columns: readonly string[],
): AnnexAList {
  return {
    number,
    sheet: `List ${number}`,
    title,
    records,
    columns: [...COMMON_COLUMNS, ...columns],
    dateColumns: ['Date of Birth', ...columns.filter((c) => /\bdate\b/i.test(c) && !/^Number/.test(c))],
    module,
  }
}

/** Lists 1–7 in Ofsted's order. */
export const ANNEX_A_LISTS: readonly AnnexAList[] = [
  list(1, ['Contacts', 'contacts'], 'frontdoor', ['Date of Contact', 'Contact Source']),
  list(2, ['Early help', 'early help assessments'], 'earlyhelp', [
    DISABILITY,
    'Assessment start date',
    'Assessment completion date',
    'Organisation completing assessment',
  ]),
  list(3, ['Referrals', 'referrals'], 'frontdoor', [
    'Date of referral',
    'Referral Source',
    'Referral NFA?',
    'Number of Referrals in Last 12 Months',
    ...ALLOCATED,
  ]),
  list(4, ['Assessments', 'assessments'], 'assessment', [
    DISABILITY,
    'Continuous Assessment Start Date',
    'Child Seen During Continuous Assessment',
    'Continuous Assessment Date of Authorisation',
    "Was the child assessed as requiring LA children's social care support?",
    ...ALLOCATED,
  ]),
  list(
    5,
    ['Section 47 enquiries and ICPCs', 'section 47 enquiries or initial child protection conferences'],
    'protection',
    [
      DISABILITY,
      'Strategy discussion initiating Section 47 Enquiry Start Date',
      'Was an Initial Child Protection Conference deemed unnecessary?',
      'Date of Initial Child Protection Conference',
      'Did the Initial Child Protection Conference Result in a Child Protection Plan',
      'Number of Section 47 Enquiries in the last 12 months',
      'Number of ICPCs in the last 12 months',
      ...ALLOCATED,
    ],
  ),
  list(6, ['Children in need', 'children in need'], 'frontdoor', [
    DISABILITY,
    'CIN Start Date',
    'Primary Need Code',
    'Date Child Was Last Seen',
    'CIN Closure Date',
    'Reason for Closure',
    'Case Status',
    ...ALLOCATED,
  ]),
  list(7, ['Child protection', 'child protection plans'], 'protection', [
    DISABILITY,
    'Child Protection Plan Start Date',
    'Initial Category of Abuse',
    'Latest Category of Abuse',
    'Date of the Last Statutory Visit',
    'Was the Child Seen Alone?',
    'Date of latest review conference',
    'Child Protection Plan End Date',
    'Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)',
    'Number of Previous Child Protection Plans',
    ...ALLOCATED,
  ]),
]

export function annexAList(number: ListNumber): AnnexAList {
  return ANNEX_A_LISTS.find((l) => l.number === number) as AnnexAList
}

// ---- Values ---------------------------------------------------------------------------------

/** A cell: text, a whole number, or empty. Dates are text in Ofsted's dd/mm/yyyy. */
export type Cell = string | number | null

/** `2025-04-01` → `01/04/2025`, as Ofsted's template writes dates; empty stays empty. */
export function annexADate(iso: string | null): Cell {
  if (iso === null) return null
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso)
  if (!m) throw new Error(`Not a date: ${iso}`)
  return `${m[3]}/${m[2]}/${m[1]}`
}

/** Haven's sex (CIN census `Sex`: M, F, U) as Annex A's Gender category. */
export function annexAGender(sex: 'M' | 'F' | 'U' | null): string {
  if (sex === 'M') return 'a) Male'
  if (sex === 'F') return 'b) Female'
  // U (unknown, and every unborn child) and nothing recorded. Haven records no value for
  // "d) Neither", so it is never written.
  return 'c) Not stated/recorded'
}

/** The DfE ethnicity code (WBRI …); nothing recorded is NOBT, "information not yet obtained". */
export function annexAEthnicity(code: string | null): string {
  return code ?? 'NOBT'
}

/** Annex A's Referral NFA category. */
export function annexAReferralNfa(nfa: boolean | null): string {
  if (nfa === true) return 'a) Yes'
  if (nfa === false) return 'b) No'
  return 'c) Unknown'
}

/** Annex A's Case Status categories (returns-and-kpis.md §b.3). */
export type CaseStatus =
  | 'a) Looked after child'
  | 'b) Child Protection plan'
  | 'c) Child in need plan'
  | 'd) Open assessment'
  | 'e) Closed episode'

/** Annex A's yes-or-no categories; empty when not known (an assessment not yet authorised). */
export function annexAYesNo(value: boolean | null): Cell {
  if (value === null) return null
  return value ? 'a) Yes' : 'b) No'
}

/** The columns headed (Y/N). */
export function annexAYN(value: boolean): string {
  return value ? 'Y' : 'N'
}

/** Whether any DfE disability code is recorded other than NONE. */
export function annexADisability(codes: readonly string[] | null): Cell {
  return annexAYesNo((codes ?? []).some((c) => c !== 'NONE'))
}

/** Whole years between a date of birth and a date (both ISO); null when either is missing or the child is not yet born. */
export function ageInYears(dateOfBirth: string | null, on: string | null): number | null {
  if (dateOfBirth === null || on === null) return null
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number]
  const [y, m, d] = on.split('-').map(Number) as [number, number, number]
  if (on < dateOfBirth) return null
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0)
}

// ---- Records and rows -----------------------------------------------------------------------

/** What every list says about the child. */
export interface ChildFacts {
  /** The authority's child identifier (`person.la_child_id`), else Haven's own record number. */
  childId: string
  sex: 'M' | 'F' | 'U' | null
  ethnicity: string | null
  dateOfBirth: string | null
}

/** One child on one contact. */
export interface ContactRecord extends ChildFacts {
  contactDate: string
  /** The CIN census referral source code (1A … 10). */
  source: string
}

/** An early help assessment (list 2). */
export interface EarlyHelpRecord extends ChildFacts {
  disabilities: readonly string[] | null
  startDate: string
  completedDate: string | null
  /** The organisation the lead professional who completes it works for. */
  organisation: string | null
}

/** One referral. */
export interface ReferralRecord extends ChildFacts {
  referralDate: string
  source: string
  nfa: boolean | null
  /** The child's referrals in the 12 months up to and including this one's date. */
  referralsInLast12Months: number
  team: string | null
  worker: string | null
}

/** An assessment (list 4). */
export interface AssessmentRecord extends ChildFacts {
  disabilities: readonly string[] | null
  startDate: string
  /** The day the child was first seen during it, if they were. */
  seenOn: string | null
  authorisedDate: string | null
  /** Its outcome once authorised: whether the child needs children's social care's support. */
  outcome: string | null
  team: string | null
  worker: string | null
}

/** Outcomes of an assessment that mean the child needs children's social care's support. */
const SUPPORT_OUTCOMES: ReadonlySet<string> = new Set(['cin_plan', 'strategy_discussion', 'looked_after'])

/** A child protection plan (list 7), with its last statutory visit and review. */
export interface CpPlanRecord extends ChildFacts {
  disabilities: readonly string[] | null
  startDate: string
  initialCategory: string
  latestCategory: string
  lastVisitOn: string | null
  lastVisitSeenAlone: boolean | null
  lastReviewOn: string | null
  endDate: string | null
  /** Police protection or an emergency protection order in the six months to the period's end. */
  emergencyProtection: boolean
  previousPlans: number
  team: string | null
  worker: string | null
}

/**
 * A section 47 enquiry (list 5). Its start is the day of the strategy discussion that started it
 * (Haven opens the enquiry on the discussion's date), so one date answers Ofsted's "Strategy
 * discussion initiating Section 47 Enquiry Start Date".
 */
export interface Section47Record extends ChildFacts {
  disabilities: readonly string[] | null
  startDate: string
  /** Whether its outcome is recorded (until then, whether a conference is needed is not known). */
  decided: boolean
  /** The outcome said no initial conference was needed. */
  icpcNotRequired: boolean
  icpcDate: string | null
  /** The child's decision at that conference: `plan`, `no_plan`, or none recorded. */
  icpcDecision: string | null
  /** The child's enquiries started, and initial conferences held, in the 12 months to the period's end. */
  section47sInLast12Months: number
  icpcsInLast12Months: number
  team: string | null
  worker: string | null
}

/**
 * A child in need episode (list 6): a referral to children's social care, as the CIN census
 * counts one, open at some point in the period. What it says is as at the period's end.
 */
export interface ChildInNeedRecord extends ChildFacts {
  disabilities: readonly string[] | null
  referralDate: string
  /** The primary need recorded at the referral's assessment, if it started by the period's end. */
  primaryNeed: string | null
  /** The last day the child was seen in the episode, up to the period's end. */
  lastSeenOn: string | null
  /** The day it closed, when that is by the period's end. */
  closedOn: string | null
  /** The DfE's reason (RC1–RC9) for a closed episode. */
  closureReason: string | null
  /** On a CP plan at the period's end. */
  onCpPlan: boolean
  /** On a CIN plan at the period's end. */
  onCinPlan: boolean
  /** The referral's assessment started and not yet authorised at the period's end. */
  openAssessment: boolean
  team: string | null
  worker: string | null
}

function commonCells(r: ChildFacts, on: string): Cell[] {
  return [
    r.childId,
    annexAGender(r.sex),
    annexAEthnicity(r.ethnicity),
    annexADate(r.dateOfBirth),
    ageInYears(r.dateOfBirth, on),
  ]
}

/** List 1's row for a child on a contact, in the list's column order. Age is the child's on the contact's date. */
export function contactRow(r: ContactRecord): Cell[] {
  return [...commonCells(r, r.contactDate), annexADate(r.contactDate), r.source]
}

/** List 2's row for an early help assessment. Age is the child's on the day it started. */
export function earlyHelpRow(r: EarlyHelpRecord): Cell[] {
  return [
    ...commonCells(r, r.startDate),
    annexADisability(r.disabilities),
    annexADate(r.startDate),
    annexADate(r.completedDate),
    r.organisation,
  ]
}

/** List 3's row for a referral, in the list's column order. Age is the child's on the referral's date. */
export function referralRow(r: ReferralRecord): Cell[] {
  return [
    ...commonCells(r, r.referralDate),
    annexADate(r.referralDate),
    r.source,
    annexAReferralNfa(r.nfa),
    r.referralsInLast12Months,
    r.team,
    r.worker,
  ]
}

/** List 4's row for an assessment. Age is the child's on the day it started. */
export function assessmentRow(r: AssessmentRecord): Cell[] {
  return [
    ...commonCells(r, r.startDate),
    annexADisability(r.disabilities),
    annexADate(r.startDate),
    annexAYesNo(r.seenOn !== null),
    annexADate(r.authorisedDate),
    r.authorisedDate === null || r.outcome === null ? null : annexAYesNo(SUPPORT_OUTCOMES.has(r.outcome)),
    r.team,
    r.worker,
  ]
}

/** List 7's row for a CP plan. Age is the child's on the day it started. */
export function cpPlanRow(r: CpPlanRecord): Cell[] {
  return [
    ...commonCells(r, r.startDate),
    annexADisability(r.disabilities),
    annexADate(r.startDate),
    r.initialCategory,
    r.latestCategory,
    annexADate(r.lastVisitOn),
    annexAYesNo(r.lastVisitSeenAlone),
    annexADate(r.lastReviewOn),
    annexADate(r.endDate),
    annexAYN(r.emergencyProtection),
    r.previousPlans,
    r.team,
    r.worker,
  ]
}

/**
 * List 5's row for a section 47 enquiry. Age is the child's on the day it started. "Deemed
 * unnecessary" is empty until the enquiry's outcome is recorded; the conference's result is empty
 * until it is held.
 */
export function section47Row(r: Section47Record): Cell[] {
  return [
    ...commonCells(r, r.startDate),
    annexADisability(r.disabilities),
    annexADate(r.startDate),
    r.decided ? annexAYesNo(r.icpcNotRequired) : null,
    annexADate(r.icpcDate),
    r.icpcDate === null || r.icpcDecision === null ? null : annexAYesNo(r.icpcDecision === 'plan'),
    r.section47sInLast12Months,
    r.icpcsInLast12Months,
    r.team,
    r.worker,
  ]
}

/**
 * An episode's case status at the period's end, from what Haven records: closed, else on a CP
 * plan, else on a CIN plan, else an assessment open. Haven records no care episodes (a) yet, so
 * that is never given; an open episode with none of these has no status rather than a guess.
 */
export function caseStatus(r: ChildInNeedRecord): CaseStatus | null {
  if (r.closedOn !== null) return 'e) Closed episode'
  if (r.onCpPlan) return 'b) Child Protection plan'
  if (r.onCinPlan) return 'c) Child in need plan'
  if (r.openAssessment) return 'd) Open assessment'
  return null
}

/** List 6's row for a child in need episode. Age is the child's on the day it started. */
export function childInNeedRow(r: ChildInNeedRecord): Cell[] {
  return [
    ...commonCells(r, r.referralDate),
    annexADisability(r.disabilities),
    annexADate(r.referralDate),
    r.primaryNeed,
    annexADate(r.lastSeenOn),
    annexADate(r.closedOn),
    r.closedOn === null ? null : r.closureReason,
    caseStatus(r),
    r.team,
    r.worker,
  ]
}

// ---- The period -----------------------------------------------------------------------------

export interface Period {
  /** First day, ISO. */
  from: string
  /** Last day, ISO (inclusive). */
  to: string
}

export class PeriodError extends Error {
  constructor(
    message: string,
    /** The option or field at fault. */
    readonly field: 'from' | 'to',
  ) {
    super(message)
    this.name = 'PeriodError'
  }
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

function validDate(s: string): boolean {
  if (!ISO_DATE.test(s)) return false
  const d = new Date(`${s}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s
}

/** The day after the same day 12 months earlier: 2026-03-31 → 2025-04-01. */
export function twelveMonthsTo(to: string): string {
  const d = new Date(`${to}T00:00:00Z`)
  const year = d.getUTCFullYear() - 1
  const month = d.getUTCMonth()
  // The same day a year before (29 February falls back to 28), then the next day.
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate()
  const start = new Date(Date.UTC(year, month, Math.min(d.getUTCDate(), last) + 1))
  return start.toISOString().slice(0, 10)
}

/**
 * The period from the options given: both ends, or the 12 months to `to` (by default today).
 * Throws PeriodError naming what is wrong.
 */
export function choosePeriod(from: string | undefined, to: string | undefined, today: string): Period {
  const end = to ?? today
  if (!validDate(end))
    throw new PeriodError(`the end of the period must be a date such as 2026-03-31 (not "${end}")`, 'to')
  const start = from ?? twelveMonthsTo(end)
  if (!validDate(start))
    throw new PeriodError(
      `the start of the period must be a date such as 2025-04-01 (not "${start}")`,
      'from',
    )
  if (start > end) throw new PeriodError(`the period starts (${start}) after it ends (${end})`, 'from')
  return { from: start, to: end }
}

/** `1 April 2025 to 31 March 2026`. */
export function periodWords(p: Period): string {
  const words = (iso: string) =>
    new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    })
  return `${words(p.from)} to ${words(p.to)}`
}
