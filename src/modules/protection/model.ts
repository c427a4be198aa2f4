/**
 * Child protection's rules, starting with the strategy discussion (Working Together 2023, 4.2):
 * children's social care, the police and health, with others who know the child, decide
 * whether to start a section 47 enquiry. What a held discussion must say, and its outcomes. Pure.
 */
import { z } from 'zod'
import { dateFromParts, londonInstant } from '../../platform/calendar/dates.js'
import type {
  ImmediateProtection,
  StrategyDiscussionOutcome,
  StrategyDiscussionParticipantTable,
} from '../../platform/db/schema.js'

export interface Code<T extends string = string> {
  code: T
  label: string
}

export type ParticipantAgency = StrategyDiscussionParticipantTable['agency_kind']

export const PARTICIPANT_AGENCIES: readonly Code<ParticipantAgency>[] = [
  { code: 'social_care', label: "Children's social care" },
  { code: 'police', label: 'Police' },
  { code: 'health', label: 'Health' },
  { code: 'education', label: 'Education' },
  { code: 'probation', label: 'Probation' },
  { code: 'housing', label: 'Housing' },
  { code: 'other', label: 'Other' },
]

export const OUTCOMES: readonly (Code<StrategyDiscussionOutcome> & { hint: string })[] = [
  {
    code: 's47_joint',
    label: 'Section 47 enquiry, jointly with the police',
    hint: 'A crime may have been committed against the child.',
  },
  {
    code: 's47_single',
    label: 'Section 47 enquiry by children’s social care',
    hint: 'Reasonable cause to suspect significant harm.',
  },
  {
    code: 'immediate_protection',
    label: 'Immediate protection, and a section 47 enquiry',
    hint: 'Police protection or an emergency protection order: say which below.',
  },
  {
    code: 'cin_assessment',
    label: 'No section 47: child and family assessment (child in need)',
    hint: 'Not significant harm, but the child may need services.',
  },
  { code: 'early_help', label: 'No section 47: early help', hint: 'With the family’s agreement.' },
  { code: 'no_further_action', label: 'No further action', hint: 'Give the reason below.' },
]

export const IMMEDIATE_PROTECTION: readonly Code<ImmediateProtection>[] = [
  { code: 'police_protection', label: 'Police protection (Children Act 1989, section 46)' },
  { code: 'emergency_protection_order', label: 'Emergency protection order (section 44)' },
]

/** The outcomes that start a section 47 enquiry, on the date of the discussion. */
export const STARTS_S47: readonly StrategyDiscussionOutcome[] = [
  's47_joint',
  's47_single',
  'immediate_protection',
]

export function startsS47(outcome: StrategyDiscussionOutcome | null): boolean {
  return outcome !== null && STARTS_S47.includes(outcome)
}

export function labelOf(list: readonly Code[], code: string | null | undefined): string | null {
  return list.find((c) => c.code === code)?.label ?? null
}

/** Agencies a strategy discussion cannot be held without (Working Together 2023, 4.2.2). */
export const STATUTORY_PARTICIPANTS: readonly ParticipantAgency[] = ['social_care', 'police', 'health']

/** How many people the form has room for; "Add another person" shows the page again with one more. */
export const PARTICIPANT_ROWS = 12

export interface Participant {
  agency: ParticipantAgency
  name: string
  role: string | null
  /** What they shared from their agency's records. */
  shared: string | null
}

/** The statutory agencies missing from those who took part, as words for a message. */
export function missingAgencies(participants: readonly Participant[]): ParticipantAgency[] {
  const present = new Set(participants.map((p) => p.agency))
  return STATUTORY_PARTICIPANTS.filter((a) => !present.has(a))
}

const TIME = /^([01]?\d|2[0-3])[:.]([0-5]\d)$/

