/**
 * Child protection transfers between authorities (Working Together 2023, chapter 4). Transfer-in:
 * another authority tells us a child on its plan (and any brothers and sisters moving with them)
 * is moving here; we hold a transfer-in conference within 15 working days of the notification,
 * and a plan it decides on starts here on the conference's date. Transfer-out: a child on our plan
 * moves away; the plan stays open, its clocks running, until the receiving authority's transfer-in
 * conference is held, and ends on that date. The forms' schemas and the dates' order. Pure.
 */
import { z } from 'zod'
import { londonDate, longDate, type IsoDate } from '../../platform/calendar/dates.js'
import type { WorkingCalendar } from '../../platform/calendar/working-days.js'
import type { CpCategory } from '../../platform/db/schema.js'
import localAuthorityList from '../../../reference/codes/local-authorities.json' with { type: 'json' }
import type { Code } from './model.js'
import { CATEGORIES } from './plan-model.js'
import { readDate } from './s47-model.js'

/** The clock a transfer-in notification starts (`reference/clock-definitions.json`). */
export const TRANSFER_IN_CLOCK = 'cp-transfer-in-conference-15wd'
export const TRANSFER_IN_WORKING_DAYS = 15
/** The case events' subjects: the notification's id, the transfer-out's id. */
export const TRANSFER_IN_SUBJECT = 'cp_transfer_in'
export const TRANSFER_OUT_SUBJECT = 'cp_transfer_out'

/** English local authorities by the DfE's three-digit number (reference/codes/local-authorities.json). */
export const LOCAL_AUTHORITIES: readonly Code[] = localAuthorityList.codes

export function authorityName(code: string): string | null {
  return LOCAL_AUTHORITIES.find((a) => a.code === code)?.label ?? null
}

/** The date the transfer-in conference is due by: 15 working days after the notification. */
export function transferInDueDate(calendar: WorkingCalendar, notifiedOn: IsoDate): IsoDate {
  return calendar.addWorkingDays(notifiedOn, TRANSFER_IN_WORKING_DAYS)
}

/** Why a transfer conference cannot be on `on`, or null: never before the notification. */
export function transferConferenceDateProblem(on: IsoDate, notifiedOn: IsoDate): string | null {
  return on < notifiedOn
    ? `The conference cannot be before the notification of the move (${longDate(notifiedOn)})`
    : null
}

/** A brother's or sister's notification, as the front door's transfer-in of a child finds it. */
export interface SiblingNotification {
  id: number
  laCode: string
  notifiedOn: IsoDate
  conference: { id: number; scheduledAt: Date; heldAt: Date | null; cancelledAt: Date | null } | null
}

/**
 * What becomes of a child transferring in whose brothers or sisters (on the same contact) already
 * have notifications: the child joins one from the same authority notified on the same day whose
 * conference is still to come: none arranged, or one cancelled (the notification arranges another,
 * which will name every child on it), or one arranged for later and not held, which the child
 * joins too. A conference arranged for a time that has passed but not recorded as held or
 * cancelled is refused (the child was not there, and a second conference might double one held
 * but not recorded). Otherwise a notification of the child's own, saying when it is because the
 * brothers' and sisters' conference has been held.
 */
