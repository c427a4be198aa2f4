/**
 * The IRO's escalations (dispute resolution) and the permanency planning meeting (issue 17). Pure:
 * the stages of the protocol and their response days (`reference/care/iro-escalations.json`), when
 * a stage's response is due (the platform's clock arithmetic), where an escalation goes next, who
 * may raise, answer or move it on, the permanence plans, the forms and the words the chronology
 * shows. No I/O.
 */
import { z } from 'zod'
import stagesFile from '../../../reference/care/iro-escalations.json' with { type: 'json' }
import { dueAt, type ClockDefinition } from '../../platform/calendar/clocks.js'
import { londonInstant, londonToday, longDate } from '../../platform/calendar/dates.js'
import type { WorkingCalendar } from '../../platform/calendar/working-days.js'
import type { ChronologyPresenter, ChronologyEvent } from '../../platform/modules.js'
import { ROLES, type Role } from '../../platform/permissions/roles.js'
import { optionalText, readDay, type Refusal } from './model.js'

/** The clock each stage's response runs on, and the permanency planning meeting's. */
export const ESCALATION_CLOCK = 'iro-escalation-response'
export const PERMANENCY_CLOCK = 'permanency-planning-meeting'

export const ESCALATION_EVENTS = {
  /** Raised, or moved to the next stage: starts that stage's clock. */
  sent: 'iro_escalation.sent',
  /** The response at a stage: stops its clock. */
  responded: 'iro_escalation.responded',
  /** Resolved, or referred to Cafcass: cancels any clock still running. */
  closed: 'iro_escalation.closed',
} as const
export const PERMANENCY_EVENT = 'permanency_planning.held'

export const ESCALATION_CHRONOLOGY: ChronologyPresenter = {
  types: ['iro_escalation.*', 'permanency_planning.*'],
  summary: (event: ChronologyEvent) => event.summary,
  // The meeting is recorded for a day; it is a meeting held.
  datedTypes: [PERMANENCY_EVENT],
  meetingTypes: [PERMANENCY_EVENT],
}

export interface EscalationStage {
  code: string
  title: string
  /** Null for the referral to Cafcass: no response is due inside Haven. */
  responseWorkingDays: number | null
  /** Who may record the response at this stage. */
  responderRoles: readonly Role[]
}

export interface Category {
  code: string
  label: string
}

/** Checks the protocol's file once, at start: stages in order, the last a referral with no days. */
export function readStages(raw: unknown): { stages: EscalationStage[]; categories: Category[] } {
  const parsed = z
    .object({
      source: z.string().min(1),
      stages: z
        .array(
          z.object({
            code: z.string().regex(/^[a-z_]+$/),
            title: z.string().min(1),
            responseWorkingDays: z.number().int().positive().nullable(),
            responderRoles: z.array(z.enum(ROLES)),
          }),
        )
        .min(2),
      categories: z.array(z.object({ code: z.string().regex(/^[a-z_]+$/), label: z.string().min(1) })).min(1),
    })
    .parse(raw)
  parsed.stages.forEach((s, i) => {
    const last = i === parsed.stages.length - 1
    if (last !== (s.responseWorkingDays === null))
      throw new Error(
        `IRO escalation stage ${s.code}: only the last stage (the referral) has no response days`,
      )
    if (!last && s.responderRoles.length === 0)
      throw new Error(`IRO escalation stage ${s.code} has no responder`)
  })
  return parsed
}

const PROTOCOL = readStages(stagesFile)
export const STAGES: readonly EscalationStage[] = PROTOCOL.stages
export const CATEGORIES: readonly Category[] = PROTOCOL.categories
/** The referral to Cafcass: the last stage, which closes the escalation. */
export const REFERRAL = STAGES[STAGES.length - 1]?.code ?? 'cafcass'

export function stageOf(code: string, stages: readonly EscalationStage[] = STAGES): EscalationStage {
  const found = stages.find((s) => s.code === code)
  if (!found) throw new RangeError(`No IRO escalation stage ${code}`)
  return found
}

