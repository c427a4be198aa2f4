/**
 * Restrictions (SEC-09). A restricted record is reached only through a grant naming the person.
 * Every restriction has a category, a reason, an authoriser who is a team manager or service
 * manager, and a review no more than 90 days out; a review continues it (to a new date no more
 * than 90 days out) or lifts it with a reason. Dates are London dates. Pure: no I/O.
 */
import { z } from 'zod'
import { addCalendarDays, longDate } from '../../platform/calendar/dates.js'
import { codesOf, RESTRICTION_CATEGORIES, type RestrictionCategory } from './codes.js'
import { dateParts, partsDate, type Issue, type Parts } from './form-fields.js'

/** The longest a restriction runs before it must be reviewed. */
export const RESTRICTION_REVIEW_MAX_DAYS = 90
/** A review due within this many days shows on the managers' report before it is overdue. */
export const RESTRICTION_REVIEW_SOON_DAYS = 14
/**
 * How long after its review date a grant given to the authoriser or reviewer lasts, so someone who
 * must review an overdue restriction can still open the record to do it.
 */
export const RESTRICTION_GRANT_DAYS_AFTER_REVIEW = 90
/** Who may authorise, review or lift a restriction. */
export const RESTRICTION_AUTHORISER_ROLES = ['team_manager', 'service_manager'] as const

export function canAuthoriseRestriction(role: string): boolean {
  return (RESTRICTION_AUTHORISER_ROLES as readonly string[]).includes(role)
}

/** A member of staff who might be named as the authoriser. */
export interface PossibleAuthoriser {
  id: number
  role: string
  disabled: boolean
}

/** Why this person cannot authorise a restriction, or null when they can. */
export function authoriserProblem(authoriser: PossibleAuthoriser | null): string | null {
  if (authoriser === null) return 'Select the manager who authorised the restriction'
  if (authoriser.disabled) return 'The authoriser’s account is disabled: select a current manager'
  if (!canAuthoriseRestriction(authoriser.role))
    return 'The authoriser must be a team manager or service manager'
  return null
}

/** The review date offered on the form: as far out as the rules allow. */
export function defaultReviewDue(today: string): string {
  return addCalendarDays(today, RESTRICTION_REVIEW_MAX_DAYS)
}

/** Why a review date is not allowed (from tomorrow up to 90 days from today), or null. */
export function reviewDueProblem(today: string, due: string): string | null {
  if (due <= today) return 'The review date must be in the future'
  const latest = addCalendarDays(today, RESTRICTION_REVIEW_MAX_DAYS)
  if (due > latest)
    return `The review date must be no more than ${RESTRICTION_REVIEW_MAX_DAYS} days from today, on or before ${longDate(latest)}`
  return null
}

export type ReviewStatus = 'overdue' | 'due_soon' | 'later'

/** Overdue once the review date has passed; due soon within 14 days (today included). */
export function reviewStatus(reviewDue: string, today: string): ReviewStatus {
  if (reviewDue < today) return 'overdue'
  if (reviewDue <= addCalendarDays(today, RESTRICTION_REVIEW_SOON_DAYS)) return 'due_soon'
  return 'later'
}

export function isReviewOverdue(reviewDue: string, today: string): boolean {
  return reviewStatus(reviewDue, today) === 'overdue'
}

/** The last London date a grant for a restriction reviewed by `reviewDue` counts on. */
export function restrictionGrantLastDay(reviewDue: string): string {
  return addCalendarDays(reviewDue, RESTRICTION_GRANT_DAYS_AFTER_REVIEW)
}

export interface RestrictionInput {
  category: RestrictionCategory
  reason: string
  authorisedBy: number
  reviewDue: string
}

/**
 * The restrict form. `authorisers` are the people who may be named (current team managers and
 * service managers); anyone else is refused, and the service checks the person again as it saves.
 */
export function restrictionSchema(today: string, authorisers: readonly PossibleAuthoriser[]) {
  return z
    .object({
      category: z.string().optional().default(''),
      reason: z.string().optional().default(''),
      authorisedBy: z.string().optional().default(''),
      ...dateParts('reviewDue'),
    })
    .transform((f, ctx): RestrictionInput => {
      const issue: Issue = (path, message) => ctx.addIssue({ code: 'custom', path: [path], message })
      if (!codesOf(RESTRICTION_CATEGORIES).includes(f.category))
        issue('category', 'Select why the record is restricted')
      const reason = f.reason.trim()
      if (reason.length < 3) issue('reason', 'Enter the reason for the restriction')
      else if (reason.length > 1000) issue('reason', 'The reason must be 1000 characters or fewer')
      const id = /^[1-9][0-9]{0,14}$/.test(f.authorisedBy.trim()) ? Number(f.authorisedBy.trim()) : null
      const problem = authoriserProblem(authorisers.find((a) => a.id === id) ?? null)
      if (problem) issue('authorisedBy', problem)
      const due = partsDate(f as Parts, 'reviewDue')
      if (due === 'empty') issue('reviewDue', 'Enter the date the restriction will be reviewed')
      else if (due === null) issue('reviewDue', 'The review date must be a real date')
      else {
        const dueProblem = reviewDueProblem(today, due)
        if (dueProblem) issue('reviewDue', dueProblem)
      }
      return {
        category: f.category as RestrictionCategory,
        reason,
        authorisedBy: id ?? 0,
        reviewDue: typeof due === 'string' && due !== 'empty' ? due : today,
      }
    })
}

export type RestrictionReview =
  { outcome: 'continue'; reviewDue: string; notes: string | null } | { outcome: 'lift'; reason: string }

/**
 * The review form: continue to a new date (no more than 90 days from today) or lift with a reason.
 * A restriction recorded before reviews has no reason on record, so continuing it needs one.
 */
export function restrictionReviewSchema(today: string, options: { needsReason: boolean }) {
  return z
    .object({
      outcome: z.string().optional().default(''),
      notes: z.string().optional().default(''),
      liftReason: z.string().optional().default(''),
      ...dateParts('reviewDue'),
    })
    .transform((f, ctx): RestrictionReview => {
      const issue: Issue = (path, message) => ctx.addIssue({ code: 'custom', path: [path], message })
      const notes = f.notes.trim()
      if (f.outcome === 'continue') {
        const due = partsDate(f as Parts, 'reviewDue')
        if (due === 'empty') issue('reviewDue', 'Enter the date of the next review')
        else if (due === null) issue('reviewDue', 'The date of the next review must be a real date')
        else {
          const problem = reviewDueProblem(today, due)
          if (problem) issue('reviewDue', problem.replace('The review date', 'The date of the next review'))
        }
        if (options.needsReason && notes.length < 3)
          issue('notes', 'Enter the reason the record stays restricted')
        else if (notes.length > 1000) issue('notes', 'The notes must be 1000 characters or fewer')
        return {
          outcome: 'continue',
          reviewDue: typeof due === 'string' && due !== 'empty' ? due : today,
          notes: notes || null,
        }
      }
      if (f.outcome === 'lift') {
        const reason = f.liftReason.trim()
        if (reason.length < 3) issue('liftReason', 'Enter why the restriction is being lifted')
        else if (reason.length > 1000) issue('liftReason', 'The reason must be 1000 characters or fewer')
        return { outcome: 'lift', reason }
      }
      issue('outcome', 'Select whether the restriction continues or is lifted')
      return { outcome: 'lift', reason: '' }
    })
}

/** Where each restriction form error sends the reader. */
export const RESTRICTION_FIELD_IDS: Record<string, string> = {
  category: 'category',
  reviewDue: 'reviewDue-day',
  outcome: 'outcome',
}
