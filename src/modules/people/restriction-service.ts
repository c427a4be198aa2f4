/**
 * Restricting a record and reviewing the restriction (SEC-09), and the managers' report of
 * reviews overdue or due soon.
 *
 * Who may do it: team managers and service managers. Restricting needs `child.allocate` on the
 * record, which `allow()` gives a team manager over their team's cases and a service manager over
 * every unrestricted case: the same management reach as moving a case. Once restricted, a record
 * is reached only by a grant naming the person, so the authoriser and the manager recording it
 * are each given a restricted-record grant lasting 90 days past the review date; whoever reviews
 * it gets one to 90 days past the next. Reviewing needs `child.edit` on the restricted record,
 * which only such a grant (or being the allocated worker) gives, and a manager's role.
 *
 * Every write is one transaction holding the change, its case event and its audit row. Each
 * function takes `now`, so tests can move the clock.
 */
import type { Kysely } from 'kysely'
import { recordAudit, recordAuditAlone, type AuditContext } from '../../platform/audit/audit.js'
import type { Clock } from '../../platform/calendar/clock.js'
import type { Db } from '../../platform/db/database.js'
import type { Database } from '../../platform/db/schema.js'
import { allow, type Actor, type ChildRecord } from '../../platform/permissions/allow.js'
import { grantAccess } from '../../platform/permissions/store.js'
import { recordCaseEvent } from '../../platform/tasks/case-events.js'
import { longDate } from '../../platform/calendar/dates.js'
import { labelFor, RESTRICTION_CATEGORIES } from './codes.js'
import {
  authoriserProblem,
  canAuthoriseRestriction,
  RESTRICTION_REVIEW_SOON_DAYS,
  restrictionGrantLastDay,
  reviewDueProblem,
  reviewStatus,
  type RestrictionInput,
  type RestrictionReview,
} from './restriction-model.js'
import { addCalendarDays, endOfLondonDay, londonToday } from '../../platform/calendar/dates.js'
import { ChangeRefusedError } from './record-service.js'
import {
  continueRestriction,
  findAuthorisers,
  findPossibleAuthoriser,
  findRestrictionInForce,
  insertRestriction,
  liftRestriction,
  lockPersonToRestrict,
  restrictionsDueForReview,
  type RestrictionInForce,
} from './restriction-store.js'
import { authoriseChild } from './service.js'
import { NotAllowedError, NotFoundError } from '../../platform/http/errors.js'
import { loadPersonRecord } from './store.js'

type Trx = Kysely<Database>

function managersOnly(actor: Actor): void {
  if (!canAuthoriseRestriction(actor.role))
    throw new NotAllowedError(
      'Only a team manager or service manager can restrict a record or review a restriction.',
    )
}

/** What the record page needs to offer the restriction's actions. */
export function restrictionActions(actor: Actor, child: ChildRecord, now: Date) {
  const manager = canAuthoriseRestriction(actor.role)
  return {
    canRestrict: manager && !child.restricted && allow(actor, 'child.allocate', child, now).allowed,
    canReviewRestriction: manager && child.restricted && allow(actor, 'child.edit', child, now).allowed,
  }
}

/** The restriction in force on a record the reader has been allowed to open, for its page. */
export function restrictionOnRecord(db: Db, childId: number): Promise<RestrictionInForce | null> {
  return findRestrictionInForce(db, childId)
}

/** The restrict form: the record, and the managers who may be named as authoriser. */
export async function openRestrictForm(
  db: Db,
  actor: Actor,
  childId: number,
  audit: AuditContext,
  clock: Clock,
  loaded?: ChildRecord | null,
) {
  managersOnly(actor)
  await authoriseChild(db, actor, 'child.allocate', childId, audit, clock, loaded)
  const record = await loadPersonRecord(db, childId)
  if (!record) throw new NotFoundError(`No child with id ${childId}`)
  return { record, authorisers: await findAuthorisers(db) }
}

/** The instant a grant for a restriction reviewed by `reviewDue` stops counting. */
function grantEnds(reviewDue: string): Date {
  return new Date(endOfLondonDay(restrictionGrantLastDay(reviewDue)) + 1)
}

