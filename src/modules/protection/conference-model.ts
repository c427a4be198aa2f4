/**
 * Child protection conferences (Working Together 2023, 4.4): the initial conference after a
 * section 47 enquiry, review conferences, and a transfer-in conference for a child on a plan who
 * moves here from another authority. Brothers and sisters share one conference, with a decision
 * and a category of abuse (the CIN census's codes) for each child. Partner agencies are invited,
 * asked for a report, and given access to the children until 10 working days after the meeting.
 * Pure.
 */
import { z } from 'zod'
import {
  endOfLondonDay,
  londonDate,
  londonInstant,
  longDate,
  type IsoDate,
} from '../../platform/calendar/dates.js'
import type { WorkingCalendar } from '../../platform/calendar/working-days.js'
import type {
  AbuseCategory,
  ConferenceDecision,
  ConferenceKind,
  ProtectionAgencyKind,
} from '../../platform/db/schema.js'
import { labelOf, PARTICIPANT_AGENCIES, type Code } from './model.js'
import { isEndReason } from './plan-model.js'
import { icpcDueDate, readDate } from './s47-model.js'

export const CONFERENCE_KINDS: readonly Code<ConferenceKind>[] = [
  { code: 'initial', label: 'Initial child protection conference' },
  { code: 'review', label: 'Review child protection conference' },
  { code: 'transfer_in', label: 'Transfer-in child protection conference' },
]

/** The CIN census's categories of abuse (CPP category codes). */
export const CATEGORIES: readonly Code<AbuseCategory>[] = [
  { code: 'NEG', label: 'Neglect' },
  { code: 'PHY', label: 'Physical abuse' },
  { code: 'SAB', label: 'Sexual abuse' },
  { code: 'EMO', label: 'Emotional abuse' },
  { code: 'MUL', label: 'Multiple' },
]

/** An initial or transfer-in conference decides whether there is a plan; a review whether it continues. */
export function decisionsFor(kind: ConferenceKind): readonly Code<ConferenceDecision>[] {
  return kind === 'review'
    ? [
        { code: 'continue', label: 'The child protection plan continues' },
        { code: 'end', label: 'The child protection plan ends' },
      ]
    : [
        { code: 'plan', label: 'Child protection plan' },
        { code: 'no_plan', label: 'No child protection plan' },
      ]
}

export function needsCategory(decision: ConferenceDecision): boolean {
  return decision === 'plan' || decision === 'continue'
}

export const CHILD_PARTICIPATION: readonly Code[] = [
  { code: 'attended', label: 'Attended' },
  { code: 'attended_part', label: 'Attended part of the conference' },
  { code: 'views_through_advocate', label: 'Views shared by an advocate' },
  { code: 'views_through_worker', label: 'Views shared by the social worker' },
  { code: 'did_not_take_part', label: 'Did not take part' },
  { code: 'too_young', label: 'Too young to take part' },
]

export const FAMILY_PARTICIPATION: readonly Code[] = [
  { code: 'attended', label: 'Attended' },
  { code: 'attended_part', label: 'Attended part of the conference' },
  { code: 'views_in_writing', label: 'Views given in writing' },
  { code: 'did_not_attend', label: 'Did not attend' },
  { code: 'excluded', label: 'Excluded from part or all of it (reason in the note)' },
]

export const ATTENDANCE: readonly Code<'attended' | 'apologies' | 'did_not_attend'>[] = [
  { code: 'attended', label: 'Attended' },
  { code: 'apologies', label: 'Sent apologies' },
  { code: 'did_not_attend', label: 'Did not attend' },
]

/** Partners keep access to the children for this many working days after the meeting. */
export const ACCESS_WORKING_DAYS = 10

/** When an invited partner's access ends: the end of the 10th working day after the meeting date. */
export function accessUntil(calendar: WorkingCalendar, meetingOn: IsoDate): Date {
  return new Date(endOfLondonDay(calendar.addWorkingDays(meetingOn, ACCESS_WORKING_DAYS)))
}

/**
 * Why a conference cannot be held on `on` for these children, or null: never before a child's
 * section 47 enquiry started.
 */
export function conferenceDateProblem(
  on: IsoDate,
  children: readonly { name: string; s47StartDate: IsoDate | null }[],
): string | null {
  for (const c of children)
    if (c.s47StartDate !== null && on < c.s47StartDate)
      return `The conference cannot be before ${c.name}’s section 47 enquiry started (${longDate(c.s47StartDate)})`
  return null
}

