/**
 * The managers' queue of recommendations awaiting authorisation, and a child's recommendations
 * as history on their triage and decision pages.
 */
import { recordAuditAlone, type AuditContext } from '../../platform/audit/audit.js'
import type { Actor } from '../../platform/permissions/allow.js'
import {
  authorisationQueue,
  awaitingAuthorisationCount,
  recommendationsOf,
  strategyAskedFor,
  whatFollowed,
} from './authorisation-store.js'
import { authorisationRefusal, mayAuthorise } from './authorisation.js'
import { DECISIONS, labelOf } from './model.js'
import { authorisationSettings, requireRole, type FrontdoorDeps } from './service-support.js'

/** Rows on one page of the queue. */
export const AUTHORISATION_PAGE_SIZE = 50

/**
 * The queue, soonest due first, a page at a time. Names of restricted children are left out (the
 * row links to the triage page, which checks access). Every viewing is audited with its size.
 */
export async function viewAuthorisationQueue(
  deps: FrontdoorDeps,
  actor: Actor,
  page: number,
  audit: AuditContext,
) {
  requireRole(actor, 'contact.decide')
  const total = await awaitingAuthorisationCount(deps.db)
  const pages = Math.max(1, Math.ceil(total / AUTHORISATION_PAGE_SIZE))
  const current = Math.min(Math.max(1, page), pages)
  const rows = await authorisationQueue(deps.db, {
    offset: (current - 1) * AUTHORISATION_PAGE_SIZE,
    limit: AUTHORISATION_PAGE_SIZE,
  })
  await recordAuditAlone(deps.db, audit, {
    action: 'mash.authorisation_queue.view',
    outcome: 'allowed',
    recordType: 'queue',
    recordId: 'authorisation',
    detail: { rows: rows.length, page: current },
  })
  return {
    rows: rows.map((r) => ({
      ...r,
      // What the page offers this person: their own recommendations wait for someone else.
      mayAuthorise: mayAuthorise(actor.role, authorisationSettings(deps)) && r.recommended_by !== actor.id,
    })),
    total,
    page: current,
    pages,
    canAuthorise: mayAuthorise(actor.role, authorisationSettings(deps)),
  }
}

/**
 * Where a child's decision stands, for the triage page: the recommendation waiting (and whether
 * this person may authorise it), the last one returned, the one authorised, and what followed.
 */
export async function decisionState(deps: FrontdoorDeps, actor: Actor, contactChildId: number) {
  const [history, followed] = await Promise.all([
    recommendationsOf(deps.db, contactChildId),
    whatFollowed(deps.db, contactChildId),
  ])
  const words = history.map((h) => ({
    ...h,
    decisionText: labelOf(DECISIONS, h.decision),
    outcomeText:
      h.outcome === 'awaiting'
        ? 'Waiting for a manager'
        : h.outcome === 'returned'
          ? `Returned by ${h.reviewedByName ?? 'a manager'}`
          : h.decided_alone
            ? 'Decided without a second person'
            : `Authorised by ${h.reviewedByName ?? 'a manager'}`,
  }))
  const awaiting = words.find((h) => h.outcome === 'awaiting') ?? null
  const refusal = awaiting
    ? authorisationRefusal(actor, awaiting.recommended_by, authorisationSettings(deps))
    : null
  const askedStrategy = await strategyAskedFor(deps.db, contactChildId)
  return {
    askedStrategy,
    history: words,
    awaiting,
    lastReturned: words.findLast((h) => h.outcome === 'returned') ?? null,
    authorised: words.findLast((h) => h.outcome === 'authorised') ?? null,
    mayAuthorise: awaiting !== null && refusal === null,
    refusal,
    ...followed,
  }
}

export type DecisionState = Awaited<ReturnType<typeof decisionState>>
