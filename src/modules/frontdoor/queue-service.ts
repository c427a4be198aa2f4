/**
 * The front door's queues: the MASH queue of children awaiting a decision, referrals awaiting a
 * worker, and the counts of both for a home page.
 */
import { recordAuditAlone, type AuditContext } from '../../platform/audit/audit.js'
import type { Clock } from '../../platform/calendar/clock.js'
import type { Actor } from '../../platform/permissions/allow.js'
import { roleGrants } from '../../platform/permissions/roles.js'
import { awaitingAuthorisationCount } from './authorisation-store.js'
import { AUTHORISATION, mayAuthorise } from './authorisation.js'
import { referralsAwaitingAllocation } from './referral-store.js'
import { requireRole, type FrontdoorDeps } from './service-support.js'
import type { Db } from './store.js'
import { pageWindow } from './queue-paging.js'
import { mashQueue, mashQueueCounts, mashQueueMatching, type QueueFilters } from './triage-store.js'

export type { QueueFilters }

/** One page of the MASH queue (`pageSize` rows), the filters' matches counted in SQL. */
export async function viewMashQueue(
  { db, clock }: FrontdoorDeps,
  actor: Actor,
  filters: QueueFilters,
  paging: { page: number; pageSize: number },
  audit: AuditContext,
) {
  if (!roleGrants(actor.role, 'contact.triage')) requireRole(actor, 'contact.decide')
  const now = clock.now()
  const [matching, counts] = await Promise.all([
    mashQueueMatching(db, filters, now),
    mashQueueCounts(db, now),
  ])
  const window = pageWindow(matching, paging.page, paging.pageSize)
  const rows = await mashQueue(db, filters, now, { limit: paging.pageSize, offset: window.offset })
  await recordAuditAlone(db, audit, {
    action: 'mash.queue.view',
    outcome: 'allowed',
    recordType: 'queue',
    recordId: 'mash',
    detail: { rows: rows.length, page: window.page },
  })
  return { rows, counts, window }
}

/** The teams whose referrals the actor allocates: those they manage, or every team for a service manager. */
function allocatingTeams(actor: Actor): number[] | null {
  return actor.role === 'service_manager' ? null : actor.managedTeamIds
}

export async function viewAllocationQueue({ db }: FrontdoorDeps, actor: Actor, audit: AuditContext) {
  requireRole(actor, 'child.allocate')
  const rows = await referralsAwaitingAllocation(db, allocatingTeams(actor))
  await recordAuditAlone(db, audit, {
    action: 'referral.queue.view',
    outcome: 'allowed',
    recordType: 'queue',
    recordId: 'allocation',
    detail: { rows: rows.length },
  })
  return rows
}

/**
 * Counts for a home page: the MASH queue for the front door, referrals waiting for a worker for
 * the managers who allocate. Figures only, no child's details, so nothing to audit. Takes the
 * database alone (and the clock, the system's unless given) because the home page calls it so.
 */
export async function frontDoorSummary(db: Db, actor: Actor, clock: Clock) {
  const queue =
    roleGrants(actor.role, 'contact.triage') || roleGrants(actor.role, 'contact.decide')
      ? await mashQueueCounts(db, clock.now())
      : null
  const allocating = roleGrants(actor.role, 'child.allocate')
    ? (await referralsAwaitingAllocation(db, allocatingTeams(actor))).length
    : null
  const authorising = mayAuthorise(actor.role, AUTHORISATION) ? await awaitingAuthorisationCount(db) : null
  return { queue, allocating, authorising }
}
