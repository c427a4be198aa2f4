/**
 * The child and family assessment: its code lists, its sections and their forms, when it is ready
 * to send for authorisation, who may work on it, and its clock's arithmetic. Pure: no I/O.
 */
import { z } from 'zod'
import codesFile from '../../../reference/assessment/codes.json' with { type: 'json' }
import { dateFromParts, londonInstant, londonToday } from '../../platform/calendar/dates.js'
import type { WorkingCalendar } from '../../platform/calendar/working-days.js'
import type { AssessmentOutcome, AssessmentStatus, ChildSeenSource } from '../../platform/db/schema.js'
import { longAnswer } from '../../platform/http/form.js'
import { withReveals } from '../../platform/http/revealed.js'
import { relationshipsAllowing, type Actor, type ChildRecord } from '../../platform/permissions/allow.js'
import type { Relationship } from '../../platform/permissions/relationships.js'

export interface Code<T extends string = string> {
  code: T
  label: string
}

export interface AssessmentCodes {
  factors: readonly Code[]
  primaryNeeds: readonly Code[]
  outcomes: readonly Code<AssessmentOutcome>[]
}

const OUTCOME_CODES = [
  'no_further_action',
  'cin_plan',
  'strategy_discussion',
  'early_help',
  'looked_after',
] as const satisfies readonly AssessmentOutcome[]

/** Checks the code lists once, at start: a bad list fails here, not on a page. */
export function readCodes(raw: unknown): AssessmentCodes {
  const code = (pattern: RegExp) => z.object({ code: z.string().regex(pattern), label: z.string().min(1) })
  const parsed = z
    .object({
      factors: z.array(code(/^\d{1,2}[A-F]?$/)).min(1),
      primaryNeeds: z.array(code(/^N[1-9]$/)).min(1),
      outcomes: z.array(z.object({ code: z.enum(OUTCOME_CODES), label: z.string().min(1) })).min(1),
    })
    .parse(raw)
  for (const list of [parsed.factors, parsed.primaryNeeds, parsed.outcomes])
    if (new Set(list.map((c) => c.code)).size !== list.length) throw new Error('A code is listed twice')
  return parsed
}

export const CODES: AssessmentCodes = readCodes(codesFile)

/** "No factors identified": only ever on its own (CIN census rule 8869). */
export const NO_FACTORS = '21'

/** The 45-working-day clock, from the referral to the manager's authorisation. */
export const ASSESSMENT_CLOCK = 'assessment-45wd'
export const ASSESSMENT_SUBJECT = 'assessment'

export function labelOf(list: readonly Code[], code: string | null | undefined): string | null {
  return list.find((c) => c.code === code)?.label ?? null
}

export const STATUS_TEXT: Record<AssessmentStatus, string> = {
  in_progress: 'In progress',
  awaiting_authorisation: 'Waiting for a manager',
  authorised: 'Authorised',
}

// ---------------------------------------------------------------------------------------------
// Sections

export type SectionCode = 'seen' | 'wishes' | 'factors' | 'need' | 'analysis' | 'outcome'

export interface Section {
  code: SectionCode
  title: string
  hint: string
}

/** The task list, in order. Every section must be complete before the assessment is sent. */
export const SECTIONS: readonly Section[] = [
  { code: 'seen', title: 'The child seen', hint: 'When the child was seen, and whether alone.' },
  {
    code: 'wishes',
    title: 'The child’s wishes and feelings',
    hint: 'What the child said, or showed, about their life and what they want.',
  },
  { code: 'factors', title: 'Assessment factors', hint: 'The factors identified, as the DfE codes them.' },
  { code: 'need', title: 'Primary need', hint: 'The child’s main category of need.' },
  {
    code: 'analysis',
    title: 'Analysis',
    hint: 'What the information means for the child’s safety and needs.',
  },
  { code: 'outcome', title: 'Outcome', hint: 'What happens next.' },
]

export function sectionOf(code: string): Section | undefined {
  return SECTIONS.find((s) => s.code === code)
}

// ---------------------------------------------------------------------------------------------
// Pre-birth assessments

/** The child as the assessment's rules read them (the people module's `people_person_v`). */
export interface AssessedChild {
  kind: 'child' | 'adult' | 'unborn'
  date_of_birth: string | null
}

/**
 * Where an assessment stands against the child's birth: a pre-birth assessment is one started
 * before the child was born (the child still unborn, or the assessment's start day before the date
 * of birth), and stays one after the birth; `unborn` says the child is not born yet now.
 * Derived from dates, so the birth (the people module's `person.born`) needs no reaction here.
 */
