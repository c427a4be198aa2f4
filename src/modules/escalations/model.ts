/**
 * Escalation of professional differences: the rules, pure. The levels of the local safeguarding
 * partnership's protocol and their response times, when a level's answer is due (the platform's
 * clock arithmetic), who may answer and what the raiser may do next, and the forms. No I/O.
 */
import { z } from 'zod'
import levelsFile from '../../../reference/escalations/levels.json' with { type: 'json' }
import { dueAt, type ClockDefinition } from '../../platform/calendar/clocks.js'
import type { WorkingCalendar } from '../../platform/calendar/working-days.js'
import type { EscalationBecause, EscalationResponse, EscalationStatus } from '../../platform/db/schema.js'
import { LONG_ANSWER_MAX } from '../../platform/http/form.js'
import type { Actor } from '../../platform/permissions/allow.js'
import { ROLES, type Role } from '../../platform/permissions/roles.js'

/** The clock each level's answer runs on (reference/clock-definitions.json). */
export const ESCALATION_CLOCK = 'escalation-response'
/** The clock's subject: the escalation, its id the escalation's. */
export const ESCALATION_SUBJECT = 'escalation'

export interface EscalationLevel {
  level: number
  title: string
  responseWorkingDays: number
  /** Who may be chosen at this level; null: anyone working with the child, or the team's manager. */
  recipientRoles: readonly Role[] | null
}

/** Checks the protocol's levels once, at start: numbered 1, 2, 3… in order. */
export function readLevels(raw: unknown): EscalationLevel[] {
  const parsed = z
    .object({
      source: z.string().min(1),
      levels: z
        .array(
          z.object({
            level: z.number().int().positive(),
            title: z.string().min(1),
            responseWorkingDays: z.number().int().positive(),
            recipientRoles: z.array(z.enum(ROLES)).min(1).nullable(),
          }),
        )
        .min(1),
    })
    .parse(raw)
  parsed.levels.forEach((l, i) => {
    if (l.level !== i + 1) throw new Error(`Escalation level ${l.level} is out of order`)
  })
  return parsed.levels
}

export const LEVELS: readonly EscalationLevel[] = readLevels(levelsFile)
export const TOP_LEVEL = LEVELS.length

export function levelOf(level: number, levels: readonly EscalationLevel[] = LEVELS): EscalationLevel {
  const found = levels.find((l) => l.level === level)
  if (!found) throw new RangeError(`No escalation level ${level}`)
  return found
}

/** The agencies an escalation comes from: the council's own staff, or a partner's agency. */
export const AGENCIES: Readonly<Record<string, string>> = {
  social_care: 'Children’s social care',
  police: 'Police',
  health: 'Health',
  education: 'Education',
  probation: 'Probation',
  housing: 'Housing',
  local_authority: 'Another council service',
  voluntary: 'Voluntary sector',
  other: 'Other agency',
}

/** The agency a practitioner escalates from: a partner's own, else children's social care. */
export function agencyOf(actor: Pick<Actor, 'role' | 'agency'>): string {
  if (actor.role !== 'partner_practitioner') return 'social_care'
  return actor.agency !== null && actor.agency in AGENCIES ? actor.agency : 'other'
}

export const RESPONSES: readonly { code: EscalationResponse; label: string }[] = [
  { code: 'agree', label: 'Agree' },
  { code: 'disagree', label: 'Disagree' },
]

/**
 * When the answer at `level` is due for an escalation sent at `sentAt`: the clock's working days
 * for the level, counted by the platform's calendar (bank holidays, London days), so the date
 * shown on the escalation is the one on the recipient's worklist.
 */
export function responseDue(
  definition: ClockDefinition,
  sentAt: Date,
  level: number,
  calendar: WorkingCalendar,
): Date {
  return new Date(dueAt(definition, sentAt.toISOString(), calendar, { level: String(level) }))
}

// ---------------------------------------------------------------------------------------------
// Where an escalation stands, and who may move it on

export interface EscalationState {
  status: EscalationStatus
  level: number
  raisedBy: number
  recipientId: number
  dueAt: Date
}

/** Waiting for an answer past the time it was due. */
export function isOverdue(e: Pick<EscalationState, 'status' | 'dueAt'>, now: Date): boolean {
  return e.status === 'awaiting_response' && now.getTime() > e.dueAt.getTime()
}

export type Permission = { allowed: true } | { allowed: false; reason: string }

/** Answering: the person it was sent to at this level, or their manager, while it waits for one. */
export function mayRespond(e: EscalationState, actorId: number, managesRecipient: boolean): Permission {
  if (e.status !== 'awaiting_response')
    return {
      allowed: false,
      reason:
        e.status === 'resolved'
          ? 'This escalation has been resolved.'
          : 'This escalation has been answered at this level. The person who raised it decides what happens next.',
    }
  if (e.recipientId !== actorId && !managesRecipient)
    return {
      allowed: false,
      reason: 'Only the person this escalation was sent to, or their manager, can respond to it.',
    }
  return { allowed: true }
}

/** What the raiser may do next: accept (resolved) and, below the top level, escalate. */
export type RaiserChoices =
  | { allowed: true; canEscalate: boolean; because: Exclude<EscalationBecause, 'raised'> }
  | { allowed: false; reason: string }

/**
 * The raiser's decision: once answered, accept it (resolved) or dispute it (the next level); with
 * no answer by the due time, escalate it as late or record it resolved another way. Before then,
 * the recipient has their time to answer.
 */
