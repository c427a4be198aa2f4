/**
 * Child protection plans' rules (Working Together 2023, 4.3 to 4.5; the CIN census's plan items).
 * A plan starts on the date of the initial conference with a category of abuse; it has SMART
 * outcomes whose actions are tracked planned versus delivered; a core group meets within 10
 * working days of the conference and then every 4 weeks; the child is visited every 10 working
 * days; review conferences follow at 3 months and then at most every 6; the plan ends with a
 * reason. What each form must say, and the dates that must be in order. Pure.
 */
import { z } from 'zod'
import { dateFromParts, londonInstant, londonToday } from '../../platform/calendar/dates.js'
import type { CpActionStatus, CpCategory } from '../../platform/db/schema.js'
import { PARTICIPANT_AGENCIES, type Code } from './model.js'

/** The CIN census's categories of abuse (InitialCategoryOfAbuse, LatestCategoryOfAbuse). */
export const CATEGORIES: readonly Code<CpCategory>[] = [
  { code: 'NEG', label: 'Neglect' },
  { code: 'PHY', label: 'Physical abuse' },
  { code: 'SAB', label: 'Sexual abuse' },
  { code: 'EMO', label: 'Emotional abuse' },
  { code: 'MUL', label: 'Multiple' },
]

export type EndReason =
  | 'no_longer_at_risk'
  | 'became_looked_after'
  | 'transferred_out'
  | 'moved_away'
  | 'reached_18'
  | 'died'
  | 'other'

/**
 * Why a plan ends. The CIN census records only the end date; these codes are Haven's, covering
 * the reasons local authorities report (a review conference deciding the child is no longer at
 * continuing risk, the child coming into care, a transfer conference in another authority, the
 * family moving away, the 18th birthday).
 */
export const END_REASONS: readonly (Code<EndReason> & { hint?: string })[] = [
  {
    code: 'no_longer_at_risk',
    label: 'No longer at continuing risk of significant harm',
    hint: 'A review conference decided the plan is no longer needed.',
  },
  { code: 'became_looked_after', label: 'The child became looked after' },
  {
    code: 'transferred_out',
    label: 'Transferred to another local authority',
    hint: 'A transfer-in conference there has made its own plan.',
  },
  { code: 'moved_away', label: 'The child moved away (abroad, or whereabouts unknown)' },
  { code: 'reached_18', label: 'The child reached 18' },
  { code: 'died', label: 'The child died' },
  { code: 'other', label: 'Another reason' },
]

export const OWNER_KINDS: readonly Code<'person' | 'agency'>[] = [
  { code: 'person', label: 'A person' },
  { code: 'agency', label: 'An agency' },
]

export const ACTION_STATUSES: readonly (Code<CpActionStatus> & { colour: string })[] = [
  { code: 'planned', label: 'Planned', colour: 'govuk-tag--blue' },
  { code: 'delivered', label: 'Delivered', colour: 'govuk-tag--green' },
  { code: 'not_delivered', label: 'Not delivered', colour: 'govuk-tag--red' },
]

/** The agencies a core group's attendance is taken by. */
export const CORE_GROUP_AGENCIES = PARTICIPANT_AGENCIES

/** The plan clocks, from reference/clock-definitions.json: every one stops when the plan ends. */
export const PLAN_CLOCKS = [
  'cp-review-first-3m',
  'cp-review-6m',
  'core-group-first-10wd',
  'core-group-4w',
  'cp-visit-10wd',
] as const
export const ACTION_CLOCK = 'cp-plan-action-due'
export const PLAN_SUBJECT = 'cp_plan'
export const ACTION_SUBJECT = 'cp_plan_action'

/**
 * Whether something of the child's (a plan, a conference) began before the child was born: the
 * child is still unborn, or it began before the date of birth. The birth (people's `person.born`)
 * changes nothing here: the plan and its clocks carry on, on the same record; the pages say it
 * started before birth by comparing the dates.
 */
export function startedBeforeBirth(
  startDate: string,
  child: { kind: 'child' | 'adult' | 'unborn'; date_of_birth: string | null },
): boolean {
  return child.kind === 'unborn' || (child.date_of_birth !== null && startDate < child.date_of_birth)
}

export function isCategory(value: unknown): value is CpCategory {
  return typeof value === 'string' && CATEGORIES.some((c) => c.code === value)
}