export async function grantToManage(
  trx: Trx,
  childId: number,
  userIds: number[],
  grantedBy: number,
  reviewDue: string,
  why: string,
): Promise<number[]> {
  const ids: number[] = []
  for (const userId of [...new Set(userIds)])
    ids.push(
      await grantAccess(trx, {
        childId,
        userId,
        basis: 'restriction_grant',
        grantedBy,
        expiresAt: grantEnds(reviewDue),
        reason: why,
      }),
    )
  return ids
}

/**
 * Restricts the record. The answers were checked by the form's schema; the rules are applied
 * again here (the authoriser read afresh, the date against `now`), so the service is safe alone.
 */
export async function restrictRecord(
  db: Db,
  actor: Actor,
  childId: number,
  input: RestrictionInput,
  audit: AuditContext,
  clock: Clock,
): Promise<void> {
  const now = clock.now()
  managersOnly(actor)
  const { basis } = await authoriseChild(db, actor, 'child.allocate', childId, audit, clock)
  const problem = authoriserProblem(await findPossibleAuthoriser(db, input.authorisedBy))
  if (problem) throw new ChangeRefusedError('authorisedBy', problem)
  const dueProblem = reviewDueProblem(londonToday(now), input.reviewDue)
  if (dueProblem) throw new ChangeRefusedError('reviewDue', dueProblem)
  if (!input.reason.trim()) throw new ChangeRefusedError('reason', 'Enter the reason for the restriction')
  await db.transaction().execute(async (trx) => {
    const person = await lockPersonToRestrict(trx, childId)
    if (!person) throw new NotFoundError(`No child with id ${childId}`)
    if (person.restricted || (await findRestrictionInForce(trx, childId)))
      throw new ChangeRefusedError(
        'category',
        'This record is already restricted: review the restriction instead',
      )
    const restrictionId = await insertRestriction(trx, {
      personId: childId,
      category: input.category,
      reason: input.reason.trim(),
      authorisedBy: input.authorisedBy,
      recordedBy: actor.id,
      reviewDue: input.reviewDue,
      at: now,
    })
    const grants = await grantToManage(
      trx,
      childId,
      [input.authorisedBy, actor.id],
      actor.id,
      input.reviewDue,
      `Authorised or recorded restriction ${restrictionId}: to manage and review it`,
    )
    const category = labelFor(RESTRICTION_CATEGORIES, input.category) ?? input.category
    await recordCaseEvent(trx, {
      childId,
      subjectType: 'restriction',
      subjectId: restrictionId,
      type: 'restriction.added',
      occurredAt: now,
      summary: `Record restricted (${category.toLowerCase()}); review by ${longDate(input.reviewDue)}`,
      recordedBy: actor.id,
      attributes: { category: input.category, reviewDue: input.reviewDue, authorisedBy: input.authorisedBy },
    })
    await recordAudit(trx, audit, {
      action: 'child.restrict',
      outcome: 'allowed',
      childId,
      recordType: 'restriction',
      recordId: restrictionId,
      basis,
      detail: {
        category: input.category,
        reviewDue: input.reviewDue,
        authorisedBy: input.authorisedBy,
        grants,
      },
    })
  })
}

/** The review form: the record and its restriction in force (not found when there is none). */
export async function openReviewForm(
  db: Db,
  actor: Actor,
  childId: number,
  audit: AuditContext,
  clock: Clock,
  loaded?: ChildRecord | null,
) {
  managersOnly(actor)
  await authoriseChild(db, actor, 'child.edit', childId, audit, clock, loaded)
  const restriction = await findRestrictionInForce(db, childId)
  if (!restriction) throw new NotFoundError(`Record ${childId} is not restricted`)
  const record = await loadPersonRecord(db, childId)
  if (!record) throw new NotFoundError(`No child with id ${childId}`)
  return { record, restriction }
}