export function siblingJoin(
  siblings: readonly SiblingNotification[],
  child: { laCode: string; notifiedOn: IsoDate },
  now: Date,
):
  | { kind: 'join'; id: number; conferenceId: number | null }
  | { kind: 'own'; siblingsHeld: boolean }
  | { kind: 'refuse'; message: string } {
  const same = siblings
    .filter((s) => s.laCode === child.laCode && s.notifiedOn === child.notifiedOn)
    .sort((a, b) => a.id - b.id)
  const stage = (c: SiblingNotification['conference']) =>
    c === null || c.cancelledAt !== null
      ? 'none'
      : c.heldAt !== null
        ? 'held'
        : c.scheduledAt > now
          ? 'to come'
          : 'passed'
  const join = same.find((s) => stage(s.conference) === 'none' || stage(s.conference) === 'to come')
  if (join)
    return {
      kind: 'join',
      id: join.id,
      conferenceId: stage(join.conference) === 'to come' ? (join.conference?.id ?? null) : null,
    }
  const passed = same.find((s) => stage(s.conference) === 'passed')?.conference
  if (passed)
    return {
      kind: 'refuse',
      message: `The brothers’ and sisters’ transfer-in conference was arranged for ${longDate(londonDate(passed.scheduledAt.getTime()))} and is not recorded as held or cancelled: child protection must record it before this child’s transfer is recorded.`,
    }
  return { kind: 'own', siblingsHeld: same.some((s) => stage(s.conference) === 'held') }
}

const answer = z.string().trim().default('')

/**
 * Every answer is read in the transform, so one form shows all its errors at once (an object
 * field refused first would hide the dates' errors until it was put right).
 */
function readAuthority(v: string, ctx: z.RefinementCtx, message: string): string | null {
  if (authorityName(v) !== null) return v
  ctx.addIssue({ code: 'custom', path: ['la'], message })
  return null
}

function readLine(v: string, ctx: z.RefinementCtx, path: string, label: string, missing: string) {
  const message = v === '' ? missing : v.length > 200 ? `${label} must be 200 characters or fewer` : null
  if (message === null) return v
  ctx.addIssue({ code: 'custom', path: [path], message })
  return null
}

const dateBoxes = (prefix: string) => ({
  [`${prefix}-day`]: z.string().trim().default(''),
  [`${prefix}-month`]: z.string().trim().default(''),
  [`${prefix}-year`]: z.string().trim().default(''),
})

export interface NotifiedChild {
  childId: number
  name: string
}

export const NOTIFICATION_FIELD_IDS = { notified: 'notified-day', la: 'la' } as const

/**
 * The notification of a transfer-in: the authority (from the list), the date it told us (not in
 * the future), its social worker, and for the child and each brother or sister chosen (from
 * `siblings`) the date their plan there started (not after the notification) and its category.
 */
export function notificationSchema(today: IsoDate, child: NotifiedChild, siblings: readonly NotifiedChild[]) {
  const everyone = [child, ...siblings]
  const perChild = Object.fromEntries(
    everyone.flatMap((c) => [
      ...Object.entries(dateBoxes(`start-${c.childId}`)),
      [`category-${c.childId}`, z.string().trim().default('')],
    ]),
  )
  return z
    .object({
      la: answer,
      ...dateBoxes('notified'),
      workerName: answer,
      workerContact: answer,
      siblings: z
        .union([z.string(), z.array(z.string())])
        .optional()
        .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v])),
      ...perChild,
    })
    .transform((v, ctx) => {
      const boxes = v as unknown as Record<string, string>
      const la = readAuthority(v.la, ctx, 'Select the other local authority')
      const notifiedOn = readDate(boxes, 'notified', ctx, {
        label: 'Date notified',
        missing: 'Enter the date the other authority told us of the move',
        today,
      })
      const workerName = readLine(
        v.workerName,
        ctx,
        'workerName',
        'Their social worker’s name',
        'Enter the name of their social worker',
      )
      const workerContact = readLine(
        v.workerContact,
        ctx,
        'workerContact',
        'Their social worker’s contact',
        'Enter a telephone number or email address for their social worker',
      )
      const chosen = [...new Set(v.siblings.map(Number))]
      if (chosen.some((id) => !siblings.some((s) => s.childId === id)))
        ctx.addIssue({
          code: 'custom',
          path: ['siblings'],
          message: 'Select brothers and sisters from the list',
        })
      const children = [child, ...siblings.filter((s) => chosen.includes(s.childId))].map((c) => {
        const start = readDate(boxes, `start-${c.childId}`, ctx, {
          label: `${c.name}’s plan start date`,
          missing: `Enter the date ${c.name}’s plan started there`,
          today: notifiedOn ?? today,
        })
        const category = CATEGORIES.find((k) => k.code === boxes[`category-${c.childId}`])?.code ?? null
        if (category === null)
          ctx.addIssue({
            code: 'custom',
            path: [`category-${c.childId}`],
            message: `Select the category of abuse of ${c.name}’s plan there`,
          })
        return start === null || category === null
          ? null
          : { childId: c.childId, theirPlanStart: start, theirCategory: category as CpCategory }
      })
      if (
        la === null ||
        notifiedOn === null ||
        workerName === null ||
        workerContact === null ||
        children.some((c) => c === null)
      )
        return z.NEVER
      return {
        laCode: la,
        laName: authorityName(la) as string,
        notifiedOn,
        workerName,
        workerContact,
        children: children.filter((c) => c !== null),
      }
    })
}
export type NotificationInput = z.output<ReturnType<typeof notificationSchema>>