export function isEndReason(value: unknown): value is EndReason {
  return typeof value === 'string' && END_REASONS.some((c) => c.code === value)
}

/** Where a dated event of the plan sits in time: a date's own start, so later events that day follow it. */
export function dayInstant(date: string): Date {
  return londonInstant(date, '00:00')
}

/** The end of a plan sits at the end of its day, after the day's visits and meetings. */
export function endInstant(date: string): Date {
  return londonInstant(date, '23:59')
}

/** The refusal of a plan for a child already on one (or named twice in a batch). */
export const ALREADY_ON_PLAN =
  'This child is already on a child protection plan: end that plan before starting another'

/** Why a plan cannot start, or null: one open plan per child, and each child once in a batch. */
export function startRefusal(
  plan: { childId: number; startDate: string; category: string },
  openPlanChildren: ReadonlySet<number>,
  earlierInBatch: ReadonlySet<number>,
  today: string,
): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(plan.startDate)) return 'The plan’s start date must be a real date'
  if (plan.startDate > today) return 'A child protection plan cannot start in the future'
  if (!isCategory(plan.category)) return 'Select the category of abuse'
  if (openPlanChildren.has(plan.childId) || earlierInBatch.has(plan.childId)) return ALREADY_ON_PLAN
  return null
}

/** Why a plan cannot end on this date, or null. */
export function endRefusal(startDate: string, endDate: string, today: string): string | null {
  if (endDate < startDate) return 'The plan’s end date must be on or after the date it started'
  if (endDate > today) return 'The plan’s end date must be today or in the past'
  return null
}

/** A version number from a hidden field: the plan as the form was shown. */
export const version = z
  .string({ error: 'The form is missing the plan’s version: open it again from the plan' })
  .regex(/^\d{1,9}$/, 'The form is missing the plan’s version: open it again from the plan')
  .transform(Number)

const tooLong = (label: string, max: number) =>
  `${label} must be ${max.toLocaleString('en-GB')} characters or fewer`

export const text = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, tooLong(label, max))
    .optional()
    .transform((v) => (v === undefined || v === '' ? null : v))

const required = (label: string, max: number, missing: string) =>
  z.string({ error: missing }).trim().min(1, missing).max(max, tooLong(label, max))

export const dateBoxes = (prefix: string) => ({
  [`${prefix}-day`]: z.string().trim().default(''),
  [`${prefix}-month`]: z.string().trim().default(''),
  [`${prefix}-year`]: z.string().trim().default(''),
})

/**
 * Reads a date from its three boxes, checking it is real and within [from, to]; adds an issue on
 * the first box and returns null when not.
 */
export function readDate(
  v: Record<string, unknown>,
  prefix: string,
  ctx: z.RefinementCtx,
  words: { missing: string; name: string },
  bounds: { from?: { date: string; message: string }; to?: { date: string; message: string } },
): string | null {
  const [d, m, y] = [`${prefix}-day`, `${prefix}-month`, `${prefix}-year`].map((k) =>
    typeof v[k] === 'string' ? (v[k] as string) : '',
  ) as [string, string, string]
  const path = [`${prefix}-day`]
  if (d === '' && m === '' && y === '') {
    ctx.addIssue({ code: 'custom', path, message: words.missing })
    return null
  }
  const iso = dateFromParts(d, m, y)
  if (iso === null) {
    ctx.addIssue({ code: 'custom', path, message: `${words.name} must be a real date` })
    return null
  }
  if (bounds.from && iso < bounds.from.date) {
    ctx.addIssue({ code: 'custom', path, message: bounds.from.message })
    return null
  }
  if (bounds.to && iso > bounds.to.date) {
    ctx.addIssue({ code: 'custom', path, message: bounds.to.message })
    return null
  }
  return iso
}

export interface PlanDates {
  startDate: string
}

// ---------------------------------------------------------------------------------------------
// Adding an action (to an outcome of the plan, or to a new outcome)

export const ACTION_FIELD_IDS = { due: 'due-day', outcomeId: 'outcomeId' } as const

