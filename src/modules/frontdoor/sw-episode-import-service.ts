/**
 * A return's social worker episodes (SSDA903 SWEpisodes) imported as the children's
 * allocated-worker grants, with the reasons the front door keeps beside them: called by the care
 * module's import, in the transaction that writes the batch's care (`haven returns import
 * --ssda903`). `sw-episode-import-model.ts` decides what each child's rows become; here the batch
 * is read and written a statement a table (accounts by registration, the children's grants, the
 * new grants, the reasons, the audit rows), never a query a child.
 *
 * Each grant made is audited (`child_access.allocate`, on the command line's basis, with the run,
 * the worker and the episode). A child whose episodes Haven holds already as the same grants is
 * unchanged; one refused has none of their episodes written and the reason is given back.
 */
import { recordAudits, type AuditContext, type AuditEntry } from '../../platform/audit/audit.js'
import { insertMigratedGrants, type MigratedGrant } from '../../platform/permissions/store.js'
import type { Trx } from './store.js'
import {
  planSocialWorkerEpisodes,
  type ImportedSwEpisode,
  type PlannedWorkerGrant,
} from './sw-episode-import-model.js'
import * as store from './sw-episode-import-store.js'

export type { ImportedSwEpisode } from './sw-episode-import-model.js'

export type SwEpisodesImported =
  | { outcome: 'imported'; grants: number }
  | { outcome: 'unchanged' }
  | { outcome: 'not_imported'; reason: string }

const ENDED = 'Social worker episode ended (SSDA903 return)'

/**
 * Imports the children's social worker episodes in the caller's transaction; gives each child's
 * outcome (children with no episodes are left out).
 */
export async function importSocialWorkerEpisodes(
  trx: Trx,
  audit: AuditContext,
  run: { importId: number; by: number; at: Date },
  children: readonly { childId: number; episodes: readonly ImportedSwEpisode[] }[],
): Promise<Map<number, SwEpisodesImported>> {
  const done = new Map<number, SwEpisodesImported>()
  const withEpisodes = children.filter((c) => c.episodes.length > 0)
  if (withEpisodes.length === 0) return done
  const registrations = new Set(
    withEpisodes.flatMap((c) => c.episodes.map((e) => e.workerId.trim().toUpperCase())),
  )
  const accounts = await store.accountsByRegistration(trx, [...registrations])
  const held = await store.workerGrantsOf(
    trx,
    withEpisodes.map((c) => c.childId),
  )
  const toGrant: { childId: number; g: PlannedWorkerGrant }[] = []
  for (const c of withEpisodes) {
    const plan = planSocialWorkerEpisodes(c.episodes, accounts, held.get(c.childId) ?? [])
    if (plan.outcome === 'refused') done.set(c.childId, { outcome: 'not_imported', reason: plan.reason })
    else if (plan.outcome === 'unchanged') done.set(c.childId, { outcome: 'unchanged' })
    else {
      toGrant.push(...plan.grants.map((g) => ({ childId: c.childId, g })))
      done.set(c.childId, { outcome: 'imported', grants: plan.grants.length })
    }
  }
  const ids = await insertMigratedGrants(
    trx,
    toGrant.map(({ childId, g }): MigratedGrant => ({
      childId,
      userId: g.userId,
      basis: 'allocated_worker',
      grantedBy: run.by,
      grantedAt: g.grantedAt,
      revokedAt: g.revokedAt,
      revokedReason: g.revokedAt === null ? null : ENDED,
    })),
  )
  await store.saveAllocationReasons(
    trx,
    toGrant.flatMap(({ g }, i) =>
      g.swReason === null
        ? []
        : [{ grantId: ids[i] as number, swReason: g.swReason, by: run.by, at: run.at }],
    ),
  )
  await recordAudits(
    trx,
    audit,
    toGrant.map(({ childId, g }, i): AuditEntry => ({
      action: 'child_access.allocate',
      outcome: 'allowed',
      childId,
      recordType: 'child_access',
      recordId: ids[i] as number,
      basis: 'command_line',
      detail: {
        importId: run.importId,
        workerId: g.userId,
        swRegistration: g.registration,
        from: g.start,
        to: g.end,
        ...(g.swReason === null ? {} : { swReason: g.swReason }),
      },
    })),
  )
  return done
}