const TIME = /^([01]?\d|2[0-3])[:.]([0-5]\d)$/

function readTime(v: string, ctx: z.RefinementCtx, path: string): string | null {
  const t = TIME.exec(v)
  if (t === null) {
    ctx.addIssue({ code: 'custom', path: [path], message: 'Enter the time it starts, like 14:30' })
    return null
  }
  return `${t[1]?.padStart(2, '0')}:${t[2]}`
}

const dateTimeBoxes = (prefix: string) => ({
  [`${prefix}-day`]: z.string().trim().default(''),
  [`${prefix}-month`]: z.string().trim().default(''),
  [`${prefix}-year`]: z.string().trim().default(''),
  [`${prefix}-time`]: z.string().trim().default(''),
})

export const ARRANGE_FIELD_IDS = { scheduledAt: 'scheduled-day' } as const

/**
 * Arranging a conference: when (a date that may be ahead), the chair (one of `chairIds`), and the
 * children (the enquiry's child and any brothers and sisters chosen from `siblingIds`).
 */
export function arrangeSchema(today: IsoDate, chairIds: readonly number[], siblingIds: readonly number[]) {
  return z
    .object({
      ...dateTimeBoxes('scheduled'),
      chair: z.string().trim().default(''),
      siblings: z
        .union([z.string(), z.array(z.string())])
        .optional()
        .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v])),
    })
    .transform((v, ctx) => {
      const boxes = v as unknown as Record<string, string>
      const on = readDate(boxes, 'scheduled', ctx, {
        label: 'Date of the conference',
        missing: 'Enter the date of the conference',
        today,
        future: true,
      })
      const time = readTime(boxes['scheduled-time'] ?? '', ctx, 'scheduled-time')
      const chairId = Number(v.chair)
      if (!chairIds.includes(chairId))
        ctx.addIssue({ code: 'custom', path: ['chair'], message: 'Select who chairs the conference' })
      const siblings = [...new Set(v.siblings.map(Number))]
      if (siblings.some((s) => !siblingIds.includes(s)))
        ctx.addIssue({
          code: 'custom',
          path: ['siblings'],
          message: 'Select brothers and sisters from the list',
        })
      if (on === null || time === null) return z.NEVER
      return { scheduledOn: on, scheduledAt: londonInstant(on, time), chairId, siblingIds: siblings }
    })
}
export type ArrangeInput = z.output<ReturnType<typeof arrangeSchema>>

/** The kinds of conference that can be cancelled or re-arranged once arranged: all of them. */
export const CHANGEABLE_KINDS: readonly ConferenceKind[] = ['initial', 'review', 'transfer_in']

/**
 * When an initial conference for these children is due: the earliest of their enquiries' ICPC
 * dates (15 working days from each strategy discussion). Arranging, re-arranging or cancelling it
 * never moves this: the clock runs from the discussion, so a late conference stays late.
 */
export function icpcDueOf(
  calendar: WorkingCalendar,
  s47StartDates: readonly (IsoDate | null)[],
): IsoDate | null {
  const due = s47StartDates.flatMap((d) => (d === null ? [] : [icpcDueDate(calendar, d)])).sort()
  return due[0] ?? null
}

const HH_MM = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
})

/** "09:30": an instant's time of day in London, as the time box takes it. */
export function londonClockTime(at: Date): string {
  return HH_MM.format(at)
}

export const REARRANGE_FIELD_IDS = { scheduledAt: 'scheduled-day' } as const

/**
 * Re-arranging a conference to another date and time (which may be ahead), never the one it is
 * arranged for now (`current`, its London date and time).
 */
export function rearrangeSchema(today: IsoDate, current: { on: IsoDate; time: string }) {
  return z.object({ ...dateTimeBoxes('scheduled') }).transform((v, ctx) => {
    const boxes = v as unknown as Record<string, string>
    const on = readDate(boxes, 'scheduled', ctx, {
      label: 'New date of the conference',
      missing: 'Enter the new date of the conference',
      today,
      future: true,
    })
    const time = readTime(boxes['scheduled-time'] ?? '', ctx, 'scheduled-time')
    if (on === null || time === null) return z.NEVER
    if (on === current.on && time === current.time) {
      ctx.addIssue({
        code: 'custom',
        path: ['scheduled-day'],
        message: 'Enter a different date or time: the conference is already arranged for then',
      })
      return z.NEVER
    }
    return { scheduledOn: on, scheduledAt: londonInstant(on, time) }
  })
}
export type RearrangeInput = z.output<ReturnType<typeof rearrangeSchema>>

