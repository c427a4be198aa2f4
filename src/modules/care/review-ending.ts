/**
 * The IRO's allocation ends with the period of care: `endCare` calls this in its transaction. Kept
 * apart from the review service so the care service imports nothing that imports it.
 */
import { recordAudit, type AuditContext } from '../../platform/audit/audit.js'
import { revokeAccess } from '../../platform/permissions/store.js'
import { endIroAllocation } from './review-store.js'
import type { Trx } from './store.js'

/**
 * The period's IRO allocation ends with it and the IRO's
 * grant is revoked, audited on its own row.
 */
export async function iroEndsWithCare(
  trx: Trx,
  audit: AuditContext,
  c: { childId: number; periodId: number; by: number; at: Date },
): Promise<void> {
  const ended = await endIroAllocation(trx, c.periodId, { at: c.at, by: c.by, reason: 'Care ended' })
  if (!ended) return
  await revokeAccess(trx, ended.grant_id, 'The period of care ended')
  await recordAudit(trx, audit, {
    action: 'care.iro_end',
    outcome: 'allowed',
    childId: c.childId,
    recordType: 'care_period',
    recordId: c.periodId,
    basis: null,
    detail: { iroUserId: ended.iro_user_id, revokedGrantId: ended.grant_id, reason: 'care ended' },
  })
}