/** Continues the restriction to a new review date, or lifts it. */
export async function reviewRestriction(
  db: Db,
  actor: Actor,
  childId: number,
  review: RestrictionReview,
  audit: AuditContext,
  clock: Clock,
): Promise<'continued' | 'lifted'> {
  const now = clock.now()
  managersOnly(actor)
  const { basis } = await authoriseChild(db, actor, 'child.edit', childId, audit, clock)
  if (review.outcome === 'continue') {
    const problem = reviewDueProblem(londonToday(now), review.reviewDue)
    if (problem) throw new ChangeRefusedError('reviewDue', problem)
  }
  return db.transaction().execute(async (trx) => {
    const restriction = await findRestrictionInForce(trx, childId, true)
    if (!restriction) throw new NotFoundError(`Record ${childId} is not restricted`)
    let grants: number[] = []
    if (review.outcome === 'continue') {
      const first = restriction.reason === null
      if (first && !review.notes)
        throw new ChangeRefusedError('notes', 'Enter the reason the record stays restricted')
      await continueRestriction(
        trx,
        {
          restrictionId: restriction.id,
          reviewedBy: actor.id,
          reviewDue: review.reviewDue,
          notes: review.notes,
          at: now,
        },
        first,
      )
      grants = await grantToManage(
        trx,
        childId,
        [actor.id],
        actor.id,
        review.reviewDue,
        `Reviewed restriction ${restriction.id}: to manage and review it`,
      )
    } else {
      await liftRestriction(trx, {
        restrictionId: restriction.id,
        liftedBy: actor.id,
        reason: review.reason,
        at: now,
      })
    }
    const outcome = review.outcome === 'continue' ? 'continued' : 'lifted'
    await recordCaseEvent(trx, {
      childId,
      subjectType: 'restriction',
      subjectId: restriction.id,
      type: `restriction.${outcome}`,
      occurredAt: now,
      summary:
        review.outcome === 'continue'
          ? `Restriction reviewed and continued; next review by ${longDate(review.reviewDue)}`
          : 'Restriction reviewed and lifted',
      recordedBy: actor.id,
      attributes: review.outcome === 'continue' ? { reviewDue: review.reviewDue } : {},
    })
    await recordAudit(trx, audit, {
      action: 'child.restriction_review',
      outcome: 'allowed',
      childId,
      recordType: 'restriction',
      recordId: restriction.id,
      basis,
      detail: {
        outcome,
        ...(review.outcome === 'continue' ? { reviewDue: review.reviewDue } : {}),
        ...(grants.length ? { grants } : {}),
      },
    })
    return outcome
  })
}

/**
 * The managers' report: restrictions in force whose review is overdue or due within 14 days,
 * soonest first. A record the reader may not open shows as "Restricted record" and its number.
 * The children named are audited, as a list page's are.
 */
export async function restrictionReviewReport(db: Db, actor: Actor, audit: AuditContext, clock: Clock) {
  const now = clock.now()
  managersOnly(actor)
  const today = londonToday(now)
  const rows = await restrictionsDueForReview(
    db,
    actor,
    addCalendarDays(today, RESTRICTION_REVIEW_SOON_DAYS),
    now,
  )
  await recordAuditAlone(db, audit, {
    action: 'child.list',
    outcome: 'allowed',
    detail: {
      page: 'restriction-reviews',
      childIds: rows.filter((r) => r.canOpen).map((r) => r.childId),
      unnamed: rows.filter((r) => !r.canOpen).map((r) => r.childId),
    },
  })
  return rows.map((r) => ({
    ...r,
    status: reviewStatus(r.reviewDue, today),
    categoryText: r.category ? labelFor(RESTRICTION_CATEGORIES, r.category) : null,
  }))
}

/** The home page's count for managers; null for everyone else. */
export async function restrictionReviewSummary(db: Db, actor: Actor, now: Date) {
  if (!canAuthoriseRestriction(actor.role)) return null
  const today = londonToday(now)
  const rows = await restrictionsDueForReview(
    db,
    actor,
    addCalendarDays(today, RESTRICTION_REVIEW_SOON_DAYS),
    now,
  )
  const overdue = rows.filter((r) => reviewStatus(r.reviewDue, today) === 'overdue').length
  return { overdue, dueSoon: rows.length - overdue, total: rows.length }
}