export interface BirthSituation {
  preBirth: boolean
  unborn: boolean
}

export function birthSituation(child: AssessedChild, startedOn: string): BirthSituation {
  const unborn = child.kind === 'unborn'
  return { preBirth: unborn || (child.date_of_birth !== null && startedOn < child.date_of_birth), unborn }
}

/** Not a pre-birth assessment: every section as the task list has it. */
export const AFTER_BIRTH: BirthSituation = { preBirth: false, unborn: false }

/** The assessment's name on its pages and events. */
export function assessmentTitle(s: Pick<BirthSituation, 'preBirth'>): string {
  return s.preBirth ? 'Pre-birth assessment' : 'Child and family assessment'
}

/**
 * A pre-birth assessment's sections. Before the birth there is no child to see, so "the child
 * seen" does not apply (it is neither asked nor required); once the baby is born during the
 * assessment it applies again: the baby is seen before the assessment is sent. The child's wishes
 * and feelings cannot be asked of an unborn baby: in their place, and kept in the same answer,
 * the parents' views of the pregnancy and what the baby will need (Working Together 2023: the
 * assessment of an unborn baby centres on the parents' capacity to meet the baby's needs).
 */
export function sectionsFor(s: BirthSituation): Section[] {
  if (!s.preBirth) return [...SECTIONS]
  return SECTIONS.filter((x) => !(x.code === 'seen' && s.unborn)).map((x) =>
    x.code === 'wishes'
      ? {
          code: 'wishes',
          title: 'The parents’ views and the baby’s needs',
          hint: 'What the parents said about the pregnancy and the baby, and what the baby will need.',
        }
      : x.code === 'seen'
        ? {
            code: 'seen',
            title: 'The baby seen',
            hint: 'The baby was born during the assessment: when the baby was seen, and whether alone.',
          }
        : x,
  )
}

/** Whether a section is asked at all in this situation (the child seen is not, before birth). */
export function sectionApplies(s: BirthSituation, code: SectionCode): boolean {
  return sectionsFor(s).some((x) => x.code === code)
}

/** An assessment's answers as the rules read them. */
export interface AssessmentAnswers {
  seen_on: string | null
  seen_alone: boolean | null
  not_seen_alone_reason: string | null
  wishes_and_feelings: string | null
  factors: readonly string[] | null
  primary_need: string | null
  analysis: string | null
  outcome: AssessmentOutcome | null
}

export function sectionComplete(a: AssessmentAnswers, code: SectionCode): boolean {
  switch (code) {
    case 'seen':
      return a.seen_on !== null && a.seen_alone !== null && (a.seen_alone || a.not_seen_alone_reason !== null)
    case 'wishes':
      return a.wishes_and_feelings !== null
    case 'factors':
      return a.factors !== null && a.factors.length > 0
    case 'need':
      return a.primary_need !== null
    case 'analysis':
      return a.analysis !== null
    case 'outcome':
      return a.outcome !== null
  }
}

/** The sections still to complete before the assessment can be sent for authorisation. */
export function missingSections(a: AssessmentAnswers, situation: BirthSituation = AFTER_BIRTH): Section[] {
  return sectionsFor(situation).filter((s) => !sectionComplete(a, s.code))
}

// ---------------------------------------------------------------------------------------------
// Who works on it

/**
 * The relationships on which someone starts and writes an assessment: the allocated worker, and
 * the managers of the case (the team's manager, a service manager). Anyone else who may change the
 * record (a colleague in the team, the front door) does not write another worker's assessment.
 */
export const ASSESSMENT_WRITING: readonly Relationship[] = [
  'allocated_worker',
  'team_manager',
  'service_oversight',
]

export function writingBasis(actor: Actor, child: ChildRecord, now: Date): Relationship | null {
  return (
    relationshipsAllowing(actor, 'child.edit', child, now).find((r) => ASSESSMENT_WRITING.includes(r)) ?? null
  )
}

/** Why the assessment's answers cannot be changed now, or null when they can. */
export function editRefusal(status: AssessmentStatus): string | null {
  if (status === 'awaiting_authorisation')
    return 'This assessment is waiting for a manager to authorise it. It can be changed if the manager returns it.'
  if (status === 'authorised') return 'This assessment has been authorised and can no longer be changed.'
  return null
}

