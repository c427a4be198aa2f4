/**
 * The SQL of importing a return's social worker episodes (`sw-episode-import-service.ts`): the
 * accounts by Social Work England registration, the children's allocated-worker grants, and the
 * reasons recorded beside the new grants. Set-based: one statement for a batch of children. The
 * grants themselves are the platform's (`insertMigratedGrants`). No permission checks here.
 */
import { insertRows } from '../../platform/db/insert-rows.js'
import type { SwReason } from '../../platform/db/schema.js'
import type { Trx } from './store.js'

/** The accounts holding these registration numbers, by number. */
export async function accountsByRegistration(
  trx: Trx,
  registrations: readonly string[],
): Promise<Map<string, { id: number; disabled: boolean }>> {
  const found = new Map<string, { id: number; disabled: boolean }>()
  if (registrations.length === 0) return found
  const rows = await trx
    .selectFrom('app_user')
    .select(['id', 'sw_registration', 'disabled_at'])
    .where('sw_registration', 'in', [...registrations])
    .execute()
  for (const r of rows)
    if (r.sw_registration !== null)
      found.set(r.sw_registration, { id: Number(r.id), disabled: r.disabled_at !== null })
  return found
}

/** Every allocated-worker grant of the children, revoked ones too, by child. */
export async function workerGrantsOf(
  trx: Trx,
  childIds: readonly number[],
): Promise<Map<number, { userId: number; grantedAt: Date; revokedAt: Date | null }[]>> {
  const byChild = new Map<number, { userId: number; grantedAt: Date; revokedAt: Date | null }[]>()
  if (childIds.length === 0) return byChild
  const rows = await trx
    .selectFrom('child_access')
    .select(['child_id', 'user_id', 'granted_at', 'revoked_at'])
    .where('basis', '=', 'allocated_worker')
    .where('child_id', 'in', [...childIds])
    .orderBy('child_id')
    .orderBy('id')
    .execute()
  for (const r of rows) {
    if (r.user_id === null) continue
    const list = byChild.get(Number(r.child_id)) ?? []
    list.push({ userId: Number(r.user_id), grantedAt: r.granted_at, revokedAt: r.revoked_at })
    byChild.set(Number(r.child_id), list)
  }
  return byChild
}

/** The reasons the children were given these workers (SW_REASON), beside their grants. */
export async function saveAllocationReasons(
  trx: Trx,
  reasons: readonly { grantId: number; swReason: SwReason; by: number; at: Date }[],
): Promise<void> {
  await insertRows(
    trx,
    'frontdoor_allocation_reason',
    { grant_id: 'bigint', sw_reason: 'text', recorded_by: 'bigint', recorded_at: 'timestamptz' },
    reasons.map((r) => ({
      grant_id: r.grantId,
      sw_reason: r.swReason,
      recorded_by: r.by,
      recorded_at: r.at,
    })),
  )
}