/** A version number from a hidden field: the plan as the form was shown. */
const version = z
  .string({ error: 'The form is missing the plan’s version: open it again from the plan' })
  .regex(/^\d{1,9}$/, 'The form is missing the plan’s version: open it again from the plan')
  .transform(Number)

export const TRANSFER_OUT_FIELD_IDS = {
  notified: 'notified-day',
  conference: 'conference-day',
  la: 'la',
} as const

/**
 * A child on our plan moving away: the receiving authority (from the list), the date we were told
 * (not in the future, not before the plan started), and the date it will hold its transfer-in
 * conference (which may be ahead; not before the notification).
 */
export function transferOutSchema(today: IsoDate, planStart: IsoDate) {
  return z
    .object({ version, la: answer, ...dateBoxes('notified'), ...dateBoxes('conference') })
    .transform((v, ctx) => {
      const boxes = v as unknown as Record<string, string>
      const la = readAuthority(v.la, ctx, 'Select the receiving local authority')
      const notifiedOn = readDate(boxes, 'notified', ctx, {
        label: 'Date notified',
        missing: 'Enter the date we were told of the move',
        today,
        notBefore: { date: planStart, what: 'the plan started' },
      })
      const conferenceOn = readDate(boxes, 'conference', ctx, {
        label: 'Date of their conference',
        missing: 'Enter the date the receiving authority will hold its transfer-in conference',
        today,
        future: true,
        ...(notifiedOn ? { notBefore: { date: notifiedOn, what: 'we were told of the move' } } : {}),
      })
      if (la === null || notifiedOn === null || conferenceOn === null) return z.NEVER
      return {
        version: v.version,
        laCode: la,
        laName: authorityName(la) as string,
        notifiedOn,
        conferenceOn,
      }
    })
}
export type TransferOutInput = z.output<ReturnType<typeof transferOutSchema>>

export const TRANSFER_OUT_HELD_FIELD_IDS = { held: 'held-day' } as const

/**
 * The receiving authority's transfer-in conference held: its date, not in the future, not before
 * the notification nor the plan's start. Our plan ends on it.
 */
export function transferOutHeldSchema(today: IsoDate, transfer: { notifiedOn: IsoDate; planStart: IsoDate }) {
  const from = transfer.notifiedOn > transfer.planStart ? transfer.notifiedOn : transfer.planStart
  return z.object({ version, ...dateBoxes('held') }).transform((v, ctx) => {
    const heldOn = readDate(v as unknown as Record<string, string>, 'held', ctx, {
      label: 'Date held',
      missing: 'Enter the date the receiving authority held its transfer-in conference',
      today,
      notBefore: {
        date: from,
        what: from === transfer.notifiedOn ? 'we were told of the move' : 'the plan started',
      },
    })
    if (heldOn === null) return z.NEVER
    return { version: v.version, heldOn }
  })
}
export type TransferOutHeldInput = z.output<ReturnType<typeof transferOutHeldSchema>>