// ---------------------------------------------------------------------------------------------
// The clock

/**
 * The instant the assessment's 45 working days count from: the start of the referral's day in
 * London (Working Together: "from the point of referral").
 */
export function clockStart(referralDate: string): Date {
  return londonInstant(referralDate, '00:00')
}

/** Working days from allocation to the first visit at which the child was seen (0 the same day). */
export function daysToFirstVisit(allocatedOn: string, visitedOn: string, calendar: WorkingCalendar): number {
  return calendar.workingDaysBetween(allocatedOn, visitedOn)
}

// ---------------------------------------------------------------------------------------------
// The visit measures

/** Where the child was seen, in words (the sources of `assessment_child_seen_v`, migration 0040). */
export const CHILD_SEEN_TEXT: Readonly<Record<ChildSeenSource, string>> = {
  case_note: 'case note',
  cp_visit: 'child protection visit',
  cin_visit: 'child in need visit',
  s47: 'section 47 enquiry',
  assessment: 'assessment',
  lac_visit: 'statutory visit to a child in care',
}

/** An assessment's row of `assessment_visit_measure_v`, the measures' one definition (migration 0040). */
export interface VisitRow {
  allocated_at: Date | null
  first_visit_on: string | null
  first_visit_source: ChildSeenSource | null
  household_children: number
  household_seen: number
}

export interface VisitSummary {
  /** The day (London) the referral was allocated; nothing is measured before it. */
  allocatedOn: string | null
  firstVisitOn: string | null
  firstVisitText: string | null
  /** Working days from the allocation day to the first visit; a visit before allocation counts as 0. */
  daysToFirstVisit: number | null
  householdChildren: number
  householdUnseen: number
  /** The child and every other child of the household seen since the referral date. */
  allSeen: boolean
}

/**
 * What the record and the worklists say of an assessment's visits, from its `assessment_visit_measure_v`
 * row: the one rule over the one definition, so the two pages cannot disagree.
 */
export function visitSummary(row: VisitRow, calendar: WorkingCalendar): VisitSummary {
  const allocatedOn = row.allocated_at ? londonToday(row.allocated_at) : null
  const firstVisitOn = row.first_visit_on
  return {
    allocatedOn,
    firstVisitOn,
    firstVisitText: row.first_visit_source ? CHILD_SEEN_TEXT[row.first_visit_source] : null,
    daysToFirstVisit:
      allocatedOn && firstVisitOn ? Math.max(0, daysToFirstVisit(allocatedOn, firstVisitOn, calendar)) : null,
    householdChildren: row.household_children,
    householdUnseen: row.household_children - row.household_seen,
    allSeen: firstVisitOn !== null && row.household_seen === row.household_children,
  }
}

// ---------------------------------------------------------------------------------------------
// The forms

const text = z.string().trim().optional().default('')

export const startSchema = z.object({
  referralId: z
    .string({ error: 'Select the referral the assessment follows' })
    .regex(/^[1-9]\d{0,14}$/, 'Select the referral the assessment follows')
    .transform(Number),
})

export const SEEN_FIELD_IDS = { seenOn: 'seen-day' } as const

/** The child seen: the date (not in the future, not before the referral) and whether alone, and if not why. */
export function seenSchema(now: Date, referralDate: string) {
  return withReveals(
    [{ name: 'seenAlone', value: 'no', fields: ['notSeenAloneReason'] }],
    z
      .object({
        'seen-day': text,
        'seen-month': text,
        'seen-year': text,
        seenAlone: z.enum(['yes', 'no'], { error: 'Select whether the child was seen alone' }),
        notSeenAloneReason: text,
      })
      .transform((v, ctx) => {
        let seenOn: string | null = null
        if (v['seen-day'] === '' && v['seen-month'] === '' && v['seen-year'] === '')
          ctx.addIssue({ code: 'custom', path: ['seenOn'], message: 'Enter the date the child was seen' })
        else {
          seenOn = dateFromParts(v['seen-day'], v['seen-month'], v['seen-year'])
          const message =
            seenOn === null
              ? 'Date the child was seen must be a real date'
              : seenOn > londonToday(now)
                ? 'Date the child was seen must be today or in the past'
                : seenOn < referralDate
                  ? 'Date the child was seen must be on or after the referral date'
                  : null
          if (message) {
            ctx.addIssue({ code: 'custom', path: ['seenOn'], message })
            seenOn = null
          }
        }
        const reason = v.notSeenAloneReason === '' ? null : v.notSeenAloneReason
        if (v.seenAlone === 'no' && reason === null)
          ctx.addIssue({
            code: 'custom',
            path: ['notSeenAloneReason'],
            message: 'Enter why the child was not seen alone',
          })
        if (seenOn === null || (v.seenAlone === 'no' && reason === null)) return z.NEVER
        return {
          seenOn,
          seenAlone: v.seenAlone === 'yes',
          notSeenAloneReason: v.seenAlone === 'no' ? reason : null,
        }
      }),
  )
}