export function actionSchema(plan: PlanDates, outcomeIds: readonly number[]) {
  return z
    .object({
      version,
      outcomeId: z.string().trim().optional(),
      newOutcome: text('The outcome', 2000),
      action: required('The action', 2000, 'Enter what is to be done'),
      ownerKind: z.enum(['person', 'agency'], {
        error: 'Select whether a person or an agency owns the action',
      }),
      ownerName: required('The owner', 200, 'Enter who will do it'),
      ...dateBoxes('due'),
    })
    .transform((v, ctx) => {
      let failed = false
      let outcomeId: number | null = null
      const chosen = v.outcomeId ?? ''
      if (chosen !== '' && chosen !== 'new') {
        outcomeId = Number(chosen)
        if (!outcomeIds.includes(outcomeId)) {
          failed = true
          ctx.addIssue({ code: 'custom', path: ['outcomeId'], message: 'Select an outcome of this plan' })
          outcomeId = null
        }
      } else if (v.newOutcome === null) {
        failed = true
        ctx.addIssue({
          code: 'custom',
          path: [outcomeIds.length === 0 || chosen === 'new' ? 'newOutcome' : 'outcomeId'],
          message:
            outcomeIds.length === 0 || chosen === 'new'
              ? 'Enter the outcome this action works towards'
              : 'Select the outcome this action works towards, or enter a new one',
        })
      }
      const dueOn = readDate(
        v,
        'due',
        ctx,
        { missing: 'Enter the date the action is due', name: 'Due date' },
        { from: { date: plan.startDate, message: 'Due date must be on or after the plan started' } },
      )
      if (dueOn === null || failed) return z.NEVER
      return {
        version: v.version,
        outcome: outcomeId === null ? { newOutcome: v.newOutcome as string } : { outcomeId },
        action: v.action,
        ownerKind: v.ownerKind,
        ownerName: v.ownerName,
        dueOn,
      }
    })
}
export type ActionInput = z.output<ReturnType<typeof actionSchema>>

// ---------------------------------------------------------------------------------------------
// Recording whether an action was delivered

export const PROGRESS_FIELD_IDS = { delivered: 'delivered-day' } as const

export function progressSchema(now: Date, plan: PlanDates) {
  const today = londonToday(now)
  return z
    .object({
      version,
      status: z.enum(['delivered', 'not_delivered'], { error: 'Select whether the action was delivered' }),
      ...dateBoxes('delivered'),
      reason: text('The reason', 10_000),
    })
    .transform((v, ctx) => {
      if (v.status === 'not_delivered') {
        if (v.reason === null) {
          ctx.addIssue({
            code: 'custom',
            path: ['reason'],
            message: 'Enter why the action was not delivered',
          })
          return z.NEVER
        }
        return { version: v.version, status: 'not_delivered' as const, reason: v.reason }
      }
      const on = readDate(
        v,
        'delivered',
        ctx,
        { missing: 'Enter the date the action was delivered', name: 'Date delivered' },
        {
          from: { date: plan.startDate, message: 'Date delivered must be on or after the plan started' },
          to: { date: today, message: 'Date delivered must be today or in the past' },
        },
      )
      if (on === null) return z.NEVER
      return { version: v.version, status: 'delivered' as const, deliveredOn: on }
    })
}
export type ProgressInput = z.output<ReturnType<typeof progressSchema>>

// ---------------------------------------------------------------------------------------------
// A core group meeting

export const CORE_GROUP_FIELD_IDS = { held: 'held-day', attended: 'attended' } as const

export function coreGroupSchema(now: Date, plan: PlanDates, actionIds: readonly number[]) {
  const today = londonToday(now)
  const agencyCodes = CORE_GROUP_AGENCIES.map((a) => a.code) as [string, ...string[]]
  const progress = Object.fromEntries(
    actionIds.map((id) => [`progress-${id}`, text('Progress', 10_000)]),
  ) as Record<string, ReturnType<typeof text>>
  return z
    .object({
      version,
      ...dateBoxes('held'),
      attended: z
        .union([z.string(), z.array(z.string())])
        .optional()
        .transform((a) => (a === undefined ? [] : Array.isArray(a) ? a : [a])),
      notes: text('Notes', 10_000),
      ...progress,
    })
    .transform((v, ctx) => {
      const heldOn = readDate(
        v,
        'held',
        ctx,
        { missing: 'Enter the date the core group met', name: 'Date held' },
        {
          from: { date: plan.startDate, message: 'Date held must be on or after the plan started' },
          to: { date: today, message: 'Date held must be today or in the past' },
        },
      )
      const attended = [...new Set(v.attended)]
      const badAttendance = attended.length === 0 || attended.some((a) => !agencyCodes.includes(a))
      if (attended.some((a) => !agencyCodes.includes(a)))
        ctx.addIssue({
          code: 'custom',
          path: ['attended'],
          message: 'Select the agencies that attended from the list',
        })
      else if (attended.length === 0)
        ctx.addIssue({ code: 'custom', path: ['attended'], message: 'Select the agencies that attended' })
      if (heldOn === null || badAttendance) return z.NEVER
      const boxes = v as unknown as Record<string, string | null>
      return {
        version: v.version,
        heldOn,
        attended,
        notes: v.notes,
        progress: actionIds.flatMap((id) => {
          const p = boxes[`progress-${id}`]
          return typeof p === 'string' && p !== '' ? [{ actionId: id, progress: p }] : []
        }),
      }
    })
}
export type CoreGroupInput = z.output<ReturnType<typeof coreGroupSchema>>