export const stageTitle = (code: string) => STAGES.find((s) => s.code === code)?.title ?? code
export const categoryLabel = (code: string) => CATEGORIES.find((c) => c.code === code)?.label ?? code

/** The stage after `code`: the next formal stage, and after the director the referral to Cafcass. */
export function nextStage(code: string, stages: readonly EscalationStage[] = STAGES): EscalationStage | null {
  const i = stages.findIndex((s) => s.code === code)
  if (i < 0) throw new RangeError(`No IRO escalation stage ${code}`)
  return stages[i + 1] ?? null
}

/**
 * When the response at `stage` is due for a stage sent at `sentAt`: the clock's working days for
 * the stage, counted by the platform's calendar, so the date shown is the one on the worklist.
 */
export function stageDue(
  definition: ClockDefinition,
  sentAt: Date,
  stage: string,
  calendar: WorkingCalendar,
): Date {
  return new Date(dueAt(definition, sentAt.toISOString(), calendar, { stage }))
}

// ---------------------------------------------------------------------------------------------
// Who may move an escalation on

export type Permission = { allowed: true } | { allowed: false; reason: string }

/** Raising: the child's allocated IRO, or a team or service manager. */
export function mayRaise(actor: { id: number; role: Role }, iroId: number | null): Permission {
  if (actor.id === iroId || actor.role === 'team_manager' || actor.role === 'service_manager')
    return { allowed: true }
  return {
    allowed: false,
    reason: 'Only the child’s independent reviewing officer, or a manager, can raise an IRO escalation.',
  }
}

/** Responding at the open stage: someone at that level (its roles), while it is open. */
export function mayRespond(e: { status: string; stage: string }, actor: { role: Role }): Permission {
  if (e.status !== 'open') return { allowed: false, reason: 'This escalation is closed.' }
  const stage = stageOf(e.stage)
  if (!stage.responderRoles.includes(actor.role))
    return {
      allowed: false,
      reason: `Only a ${stage.responderRoles.map((r) => r.replace('_', ' ')).join(' or ')} can respond at this stage (${stage.title}).`,
    }
  return { allowed: true }
}

/** Moving a stage on with no response: the IRO (or a manager) once the response is overdue. */
export function mayEscalateLate(
  e: { status: string; dueAt: Date | null },
  actor: { id: number; role: Role },
  iroId: number | null,
  now: Date,
): Permission {
  const raise = mayRaise(actor, iroId)
  if (!raise.allowed) return raise
  if (e.status !== 'open') return { allowed: false, reason: 'This escalation is closed.' }
  if (e.dueAt === null || now.getTime() <= e.dueAt.getTime())
    return {
      allowed: false,
      reason:
        'The response at this stage is not yet overdue: it can be escalated once its due date has passed.',
    }
  return { allowed: true }
}

/**
 * Where a response leaves the escalation: resolved closes it; not resolved moves it to the next
 * stage, and past the director it is referred to Cafcass, which closes it too.
 */
export function afterResponse(
  stage: string,
  outcome: 'resolved' | 'not_resolved',
): { status: 'resolved' } | { status: 'open'; stage: string } | { status: 'referred'; stage: string } {
  if (outcome === 'resolved') return { status: 'resolved' }
  const next = nextStage(stage)
  if (next === null) throw new RangeError(`Stage ${stage} has no response`)
  return next.code === REFERRAL
    ? { status: 'referred', stage: next.code }
    : { status: 'open', stage: next.code }
}

// ---------------------------------------------------------------------------------------------
// The permanency planning meeting