export const wishesSchema = z.object({
  wishesAndFeelings: longAnswer('The child’s wishes and feelings', 'Enter the child’s wishes and feelings'),
})

/** A pre-birth assessment's answer in the same place: the parents' views and the baby's needs. */
export const parentsViewsSchema = z.object({
  wishesAndFeelings: longAnswer(
    'The parents’ views and the baby’s needs',
    'Enter the parents’ views and what the baby will need',
  ),
})

export function factorsSchema(codes: AssessmentCodes = CODES) {
  const known = new Set(codes.factors.map((f) => f.code))
  return z
    .object({
      factors: z
        .union([z.string(), z.array(z.string())], {
          error: 'Select the factors identified, or no factors identified',
        })
        .transform((v) => [...new Set(Array.isArray(v) ? v : [v])].filter((c) => c !== '')),
    })
    .superRefine((v, ctx) => {
      if (v.factors.length === 0)
        ctx.addIssue({
          code: 'custom',
          path: ['factors'],
          message: 'Select the factors identified, or no factors identified',
        })
      else if (v.factors.some((c) => !known.has(c)))
        ctx.addIssue({ code: 'custom', path: ['factors'], message: 'Select factors from the list' })
      else if (v.factors.includes(NO_FACTORS) && v.factors.length > 1)
        ctx.addIssue({
          code: 'custom',
          path: ['factors'],
          message: 'Select either the factors identified or no factors identified, not both',
        })
    })
    .transform((v) => ({ factors: sortFactors(v.factors, codes) }))
}

/** Factors in the list's order, so the same choice always reads (and exports) the same. */
export function sortFactors(factors: readonly string[], codes: AssessmentCodes = CODES): string[] {
  const order = new Map(codes.factors.map((f, i) => [f.code, i]))
  return [...factors].sort((a, b) => (order.get(a) ?? 999) - (order.get(b) ?? 999))
}

export function needSchema(codes: AssessmentCodes = CODES) {
  return z.object({
    primaryNeed: z.enum(codes.primaryNeeds.map((n) => n.code) as [string, ...string[]], {
      error: 'Select the child’s primary need',
    }),
  })
}

export const analysisSchema = z.object({
  analysis: longAnswer('The analysis', 'Enter your analysis'),
})

export function outcomeSchema(codes: AssessmentCodes = CODES) {
  return z.object({
    outcome: z.enum(codes.outcomes.map((o) => o.code) as [AssessmentOutcome, ...AssessmentOutcome[]], {
      error: 'Select the outcome of the assessment',
    }),
  })
}

/** What one section's form saves, as columns. */
export type SectionChange = Partial<{
  seen_on: string
  seen_alone: boolean
  not_seen_alone_reason: string | null
  wishes_and_feelings: string
  factors: string[]
  primary_need: string
  analysis: string
  outcome: AssessmentOutcome
}>

/** A form's checked answers as the columns it changes. */
export function changeFor(section: SectionCode, input: Record<string, unknown>): SectionChange {
  switch (section) {
    case 'seen':
      return {
        seen_on: input.seenOn as string,
        seen_alone: input.seenAlone as boolean,
        not_seen_alone_reason: (input.notSeenAloneReason as string | null) ?? null,
      }
    case 'wishes':
      return { wishes_and_feelings: input.wishesAndFeelings as string }
    case 'factors':
      return { factors: input.factors as string[] }
    case 'need':
      return { primary_need: input.primaryNeed as string }
    case 'analysis':
      return { analysis: input.analysis as string }
    case 'outcome':
      return { outcome: input.outcome as AssessmentOutcome }
  }
}

/** A version number posted back with a form (the page it was shown on), or null if missing. */
export function postedVersion(body: unknown): number | null {
  const raw = (body as Record<string, unknown> | undefined)?.version
  return typeof raw === 'string' && /^[1-9]\d{0,8}$/.test(raw) ? Number(raw) : null
}