export function raiserChoices(e: EscalationState, actorId: number, now: Date): RaiserChoices {
  if (e.raisedBy !== actorId)
    return { allowed: false, reason: 'Only the person who raised this escalation can accept or dispute it.' }
  if (e.status === 'resolved') return { allowed: false, reason: 'This escalation has been resolved.' }
  const canEscalate = e.level < TOP_LEVEL
  if (e.status === 'responded') return { allowed: true, canEscalate, because: 'disputed' }
  if (isOverdue(e, now)) return { allowed: true, canEscalate, because: 'late' }
  return {
    allowed: false,
    reason: 'The response to this escalation is not due yet. You can escalate it if there is none by then.',
  }
}

/** A response recorded: the level waits for the raiser's decision. */
export function afterResponse(e: EscalationState): EscalationState {
  return { ...e, status: 'responded' }
}

/** Disputed or late: the next level, to a new recipient, with its own due time. */
export function afterEscalation(e: EscalationState, recipientId: number, dueAt: Date): EscalationState {
  if (e.level >= TOP_LEVEL) throw new RangeError(`Level ${e.level} is the highest`)
  return { ...e, status: 'awaiting_response', level: e.level + 1, recipientId, dueAt }
}

// ---------------------------------------------------------------------------------------------
// The forms

/** The recipient chosen on the form: the allocated team's manager, or a named person's id. */
export const TEAM_MANAGER = 'team_manager'

const LONG_MAX_TEXT = LONG_ANSWER_MAX.toLocaleString('en-GB')
const text = z.string().trim().optional().default('')

/** A required text area: missing and too long are said in the page's words. */
function required(ctx: z.RefinementCtx, value: string, path: string, missing: string, label: string) {
  if (value === '') ctx.addIssue({ code: 'custom', path: [path], message: missing })
  else tooLong(ctx, value, path, label)
}

function tooLong(ctx: z.RefinementCtx, value: string, path: string, label: string) {
  if (value.length > LONG_ANSWER_MAX)
    ctx.addIssue({
      code: 'custom',
      path: [path],
      message: `${label} must be ${LONG_MAX_TEXT} characters or fewer`,
    })
}

function chosenRecipient(ctx: z.RefinementCtx, value: string, offered: readonly string[]): string {
  if (!offered.includes(value))
    ctx.addIssue({ code: 'custom', path: ['recipient'], message: 'Select who the escalation is to' })
  return value
}

export interface RaiseInput {
  difference: string
  wanted: string
  /** `TEAM_MANAGER` or a user's id, as offered. */
  recipient: string
}

/** Raising: the difference, what should happen, and to whom (one of those offered). */
export function raiseSchema(offered: readonly string[]) {
  return z.object({ difference: text, wanted: text, recipient: text }).transform((v, ctx): RaiseInput => {
    required(
      ctx,
      v.difference,
      'difference',
      'Enter what was decided or not done',
      'What was decided or not done',
    )
    required(ctx, v.wanted, 'wanted', 'Enter what you want to happen', 'What you want to happen')
    return { ...v, recipient: chosenRecipient(ctx, v.recipient, offered) }
  })
}

export interface RespondInput {
  response: EscalationResponse
  reasons: string
  actions: string | null
}

export const respondSchema = z
  .object({ response: text, reasons: text, actions: text })
  .transform((v, ctx): RespondInput => {
    if (!RESPONSES.some((r) => r.code === v.response))
      ctx.addIssue({
        code: 'custom',
        path: ['response'],
        message: 'Select whether you agree or disagree with the escalation',
      })
    required(ctx, v.reasons, 'reasons', 'Enter the reasons for your response', 'The reasons')
    tooLong(ctx, v.actions, 'actions', 'The actions')
    return {
      response: v.response as EscalationResponse,
      reasons: v.reasons,
      actions: v.actions === '' ? null : v.actions,
    }
  })

export type DecideInput =
  { outcome: 'resolved'; note: string | null } | { outcome: 'escalate'; reason: string; recipient: string }

/**
 * The raiser's decision: resolved (with an optional note) or, where the next level is open to
 * them, escalated with their reason and the next level's recipient (one of those offered).
 */
export function decideSchema(canEscalate: boolean, offered: readonly string[]) {
  return z
    .object({ outcome: text, note: text, reason: text, recipient: text })
    .transform((v, ctx): DecideInput => {
      if (v.outcome === 'escalate' && canEscalate) {
        required(
          ctx,
          v.reason,
          'reason',
          'Enter why you are escalating to the next level',
          'Why you are escalating',
        )
        return {
          outcome: 'escalate',
          reason: v.reason,
          recipient: chosenRecipient(ctx, v.recipient, offered),
        }
      }
      if (v.outcome !== 'resolved')
        ctx.addIssue({ code: 'custom', path: ['outcome'], message: 'Select what happens next' })
      tooLong(ctx, v.note, 'note', 'The note')
      return { outcome: 'resolved', note: v.note === '' ? null : v.note }
    })
}

// ---------------------------------------------------------------------------------------------
// The list of open escalations

export interface OpenFilter {
  level: number | null
  agency: string | null
  overdueOnly: boolean
  /** Only those this person raised or must answer. */
  involving: number | null
}

/** The report's filter from its URL; anything not understood is left out rather than refused. */
export function reportFilter(query: Record<string, unknown>, involving: number | null): OpenFilter {
  const level = typeof query.level === 'string' ? Number(query.level) : Number.NaN
  const agency = typeof query.agency === 'string' && query.agency in AGENCIES ? query.agency : null
  return {
    level: LEVELS.some((l) => l.level === level) ? level : null,
    agency,
    overdueOnly: query.overdue === 'yes',
    involving,
  }
}
