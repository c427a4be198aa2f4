/**
 * The words the front door's pages show for its stored codes, so no page shows a raw code such as
 * `passed_to_allocated_worker`. Built on the code lists in `model.ts`.
 */
import type { ContactChildStatus } from '../../platform/db/schema.js'
import { RELATIONSHIP_TYPES } from '../people/codes.js'
import { DECISIONS, FEEDBACK_METHODS, labelOf, type Code } from './model.js'

/** Every outcome a child's contact can have: the decisions, and the allocated worker taking it. */
export const CONTACT_OUTCOMES: readonly Code[] = [
  ...DECISIONS,
  { code: 'passed_to_allocated_worker', label: 'Taken into the open case by the allocated worker' },
]

export const CONTACT_STATUSES: readonly Code<ContactChildStatus>[] = [
  { code: 'awaiting_match', label: 'Child to be found' },
  { code: 'in_triage', label: 'In triage' },
  { code: 'decided', label: 'Decided' },
  { code: 'routed_to_allocated_worker', label: 'With the allocated worker' },
  { code: 'withdrawn', label: 'Withdrawn' },
]

export const REFERRAL_STATUSES: readonly Code[] = [
  { code: 'awaiting_allocation', label: 'Awaiting allocation' },
  { code: 'allocated', label: 'Allocated' },
  { code: 'closed', label: 'Closed' },
]

/** A contact's outcome in words: its decision, else where it stands. */
export function outcomeText(decision: string | null, status: string): string {
  return labelOf(CONTACT_OUTCOMES, decision) ?? labelOf(CONTACT_STATUSES, status) ?? status
}

export const relationshipText = (code: string | null): string | null =>
  labelOf(RELATIONSHIP_TYPES, code)?.toLowerCase() ?? null

export const referralStatusText = (code: string): string => labelOf(REFERRAL_STATUSES, code) ?? code

export const feedbackMethodText = (code: string | null): string | null => labelOf(FEEDBACK_METHODS, code)

/** The concern beside an earlier contact: its first sentence, or its first 120 characters. */
export function concernSummary(reason: string | null): string {
  const text = (reason ?? '').trim().replace(/\s+/g, ' ')
  const sentence = /^(.{20,120}?[.!?])(\s|$)/.exec(text)?.[1]
  if (sentence) return sentence
  return text.length <= 120 ? text : `${text.slice(0, 119).replace(/\s+\S*$/, '')}…`
}

/**
 * The chronology's line for a contact: it credits the referrer who made it (name, role, agency),
 * not the screener who recorded it (the byline says who recorded it).
 */
export function contactReceivedSummary(c: {
  source: string | null
  referrerName: string | null
  referrerRole: string | null
  referrerAgency: string | null
  toAllocatedWorker: boolean
}): string {
  const from = c.source ? `from ${c.source.toLowerCase()}` : ''
  const about = [c.referrerRole, c.referrerAgency].filter((x) => x !== null && x !== '').join(', ')
  const by = c.referrerName
    ? `, made by ${c.referrerName}${about ? ` (${about})` : ''}`
    : about
      ? ` (${about})`
      : ''
  return `Contact received ${from}${by}${c.toAllocatedWorker ? ': passed to the allocated worker' : ''}`
}
