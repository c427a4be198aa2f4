/**
 * Child in need plans' rules (Children Act 1989 s17; Working Together 2023, 3.166 to 3.172; the
 * CIN census's CINplanDates and ReasonForClosure). A CIN plan starts from an authorised
 * assessment whose outcome is a CIN plan, or from a child protection plan ended because the child
 * is no longer at continuing risk (the conference stepping the child down); one open CIN plan per
 * child; its outcomes and actions have the CP plan's shape (`plan-model.ts`); the child is visited
 * at the plan's frequency and the plan reviewed (local practice: within 3 months, then every 6);
 * it ends with the census's reason for closure (RC1–RC9). Pure.
 */
import { z } from 'zod'
import settingsFile from '../../../reference/protection/cin-plans.json' with { type: 'json' }
import { londonToday } from '../../platform/calendar/dates.js'
import type { Code } from './model.js'
import { dateBoxes, endSchema, readDate, text, version, type PlanDates } from './plan-model.js'

export interface CinPlanSettings {
  visitFrequencies: readonly Code[]
  defaultFrequency: string
  closureReasons: readonly Code[]
}

export function readCinSettings(raw: unknown): CinPlanSettings {
  const code = z.object({ code: z.string().min(1).max(10), label: z.string().min(1) })
  const parsed = z
    .object({
      visitFrequencies: z.array(code).min(1),
      defaultFrequency: z.string(),
      closureReasons: z.array(code.extend({ code: z.string().regex(/^RC[1-9]$/) })).min(1),
    })
    .parse(raw)
  if (!parsed.visitFrequencies.some((f) => f.code === parsed.defaultFrequency))
    throw new Error(`The default CIN visit frequency ${parsed.defaultFrequency} is not one of the choices`)
  return parsed
}

export const CIN_SETTINGS: CinPlanSettings = readCinSettings(settingsFile)
/** How often the child is visited: each a `frequency` of the clock `cin-visit`. */
export const VISIT_FREQUENCIES = CIN_SETTINGS.visitFrequencies
/** The CIN census's reasons for closure, with which a CIN plan ends. */
export const CLOSURE_REASONS = CIN_SETTINGS.closureReasons

export const CIN_PLAN_SUBJECT = 'cin_plan'
export const CIN_ACTION_SUBJECT = 'cin_plan_action'
/** The plan's clocks (reference/clock-definitions.json): every one stops when the plan ends. */
export const CIN_PLAN_CLOCKS = ['cin-visit', 'cin-review-first-3m', 'cin-review-6m'] as const
export const CIN_REVIEW_CLOCKS = ['cin-review-first-3m', 'cin-review-6m'] as const
export const CIN_ACTION_CLOCK = 'cin-plan-action-due'

/** The CP plan's end reason after which the child may continue on a CIN plan (a step down). */
export const STEP_DOWN_REASON = 'no_longer_at_risk'

/**
 * What a CIN plan starts from: an assessment (authorised, its outcome a CIN plan) or a CP plan
 * (ended, no longer at risk); `from` is the day it was authorised or ended, before which the plan
 * cannot start.
 */
export interface CinPlanSource {
  kind: 'assessment' | 'cp_plan'
  id: number
  referralId: number | null
  from: string
}

export const sourceKey = (s: Pick<CinPlanSource, 'kind' | 'id'>) => `${s.kind}:${s.id}`

/** The refusal of a plan for a child already on one. */
export const ALREADY_ON_CIN_PLAN =
  'This child is already on a child in need plan: end that plan before starting another'

const tooEarly = (source: CinPlanSource) =>
  source.kind === 'assessment'
    ? 'Start date must be on or after the day the assessment was authorised'
    : 'Start date must be on or after the day the child protection plan ended'

/** Why a CIN plan cannot start on this date from this source, or null. */
export function cinStartRefusal(
  startDate: string,
  source: CinPlanSource,
  onOpenPlan: boolean,
  today: string,
): string | null {
  if (onOpenPlan) return ALREADY_ON_CIN_PLAN
  if (startDate < source.from) return tooEarly(source)
  if (startDate > today) return 'A child in need plan cannot start in the future'
  return null
}

// ---------------------------------------------------------------------------------------------
// Starting the plan

export const START_FIELD_IDS = { start: 'start-day', source: 'source', frequency: 'frequency' } as const

export function startSchema(now: Date, sources: readonly CinPlanSource[]) {
  const today = londonToday(now)
  const frequencies = VISIT_FREQUENCIES.map((f) => f.code) as [string, ...string[]]
  return z
    .object({
      source: z
        .string({ error: 'Select what the plan follows' })
        .trim()
        .min(1, 'Select what the plan follows'),
      frequency: z.enum(frequencies, { error: 'Select how often the child will be visited' }),
      ...dateBoxes('start'),
    })
    .transform((v, ctx) => {
      const source = sources.find((s) => sourceKey(s) === v.source)
      if (!source)
        ctx.addIssue({
          code: 'custom',
          path: ['source'],
          message: 'Select what the plan follows from the list',
        })
      const startDate = readDate(
        v,
        'start',
        ctx,
        { missing: 'Enter the date the plan starts', name: 'Start date' },
        {
          ...(source ? { from: { date: source.from, message: tooEarly(source) } } : {}),
          to: { date: today, message: 'Start date must be today or in the past' },
        },
      )
      if (!source || startDate === null) return z.NEVER
      return { source, startDate, frequency: v.frequency }
    })
}
export type StartInput = z.output<ReturnType<typeof startSchema>>

// ---------------------------------------------------------------------------------------------
// A review of the plan

export const REVIEW_FIELD_IDS = { held: 'held-day' } as const

export function reviewSchema(now: Date, plan: PlanDates) {
  const today = londonToday(now)
  return z
    .object({
      version,
      ...dateBoxes('held'),
      summary: text('The review', 10_000),
    })
    .transform((v, ctx) => {
      const heldOn = readDate(
        v,
        'held',
        ctx,
        { missing: 'Enter the date of the review', name: 'Date of the review' },
        {
          from: { date: plan.startDate, message: 'Date of the review must be on or after the plan started' },
          to: { date: today, message: 'Date of the review must be today or in the past' },
        },
      )
      // Checked here rather than in the object, so a missing summary and a wrong date show together.
      if (v.summary === null)
        ctx.addIssue({
          code: 'custom',
          path: ['summary'],
          message: 'Enter what the review found and decided',
        })
      if (heldOn === null || v.summary === null) return z.NEVER
      return { version: v.version, heldOn, summary: v.summary }
    })
}
export type ReviewInput = z.output<ReturnType<typeof reviewSchema>>

/** The end: a date (not before the start, not in the future) and the census's reason for closure. */
export const cinEndSchema = (now: Date, plan: PlanDates) => endSchema(now, plan, CLOSURE_REASONS)
export type CinEndInput = z.output<ReturnType<typeof cinEndSchema>>