export const CANCEL_FIELD_IDS = { reason: 'reason', stillNeeded: 'stillNeeded' } as const

/** For an initial conference: whether the children's enquiries still need one after it is cancelled. */
export const STILL_NEEDED: readonly Code<'yes' | 'no'>[] = [
  { code: 'yes', label: 'Yes: another will be arranged' },
  { code: 'no', label: 'No: the enquiries now end without a conference' },
]

const reasonField = z
  .string({ error: 'Enter why the conference is cancelled' })
  .trim()
  .min(1, 'Enter why the conference is cancelled')
  .max(4000, 'The reason must be 4,000 characters or fewer')

/**
 * Cancelling a conference: why, in words (it stays on the record, marked cancelled). For an
 * initial conference also whether one is still needed (`stillNeeded`); for a review or a
 * transfer-in that is always so (the plan's or the notification's clock goes on), so null.
 */
export function cancelSchema(kind: ConferenceKind) {
  return z
    .object({ reason: z.unknown().optional(), stillNeeded: z.string().trim().default('') })
    .transform((v, ctx) => {
      // Both questions checked at once, so the error summary lists every problem.
      const reason = reasonField.safeParse(v.reason ?? '')
      if (!reason.success)
        ctx.addIssue({ code: 'custom', path: ['reason'], message: reason.error.issues[0]?.message ?? '' })
      const answered = v.stillNeeded === 'yes' || v.stillNeeded === 'no'
      if (kind === 'initial' && !answered)
        ctx.addIssue({
          code: 'custom',
          path: ['stillNeeded'],
          message: 'Select whether an initial conference is still needed',
        })
      if (!reason.success || (kind === 'initial' && !answered)) return z.NEVER
      return { reason: reason.data, stillNeeded: kind === 'initial' ? v.stillNeeded === 'yes' : null }
    })
}
export type CancelInput = z.output<ReturnType<typeof cancelSchema>>

const agencyCodes = PARTICIPANT_AGENCIES.map((a) => a.code) as [
  ProtectionAgencyKind,
  ...ProtectionAgencyKind[],
]

/** Inviting an agency: which, who, their account (a partner practitioner) if they have one, and whether a report is asked for. */
export function inviteSchema(userIds: readonly number[]) {
  return z
    .object({
      agency: z.enum(agencyCodes, { error: 'Select the agency' }),
      personName: z
        .string({ error: 'Enter the name of the person invited' })
        .trim()
        .min(1, 'Enter the name of the person invited')
        .max(200, 'Name must be 200 characters or fewer'),
      userId: z.string().trim().default(''),
      reportRequested: z.enum(['yes', 'no'], { error: 'Select yes if a report is asked for' }),
    })
    .transform((v, ctx) => {
      const userId = v.userId === '' ? null : Number(v.userId)
      if (userId !== null && !userIds.includes(userId)) {
        ctx.addIssue({ code: 'custom', path: ['userId'], message: 'Select an account from the list' })
        return z.NEVER
      }
      return {
        agency: v.agency,
        personName: v.personName,
        userId,
        reportRequested: v.reportRequested === 'yes',
      }
    })
}
export type InviteInput = z.output<ReturnType<typeof inviteSchema>>

export const contributionSchema = z.object({
  contribution: z
    .string({ error: 'Enter your agency’s report or contribution' })
    .trim()
    .min(1, 'Enter your agency’s report or contribution')
    .max(10_000, 'Contribution must be 10,000 characters or fewer'),
})
export type ContributionInput = z.output<typeof contributionSchema>

export interface HeldChild {
  childId: number
  name: string
}

export const HELD_CONFERENCE_FIELD_IDS = { heldAt: 'held-day' } as const

/**
 * The conference held: when (not in the future, not before a child's enquiry started), each
 * invited agency's attendance, the child's and the family's participation, and for each child the
 * decision and, with a plan, the category of abuse (the reason, when a review ends the plan).
 */
