/**
 * A child transferring in from another authority: who they were to it, what it sent, and whether
 * a transfer-in child protection conference is due. A child on a plan there is handed over to
 * child protection (its notification carries the 15-working-day clock and the conference), so the
 * form asks what that notification needs: the authority from the list, the plan there (its start
 * and category) and their social worker. Pure: forms and rules, no I/O.
 */
import { z } from 'zod'
import { dateFromParts, type IsoDate } from '../../platform/calendar/dates.js'
import type { CpCategory, TransferInTable } from '../../platform/db/schema.js'
import { CATEGORIES } from '../protection/plan-model.js'
import { authorityName, LOCAL_AUTHORITIES } from '../protection/transfer-model.js'
import type { Code } from './model.js'

export { CATEGORIES as PLAN_CATEGORIES, LOCAL_AUTHORITIES }

export type PreviousStatus = TransferInTable['previous_status']

export const PREVIOUS_STATUSES: readonly (Code<PreviousStatus> & { hint?: string })[] = [
  {
    code: 'cp_plan',
    label: 'On a child protection plan',
    hint: 'Child protection holds a transfer-in conference within 15 working days of the notification.',
  },
  { code: 'looked_after', label: 'Looked after (in care)' },
  { code: 'cin', label: 'Child in need' },
  { code: 'none', label: 'Not open to their children’s social care' },
]

/** What the previous authority may send with the transfer. */
export const TRANSFER_DOCUMENTS: readonly Code[] = [
  { code: 'transfer_summary', label: 'Transfer summary or letter' },
  { code: 'cp_plan', label: 'Child protection plan' },
  { code: 'conference_minutes', label: 'Conference minutes and report' },
  { code: 'assessment', label: 'Latest assessment' },
  { code: 'chronology', label: 'Chronology' },
  { code: 'care_plan', label: 'Care or pathway plan' },
  { code: 'court_orders', label: 'Court orders' },
  { code: 'health', label: 'Health information' },
  { code: 'education', label: 'Education information' },
]

/** Only a child on a child protection plan there needs a transfer-in conference here. */
export function needsTransferInConference(status: PreviousStatus): boolean {
  return status === 'cp_plan'
}

/** An optional answer of at most `max` characters: null when blank. */
export const optionalText = (max: number, tooLong: string) =>
  z
    .string()
    .optional()
    .transform((v) => (v ?? '').trim())
    .pipe(z.string().max(max, tooLong))
    .transform((v) => (v === '' ? null : v))

/**
 * A date from a GOV.UK date input (`<name>-day`, `-month`, `-year`): required or optional, a real
 * date, not after `today`.
 */
export function pastDate(today: IsoDate, name: string, label: string, required: boolean) {
  return z
    .object({
      [`${name}-day`]: z.string().trim().default(''),
      [`${name}-month`]: z.string().trim().default(''),
      [`${name}-year`]: z.string().trim().default(''),
    })
    .transform((v, ctx): IsoDate | null => {
      const [d, m, y] = [v[`${name}-day`] ?? '', v[`${name}-month`] ?? '', v[`${name}-year`] ?? '']
      if (d === '' && m === '' && y === '') {
        if (required) ctx.addIssue({ code: 'custom', path: [`${name}-day`], message: `Enter the ${label}` })
        return null
      }
      const iso = dateFromParts(d, m, y)
      if (iso === null) {
        ctx.addIssue({ code: 'custom', path: [`${name}-day`], message: `The ${label} must be a real date` })
        return null
      }
      if (iso > today) {
        ctx.addIssue({
          code: 'custom',
          path: [`${name}-day`],
          message: `The ${label} must be today or in the past`,
        })
        return null
      }
      return iso
    })
}

export function transferInSchema(today: IsoDate) {
  return z
    .object({
      previousAuthority: z
        .string({ error: 'Enter the authority the child is moving from' })
        .trim()
        .min(1, 'Enter the authority the child is moving from')
        .max(200, 'The authority’s name must be 200 characters or fewer'),
      previousStatus: z
        .string({ error: 'Select what the child was to the previous authority' })
        .refine(
          (v): v is PreviousStatus => PREVIOUS_STATUSES.some((s) => s.code === v),
          'Select what the child was to the previous authority',
        ),
      sentBy: optionalText(200, 'Who sent it must be 200 characters or fewer'),
      documents: z
        .union([z.string(), z.array(z.string())])
        .optional()
        .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter((x) => x !== ''))
        .refine(
          (v) => v.every((x) => TRANSFER_DOCUMENTS.some((d) => d.code === x)),
          'Select documents from the list',
        ),
      documentsNote: optionalText(4000, 'What else was received must be 4,000 characters or fewer'),
    })
    .and(
      pastDate(today, 'notified', 'date the previous authority told us', true).transform((notifiedOn) => ({
        notifiedOn,
      })),
    )
    .and(
      pastDate(today, 'received', 'date the information was received', false).transform((receivedOn) => ({
        receivedOn,
      })),
    )
    .and(planThereSchema(today))
    .transform((v) => {
      // The plan branch has refused a child on a plan there without one, so `plan` is set for them.
      const plan = v.previousStatus === 'cp_plan' ? v.plan : null
      return {
        previousAuthority: v.previousAuthority,
        previousStatus: v.previousStatus,
        sentBy: v.sentBy,
        documents: v.documents,
        documentsNote: v.documentsNote,
        notifiedOn: v.notifiedOn as IsoDate,
        receivedOn: v.receivedOn,
        plan,
      }
    })
}

