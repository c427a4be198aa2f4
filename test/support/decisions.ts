/** A front-door decision as it is made now: recommended by one person, authorised by another. */
import type { AuditContext } from '../../src/platform/audit/audit.js'
import { recommendationSchema } from '../../src/modules/frontdoor/authorisation.js'
import {
  authoriseRecommendation,
  recommendDecision,
  type FrontdoorDeps,
} from '../../src/modules/frontdoor/service.js'
import type { Actor } from '../../src/platform/permissions/allow.js'

export const OVERSIGHT = 'Checked the history and agency information; this decision keeps the child safe.'

export interface Decided {
  referralId: number | null
  contactId: number
}

/** Recommends `answers` as `recommender` and authorises it as `manager` (or as decided alone). */
export async function decideAsTwo(
  deps: FrontdoorDeps,
  recommender: { actor: Actor; ctx: AuditContext },
  manager: { actor: Actor; ctx: AuditContext },
  contactChildId: number,
  answers: Record<string, string>,
): Promise<Decided> {
  const input = recommendationSchema.parse({
    rationale: 'Weighed the history and the agencies’ information.',
    ...answers,
  })
  const recommended = await recommendDecision(deps, recommender.actor, contactChildId, input, recommender.ctx)
  if (!recommended.awaitingAuthorisation) return recommended
  const authorised = await authoriseRecommendation(
    deps,
    manager.actor,
    contactChildId,
    { outcome: 'authorise', oversightNote: OVERSIGHT, noStrategyReason: null, returnReason: null },
    manager.ctx,
  )
  return { referralId: authorised.referralId, contactId: authorised.contactId }
}