export function conferenceHeldSchema(
  now: Date,
  kind: ConferenceKind,
  children: readonly (HeldChild & { s47StartDate: IsoDate | null })[],
  invitationIds: readonly number[],
) {
  const decisions = decisionsFor(kind).map((d) => d.code) as [ConferenceDecision, ...ConferenceDecision[]]
  const today = londonDate(now.getTime())
  const perChild = Object.fromEntries(
    children.flatMap((c) => [
      [`decision-${c.childId}`, z.string().trim().default('')],
      [`category-${c.childId}`, z.string().trim().default('')],
      [
        `endReason-${c.childId}`,
        z.string().trim().max(4000, 'Reason must be 4,000 characters or fewer').default(''),
      ],
    ]),
  )
  const perInvitation = Object.fromEntries(
    invitationIds.map((id) => [`attendance-${id}`, z.string().trim().default('')]),
  )
  return z
    .object({
      ...dateTimeBoxes('held'),
      childParticipation: z.string().trim().default(''),
      familyParticipation: z.string().trim().default(''),
      participationNote: z
        .string()
        .trim()
        .max(4000, 'Note must be 4,000 characters or fewer')
        .optional()
        .transform((v) => (v ? v : null)),
      ...perInvitation,
      ...perChild,
    })
    .transform((v, ctx) => {
      const boxes = v as unknown as Record<string, string>
      const on = readDate(boxes, 'held', ctx, {
        label: 'Date held',
        missing: 'Enter the date the conference was held',
        today,
      })
      const time = readTime(boxes['held-time'] ?? '', ctx, 'held-time')
      if (on !== null) {
        const problem = conferenceDateProblem(
          on,
          children.map((c) => ({ name: c.name, s47StartDate: c.s47StartDate })),
        )
        if (problem) ctx.addIssue({ code: 'custom', path: ['held-day'], message: problem })
      }
      if (!CHILD_PARTICIPATION.some((c) => c.code === v.childParticipation))
        ctx.addIssue({
          code: 'custom',
          path: ['childParticipation'],
          message: 'Select how the child took part',
        })
      if (!FAMILY_PARTICIPATION.some((c) => c.code === v.familyParticipation))
        ctx.addIssue({
          code: 'custom',
          path: ['familyParticipation'],
          message: 'Select how the family took part',
        })
      const attendance = invitationIds.map((id) => {
        const a = boxes[`attendance-${id}`] ?? ''
        if (!ATTENDANCE.some((x) => x.code === a))
          ctx.addIssue({
            code: 'custom',
            path: [`attendance-${id}`],
            message: 'Select whether they attended',
          })
        return { invitationId: id, attendance: a as 'attended' | 'apologies' | 'did_not_attend' }
      })
      const outcomes = children.map((c) => {
        const decision = boxes[`decision-${c.childId}`] ?? ''
        const category = boxes[`category-${c.childId}`] ?? ''
        const endReason = boxes[`endReason-${c.childId}`] ?? ''
        if (!(decisions as readonly string[]).includes(decision)) {
          ctx.addIssue({
            code: 'custom',
            path: [`decision-${c.childId}`],
            message: `Select the decision for ${c.name}`,
          })
          return null
        }
        const d = decision as ConferenceDecision
        const cat = CATEGORIES.find((x) => x.code === category)?.code ?? null
        if (needsCategory(d) && cat === null)
          ctx.addIssue({
            code: 'custom',
            path: [`category-${c.childId}`],
            message: `Select the category of abuse for ${c.name}`,
          })
        if (d === 'end' && !isEndReason(endReason))
          ctx.addIssue({
            code: 'custom',
            path: [`endReason-${c.childId}`],
            message: `Select why ${c.name}’s plan ends`,
          })
        return {
          childId: c.childId,
          decision: d,
          category: needsCategory(d) ? cat : null,
          endReason: d === 'end' ? endReason : null,
        }
      })
      if (on === null || time === null) return z.NEVER
      const heldAt = londonInstant(on, time)
      if (heldAt.getTime() > now.getTime() + 60_000) {
        ctx.addIssue({
          code: 'custom',
          path: ['held-day'],
          message: 'Date held must be today or in the past',
        })
        return z.NEVER
      }
      return {
        heldOn: on,
        heldAt,
        childParticipation: v.childParticipation,
        familyParticipation: v.familyParticipation,
        participationNote: v.participationNote,
        attendance,
        decisions: outcomes.filter((o) => o !== null),
      }
    })
}
export type ConferenceHeldInput = z.output<ReturnType<typeof conferenceHeldSchema>>

export function agencyLabel(code: string): string {
  return labelOf(PARTICIPANT_AGENCIES, code) ?? code
}
