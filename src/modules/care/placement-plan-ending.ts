/**
 * The carers' access ends with the placement: `changePlacement` and `endCare` call this in their
 * transaction. Kept apart from the plan's service so the care service imports nothing that
 * imports it (as `review-ending.ts` is).
 */
import { recordAudit, type AuditContext } from '../../platform/audit/audit.js'
import { revokeAccess } from '../../platform/permissions/store.js'
import { endLinks } from './placement-plan-store.js'
import type { Trx } from './store.js'

/**
 * Every carer's account linked to the placement loses it at once: the link ended and the grant
 * revoked, audited on a row of its own. Nothing happens when no carer was linked.
 */
export async function carersEndWithPlacement(
  trx: Trx,
  audit: AuditContext,
  p: { childId: number; placementId: number; at: Date; reason: string },
): Promise<void> {
  const ended = await endLinks(trx, p.placementId, { at: p.at, reason: p.reason })
  if (ended.length === 0) return
  for (const link of ended) await revokeAccess(trx, link.grant_id, p.reason)
  await recordAudit(trx, audit, {
    action: 'care.placement_carer_end',
    outcome: 'allowed',
    childId: p.childId,
    recordType: 'care_placement',
    recordId: p.placementId,
    basis: null,
    detail: {
      carerUserIds: ended.map((l) => l.user_id),
      revokedGrantIds: ended.map((l) => l.grant_id),
      reason: p.reason,
    },
  })
}
