/**
 * The managers' queue of recommendations awaiting authorisation, and a child's recommendations
 * as history on their triage and decision pages.
 */
import { recordAuditAlone, type AuditContext } from '../../platform/audit/audit.js'
import type { Actor } from '../../platform/permissions/allow.js'
import {
  authorisationQueue,
  awaitingRecommendation,
  awaitingAuthorisationCount,
  recommendationsOf,
  strategyAskedFor,
  whatFollowed,
} from './authorisation-store.js'
import {
  authorisationRefusal,
  mayAuthorise,
  notTogetherBecause,
  type AuthoriseTogetherInput,
} from './authorisation.js'
import { authoriseWithin, refuseUnlessAuthoriser } from './decision-service.js'
import { contactReference, DECISIONS, labelOf } from './model.js'
import {
  authorisationSettings,
  authorise,
  ContactStateError,
  NotAllowedError,
  requireRole,
  type FrontdoorDeps,
} from './service-support.js'
import { loadContactChild } from './store.js'

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
  const canAuthorise = mayAuthorise(actor.role, authorisationSettings(deps))
  return {
    rows: rows.map((r) => {
      // What the page offers this person: their own recommendations wait for someone else.
      const mine = r.recommended_by === actor.id
      return {
        ...r,
        mayAuthorise: canAuthorise && !mine,
        // Ticked and authorised with others: low-level outcomes only (`notTogetherBecause`).
        mayAuthoriseTogether:
          canAuthorise &&
          !mine &&
          !r.restricted &&
          notTogetherBecause(r.threshold_level, r.decision) === null,
      }
    }),
    total,
    page: current,
    pages,
    canAuthorise,
  }
}

/** Some ticked recommendations cannot be authorised together; nothing was saved. */
export class AuthoriseTogetherError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join(' '))
    this.name = 'AuthoriseTogetherError'
  }
}

/**
 * Several low-level recommendations authorised at once, from the queue, with one management
 * oversight note recorded on each child's decision: each is authorised exactly as on its own page
 * (the decision made, its clocks stopped, the referrer's feedback clock started). All or nothing:
 * if any cannot be (not this manager's to authorise, no longer waiting, or needing its own page),
 * nothing is saved and every reason is listed.
 */
export async function authoriseTogether(
  deps: FrontdoorDeps,
  actor: Actor,
  input: AuthoriseTogetherInput,
  audit: AuditContext,
) {
  requireRole(actor, 'contact.decide')
  const problems: string[] = []
  // Refusals (no access to the child, or the actor's own recommendation) are audited one by one.
  for (const id of input.contactChildIds) {
    const found = await loadContactChild(deps.db, id)
    try {
      if (found?.child_id) await authorise(deps, actor, 'child.view', found.child_id, audit)
      await refuseUnlessAuthoriser(deps, actor, id, audit)
    } catch (err) {
      if (!(err instanceof NotAllowedError)) throw err
      problems.push(`${recommendationOn(found, id)}: ${err.message}`)
    }
  }
  if (problems.length > 0) throw new AuthoriseTogetherError(problems)

  const now = deps.clock.now()
  return deps.db.transaction().execute(async (trx) => {
    const waiting: { id: number; row: { contact_id: number } }[] = []
    for (const id of input.contactChildIds) {
      const found = await loadContactChild(trx, id)
      const row = found?.contactDeletedAt === null ? found : undefined
      const recommendation = row ? await awaitingRecommendation(trx, id) : undefined
      const who = recommendationOn(row, id)
      if (!row || !recommendation || row.status !== 'awaiting_authorisation') {
        problems.push(`${who} is no longer waiting for authorisation.`)
        continue
      }
      const why = notTogetherBecause(row.threshold_level, recommendation.decision)
      if (why) problems.push(`${who} ${why}.`)
      else waiting.push({ id, row })
    }
    if (problems.length > 0) throw new AuthoriseTogetherError(problems)
    for (const { id, row } of waiting) {
      try {
        await authoriseWithin(
          trx,
          deps,
          actor,
          audit,
          id,
          {
            outcome: 'authorise',
            oversightNote: input.oversightNote,
            noStrategyReason: null,
            returnReason: null,
          },
          now,
        )
      } catch (err) {
        if (err instanceof ContactStateError || err instanceof NotAllowedError)
          throw new AuthoriseTogetherError([`${recommendationOn(row, id)}: ${err.message}`])
        throw err
      }
    }
    return { authorised: waiting.length }
  })
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

/** How an error names a ticked recommendation: by its contact's reference, which the page shows. */
function recommendationOn(row: { contact_id: number } | undefined, contactChildId: number): string {
  return row
    ? `The recommendation on contact ${contactReference(row.contact_id)}`
    : `Recommendation ${contactChildId}`
}
