/**
 * A child transferring in from another authority: who they were to it, what it sent, and whether
 * a transfer-in child protection conference is due. Pure: forms and rules, no I/O.
 */
import { z } from 'zod'
import { dateFromParts, type IsoDate } from '../../platform/calendar/dates.js'
import type { TransferInTable } from '../../platform/db/schema.js'
import type { Code } from './model.js'

export type PreviousStatus = TransferInTable['previous_status']

export const PREVIOUS_STATUSES: readonly (Code<PreviousStatus> & { hint?: string })[] = [
  {
    code: 'cp_plan',
    label: 'On a child protection plan',
    hint: 'A transfer-in conference is due within 15 working days of the notification.',
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

/** The clock a child on a plan elsewhere starts (`reference/clock-definitions.json`). */
export const TRANSFER_IN_CONFERENCE_CLOCK = 'transfer-in-conference-15wd'

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
    .transform((v) => ({ ...v, notifiedOn: v.notifiedOn as IsoDate }))
}

export type TransferInInput = z.output<ReturnType<typeof transferInSchema>>

export function conferenceHeldSchema(today: IsoDate) {
  return pastDate(today, 'held', 'date the conference was held', true).transform((heldOn) => ({
    heldOn: heldOn as IsoDate,
  }))
}

/** The date boxes the form's errors link to. */
export const TRANSFER_FIELD_IDS = {
  'notified-day': 'notified-day',
  'received-day': 'received-day',
  'held-day': 'held-day',
}
