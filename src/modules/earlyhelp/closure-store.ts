/**
 * Closing an episode, its SQL (migration 0052): the proposals and their checklists, the episode
 * ended, and the grants it gave. No permission checks here; closure-service decides.
 */
import type { ClosureChecklist } from '../../platform/casework/closure.js'
import type { EhClosureStatus } from '../../platform/db/schema.js'
import type { Trx } from './store.js'

export async function insertClosure(
  trx: Trx,
  c: {
    episodeId: number
    childId: number
    checklist: ClosureChecklist
    referralPrompted: boolean
    by: number
    at: Date
  },
): Promise<number> {
  const { id } = await trx
    .insertInto('eh_closure')
    .values({
      episode_id: c.episodeId,
      child_id: c.childId,
      reason_code: c.checklist.reasonCode,
      checklist: JSON.stringify(c.checklist),
      referral_prompted: c.referralPrompted,
      proposed_by: c.by,
      proposed_at: c.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

/** Whether a closure waits on the episode (read under the episode's lock). */
export async function awaitingOn(trx: Trx, episodeId: number) {
  return trx
    .selectFrom('eh_closure')
    .select(['id'])
    .where('episode_id', '=', episodeId)
    .where('status', '=', 'awaiting')
    .executeTakeFirst()
}

/** A closure, locked until the transaction ends (two managers deciding at once). */
export async function lockClosure(trx: Trx, id: number) {
  return trx.selectFrom('eh_closure').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
}

export async function markDecided(
  trx: Trx,
  id: number,
  d: { status: Exclude<EhClosureStatus, 'awaiting'>; by: number; at: Date },
) {
  await trx
    .updateTable('eh_closure')
    .set({ status: d.status, decided_by: d.by, decided_at: d.at })
    .where('id', '=', id)
    .where('status', '=', 'awaiting')
    .execute()
}

/** Ends the episode on the day, with the closure's coded reason. */
export async function endEpisode(trx: Trx, id: number, e: { endedOn: string; reason: string }) {
  await trx
    .updateTable('eh_episode')
    .set((eb) => ({
      status: 'ended',
      ended_on: e.endedOn,
      end_reason: e.reason,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', id)
    .where('status', '<>', 'ended')
    .execute()
}

/** A member's grant, kept so that closing the episode ends exactly it. */
export async function setMemberGrant(trx: Trx, memberId: number, grantId: number): Promise<void> {
  await trx.updateTable('eh_taf_member').set({ grant_id: grantId }).where('id', '=', memberId).execute()
}

/** The grants the team around the family's members were given, still live. */
export async function memberGrants(trx: Trx, episodeId: number) {
  return trx
    .selectFrom('eh_taf_member as m')
    .innerJoin('child_access as g', 'g.id', 'm.grant_id')
    .select(['g.id', 'g.user_id'])
    .where('m.episode_id', '=', episodeId)
    .where('g.revoked_at', 'is', null)
    .orderBy('g.id')
    .execute()
}

const named = (db: Trx) =>
  db
    .selectFrom('eh_closure as c')
    .innerJoin('people_person_v as p', 'p.id', 'c.child_id')
    .innerJoin('app_user as a', 'a.id', 'c.proposed_by')
    .leftJoin('app_user as d', 'd.id', 'c.decided_by')
    .selectAll('c')
    .select([
      'p.given_name',
      'p.family_name',
      'a.display_name as proposedByName',
      'd.display_name as decidedByName',
    ])

/** A closure with the child's and the people's names. */
export async function loadClosure(db: Trx, id: number) {
  return named(db).where('c.id', '=', id).executeTakeFirst()
}

/** The closures of these episodes, newest first. */
export async function closuresOf(db: Trx, episodeIds: readonly number[]) {
  if (episodeIds.length === 0) return []
  return named(db)
    .where('c.episode_id', 'in', episodeIds)
    .orderBy('c.proposed_at', 'desc')
    .orderBy('c.id', 'desc')
    .execute()
}

/** The child a closure is about (route subjects). */
export async function closureChild(db: Trx, id: number): Promise<number | null> {
  const row = await db.selectFrom('eh_closure').select('child_id').where('id', '=', id).executeTakeFirst()
  return row?.child_id ?? null
}