// ---------------------------------------------------------------------------------------------
// A statutory visit

export const VISIT_FIELD_IDS = { visited: 'visited-day' } as const
const TIME = /^([01]?\d|2[0-3])[:.]([0-5]\d)$/
const yesNo = (message: string) => z.enum(['yes', 'no'], { error: message }).transform((v) => v === 'yes')

export function visitSchema(now: Date, plan: PlanDates) {
  const today = londonToday(now)
  return z
    .object({
      version,
      ...dateBoxes('visited'),
      'visited-time': z.string().trim().default(''),
      whoPresent: text('Who was present', 2000),
      seen: yesNo('Select whether the child was seen'),
      seenAlone: z.enum(['yes', 'no']).optional(),
      announced: yesNo('Select whether the visit was announced'),
    })
    .transform((v, ctx) => {
      const on = readDate(
        v,
        'visited',
        ctx,
        { missing: 'Enter the date of the visit', name: 'Date of the visit' },
        {
          from: { date: plan.startDate, message: 'Date of the visit must be on or after the plan started' },
          to: { date: today, message: 'Date of the visit must be today or in the past' },
        },
      )
      const time = TIME.exec(v['visited-time'])
      if (time === null)
        ctx.addIssue({
          code: 'custom',
          path: ['visited-time'],
          message: 'Enter the time of the visit, like 14:30',
        })
      const aloneMissing = v.seen && v.seenAlone === undefined
      if (aloneMissing)
        ctx.addIssue({
          code: 'custom',
          path: ['seenAlone'],
          message: 'Select whether the child was seen alone',
        })
      if (on === null || time === null || aloneMissing) return z.NEVER
      const at = londonInstant(on, `${time[1]?.padStart(2, '0')}:${time[2]}`)
      if (at.getTime() > now.getTime() + 60_000) {
        ctx.addIssue({ code: 'custom', path: ['visited-time'], message: 'The visit must be in the past' })
        return z.NEVER
      }
      return {
        version: v.version,
        visitedAt: at,
        whoPresent: v.whoPresent,
        seen: v.seen,
        seenAlone: v.seen && v.seenAlone === 'yes',
        announced: v.announced,
      }
    })
}
export type VisitInput = z.output<ReturnType<typeof visitSchema>>

// ---------------------------------------------------------------------------------------------
// Ending the plan

export const END_FIELD_IDS = { end: 'end-day' } as const

/** The end form; a CIN plan's gives the census's reasons for closure (`reasons`). */
export function endSchema<R extends string = EndReason>(
  now: Date,
  plan: PlanDates,
  reasons: readonly Code<R>[] = END_REASONS as readonly Code<string>[] as readonly Code<R>[],
) {
  const today = londonToday(now)
  return z
    .object({
      version,
      ...dateBoxes('end'),
      reason: z.enum(reasons.map((r) => r.code) as [R, ...R[]], {
        error: 'Select why the plan is ending',
      }),
    })
    .transform((v, ctx) => {
      const endDate = readDate(
        v,
        'end',
        ctx,
        { missing: 'Enter the date the plan ends', name: 'End date' },
        {
          from: { date: plan.startDate, message: 'End date must be on or after the date the plan started' },
          to: { date: today, message: 'End date must be today or in the past' },
        },
      )
      if (endDate === null) return z.NEVER
      return { version: v.version, endDate, reason: v.reason }
    })
}
export type EndInput = z.output<ReturnType<typeof endSchema<EndReason>>>

/** Whether an action is past its due date and neither delivered nor accounted for. */
export function isOverdue(action: { status: string; due_on: string }, today: string): boolean {
  return action.status === 'planned' && action.due_on < today
}