/** The permanence plans (issue 17; the seeds' routes, 004:L537, L330, 002:L301), plain codes. */
export const PERMANENCE_PLANS: readonly { code: string; label: string }[] = [
  { code: 'return_home', label: 'Return home to parents' },
  { code: 'family_friends', label: 'Care by family or friends' },
  { code: 'long_term_foster', label: 'Long-term foster care' },
  { code: 'special_guardianship', label: 'Special guardianship' },
  { code: 'adoption', label: 'Adoption' },
  { code: 'residential', label: 'Residential care' },
  { code: 'independence', label: 'Independence' },
]
export const planLabel = (code: string) => PERMANENCE_PLANS.find((p) => p.code === code)?.label ?? code

/** The meeting's day sits at noon in London, like a visit's. */
export const meetingInstant = (date: string) => londonInstant(date, '12:00')

/** Why the meeting cannot be recorded on this date, or null: during the period, once. */
export function permanencyRefusal(s: {
  heldOn: string
  periodStart: string
  already: string | null
}): Refusal | null {
  if (s.already !== null)
    return {
      field: 'form',
      message: `The permanency planning meeting was already recorded, on ${longDate(s.already)}`,
    }
  if (s.heldOn < s.periodStart)
    return {
      field: 'held-day',
      message: `The date of the meeting must be on or after ${longDate(s.periodStart)}, when the child started to be looked after`,
    }
  return null
}

// ---------------------------------------------------------------------------------------------
// The forms

const longText = (missing: string, label: string) =>
  z.string({ error: missing }).trim().min(1, missing).max(2000, `${label} must be 2000 characters or fewer`)

export const raiseSchema = z.object({
  category: z.enum(CATEGORIES.map((c) => c.code) as [string, ...string[]], {
    error: 'Select what part of the child’s plan the concern is about',
  }),
  concern: longText('Enter what the concern is', 'The concern'),
  reason: longText('Enter why it needs to change', 'Why it needs to change'),
  stage: z.enum(['informal', 'team_manager'], { error: 'Select who the escalation goes to first' }),
})
export type RaiseInput = z.output<typeof raiseSchema>

export const respondSchema = z.object({
  outcome: z.enum(['resolved', 'not_resolved'], { error: 'Select whether the concern is resolved' }),
  note: longText('Enter the response', 'The response'),
})
export type RespondInput = z.output<typeof respondSchema>

export const escalateSchema = z.object({ note: optionalText('The note', 2000) })
export type EscalateInput = z.output<typeof escalateSchema>

export function permanencySchema(now: Date) {
  const today = londonToday(now)
  return z
    .object({
      'held-day': z.string().optional(),
      'held-month': z.string().optional(),
      'held-year': z.string().optional(),
      chair: z
        .string({ error: 'Enter who chaired the meeting' })
        .trim()
        .min(1, 'Enter who chaired the meeting')
        .max(200, 'Who chaired the meeting must be 200 characters or fewer'),
      plan: z.enum(PERMANENCE_PLANS.map((p) => p.code) as [string, ...string[]], {
        error: 'Select the permanence plan',
      }),
      note: optionalText('The note', 2000),
    })
    .transform((v, ctx) => {
      const heldOn = readDay(
        v,
        'held',
        ctx,
        { missing: 'Enter the date of the meeting', name: 'The date of the meeting' },
        today,
      )
      return heldOn === null ? z.NEVER : { heldOn, chair: v.chair, plan: v.plan, note: v.note }
    })
}
export type PermanencyInput = z.output<ReturnType<typeof permanencySchema>>

/** The chronology's line of a stage sent: "IRO escalation at Formal stage 1: team manager (response due by …)". */
export function sentSummary(
  stage: string,
  because: 'raised' | 'not_resolved' | 'late',
  due: string | null,
): string {
  const why = {
    raised: 'raised',
    not_resolved: 'escalated (not resolved)',
    late: 'escalated (no response in time)',
  }[because]
  const to = stage === REFERRAL ? 'referred to Cafcass' : `${why}: ${stageTitle(stage)}`
  return stage === REFERRAL
    ? `IRO escalation ${to}`
    : `IRO escalation ${to}${due ? `, response due by ${due}` : ''}`
}