const reason = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be ${max.toLocaleString('en-GB')} characters or fewer`)
    .optional()
    .transform((v) => (v === undefined || v === '' ? null : v))

const agencyCodes = PARTICIPANT_AGENCIES.map((a) => a.code) as [ParticipantAgency, ...ParticipantAgency[]]

/** Where an error on the date links: its first box. */
export const HELD_FIELD_IDS = { heldAt: 'held-day', participants: 'participant-0-agency' } as const

/**
 * The record of a strategy discussion held: when (in London, not in the future, not before it was
 * asked for), who took part by agency (the police, health and children's social care at least, or
 * why one could not), the outcome, and what was agreed.
 */
export function heldSchema(now: Date, requestedAt: Date) {
  const rows = Array.from({ length: PARTICIPANT_ROWS }, (_, i) => i)
  const participantFields = Object.fromEntries(
    rows.flatMap((i) => [
      [`participant-${i}-agency`, z.string().trim().optional()],
      [
        `participant-${i}-name`,
        z.string().trim().max(200, 'Name must be 200 characters or fewer').optional(),
      ],
      [
        `participant-${i}-role`,
        z.string().trim().max(200, 'Role must be 200 characters or fewer').optional(),
      ],
      [
        `participant-${i}-shared`,
        z.string().trim().max(10_000, 'What was shared must be 10,000 characters or fewer').optional(),
      ],
    ]),
  ) as Record<string, z.ZodOptional<z.ZodString>>
  return z
    .object({
      'held-day': z.string().trim().default(''),
      'held-month': z.string().trim().default(''),
      'held-year': z.string().trim().default(''),
      'held-time': z.string().trim().default(''),
      ...participantFields,
      absentReason: reason('Reason', 4000),
      outcome: z.enum(
        OUTCOMES.map((o) => o.code) as [StrategyDiscussionOutcome, ...StrategyDiscussionOutcome[]],
        {
          error: 'Select the outcome of the strategy discussion',
        },
      ),
      immediateProtection: z.string().trim().optional(),
      outcomeReason: reason('Reason', 4000),
      actions: reason('What was agreed', 10_000),
    })
    .transform((v, ctx) => {
      const boxes = v as unknown as Record<string, string | undefined>
      const heldAt = readHeldAt(boxes, ctx, now, requestedAt)
      const participants: Participant[] = []
      for (const i of rows) {
        const agency = boxes[`participant-${i}-agency`] ?? ''
        const name = boxes[`participant-${i}-name`] ?? ''
        const role = boxes[`participant-${i}-role`] ?? ''
        const shared = boxes[`participant-${i}-shared`] ?? ''
        if (agency === '' && name === '' && role === '' && shared === '') continue
        if (!(agencyCodes as readonly string[]).includes(agency))
          ctx.addIssue({
            code: 'custom',
            path: [`participant-${i}-agency`],
            message: `Select the agency of person ${i + 1}`,
          })
        else if (name === '')
          ctx.addIssue({
            code: 'custom',
            path: [`participant-${i}-name`],
            message: `Enter the name of person ${i + 1}`,
          })
        else
          participants.push({
            agency: agency as ParticipantAgency,
            name,
            role: role === '' ? null : role,
            shared: shared === '' ? null : shared,
          })
      }
      if (participants.length === 0)
        ctx.addIssue({
          code: 'custom',
          path: ['participant-0-agency'],
          message: 'Enter who took part, by agency',
        })
      const missing = missingAgencies(participants)
      if (participants.length > 0 && missing.length > 0 && v.absentReason === null)
        ctx.addIssue({
          code: 'custom',
          path: ['absentReason'],
          message: `Enter why ${missing.map((m) => labelOf(PARTICIPANT_AGENCIES, m)?.toLowerCase().replace("children's", 'children’s')).join(' and ')} did not take part`,
        })
      if ((v.outcome === 'no_further_action' || v.outcome === 'early_help') && v.outcomeReason === null)
        ctx.addIssue({ code: 'custom', path: ['outcomeReason'], message: 'Enter the reason for the outcome' })
      const immediate = IMMEDIATE_PROTECTION.find((c) => c.code === v.immediateProtection)?.code ?? null
      if (v.outcome === 'immediate_protection' && immediate === null)
        ctx.addIssue({
          code: 'custom',
          path: ['immediateProtection'],
          message: 'Select police protection or an emergency protection order',
        })
      if (heldAt === null) return z.NEVER
      return {
        heldAt,
        participants,
        absentReason: v.absentReason,
        outcome: v.outcome,
        immediateProtection: v.outcome === 'immediate_protection' ? immediate : null,
        outcomeReason: v.outcomeReason,
        actions: v.actions,
      }
    })
}

export type HeldInput = z.output<ReturnType<typeof heldSchema>>

function readHeldAt(
  v: Record<string, string | undefined>,
  ctx: z.RefinementCtx,
  now: Date,
  requestedAt: Date,
): Date | null {
  const [d, m, y, t] = [
    v['held-day'] ?? '',
    v['held-month'] ?? '',
    v['held-year'] ?? '',
    v['held-time'] ?? '',
  ]
  if (d === '' && m === '' && y === '') {
    ctx.addIssue({
      code: 'custom',
      path: ['held-day'],
      message: 'Enter the date the strategy discussion was held',
    })
    return null
  }
  const iso = dateFromParts(d, m, y)
  if (iso === null) {
    ctx.addIssue({ code: 'custom', path: ['held-day'], message: 'Date held must be a real date' })
    return null
  }
  const time = TIME.exec(t)
  if (time === null) {
    ctx.addIssue({ code: 'custom', path: ['held-time'], message: 'Enter the time it started, like 14:30' })
    return null
  }
  const at = londonInstant(iso, `${time[1]?.padStart(2, '0')}:${time[2]}`)
  if (at.getTime() > now.getTime() + 60_000) {
    ctx.addIssue({ code: 'custom', path: ['held-day'], message: 'Date held must be today or in the past' })
    return null
  }
  // A discussion may be held in the hours before the record asking for it was made.
  if (at.getTime() < requestedAt.getTime() - 24 * 3_600_000) {
    ctx.addIssue({
      code: 'custom',
      path: ['held-day'],
      message: 'Date held must be after the strategy discussion was asked for',
    })
    return null
  }
  return at
}