/**
 * The plan there, read beside the other answers (its own branch of the form's schema, so its
 * errors show with theirs at once): only for a child on a plan there, its start not after the
 * date that authority told us (when that date is a real one).
 */
function planThereSchema(today: IsoDate) {
  const text = z.string().trim().default('')
  return z
    .object({
      previousStatus: z.unknown(),
      la: text,
      workerName: text,
      workerContact: text,
      category: text,
      'planStart-day': text,
      'planStart-month': text,
      'planStart-year': text,
      'notified-day': text,
      'notified-month': text,
      'notified-year': text,
    })
    .transform((v, ctx) => {
      if (v.previousStatus !== 'cp_plan') return { plan: null }
      const notified = dateFromParts(v['notified-day'], v['notified-month'], v['notified-year'])
      const plan = readPlanThere(v, today, notified !== null && notified <= today ? notified : null, ctx)
      return plan === null ? z.NEVER : { plan }
    })
}

/** The plan there, as child protection's notification records it (a child on a plan only). */
export interface PlanThere {
  laCode: string
  laName: string
  theirPlanStart: IsoDate
  theirCategory: CpCategory
  workerName: string
  workerContact: string
}

const line = (v: string, ctx: z.RefinementCtx, path: string, label: string, missing: string) => {
  const message = v === '' ? missing : v.length > 200 ? `${label} must be 200 characters or fewer` : null
  if (message === null) return v
  ctx.addIssue({ code: 'custom', path: [path], message })
  return null
}

/** Reads the plan there, adding an issue for each answer missing or wrong; null if any is. */
function readPlanThere(
  v: Record<string, unknown>,
  today: IsoDate,
  notifiedOn: IsoDate | null,
  ctx: z.RefinementCtx,
): PlanThere | null {
  const text = (k: string) => (typeof v[k] === 'string' ? v[k] : '')
  const laName = authorityName(text('la'))
  if (laName === null)
    ctx.addIssue({ code: 'custom', path: ['la'], message: 'Select the authority whose plan the child is on' })
  const [d, m, y] = [text('planStart-day'), text('planStart-month'), text('planStart-year')]
  let start: IsoDate | null = null
  const latest = notifiedOn ?? today
  if (d === '' && m === '' && y === '')
    ctx.addIssue({
      code: 'custom',
      path: ['planStart-day'],
      message: 'Enter the date the plan started there',
    })
  else if ((start = dateFromParts(d, m, y)) === null)
    ctx.addIssue({
      code: 'custom',
      path: ['planStart-day'],
      message: 'The plan’s start date must be a real date',
    })
  else if (start > latest) {
    ctx.addIssue({
      code: 'custom',
      path: ['planStart-day'],
      message: 'The plan’s start date must be on or before the date that authority told us',
    })
    start = null
  }
  const category = CATEGORIES.find((k) => k.code === text('category'))?.code ?? null
  if (category === null)
    ctx.addIssue({
      code: 'custom',
      path: ['category'],
      message: 'Select the category of abuse of the plan there',
    })
  const workerName = line(
    text('workerName'),
    ctx,
    'workerName',
    'Their social worker’s name',
    'Enter the name of their social worker',
  )
  const workerContact = line(
    text('workerContact'),
    ctx,
    'workerContact',
    'Their social worker’s contact',
    'Enter a telephone number or email address for their social worker',
  )
  if (laName === null || start === null || category === null || workerName === null || workerContact === null)
    return null
  return {
    laCode: text('la'),
    laName,
    theirPlanStart: start,
    theirCategory: category as CpCategory,
    workerName,
    workerContact,
  }
}

export type TransferInInput = z.output<ReturnType<typeof transferInSchema>>

/** The date boxes the form's errors link to. */
export const TRANSFER_FIELD_IDS = {
  'notified-day': 'notified-day',
  'received-day': 'received-day',
  'planStart-day': 'planStart-day',
}
