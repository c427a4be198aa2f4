/** Acting as an account in tests that call the services directly rather than through pages. */
import type { AuditContext } from '../../src/platform/audit/audit.js'
import type { Db } from '../../src/platform/db/database.js'
import type { Actor } from '../../src/platform/permissions/allow.js'
import { loadActor } from '../../src/platform/permissions/store.js'

/** The account as the rules see it, and the audit context its requests would carry. */
export async function actingAs(db: Db, username: string): Promise<{ actor: Actor; ctx: AuditContext }> {
  const { id } = await db
    .selectFrom('app_user')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow()
  const actor = await loadActor(db, id)
  if (!actor) throw new Error(`${username} cannot act: disabled, or a role Haven does not know`)
  return { actor, ctx: { userId: id, username, requestId: 'test' } }
}

/** The first child (by id) the account holds as the allocated worker in the demo. */
export async function firstAllocatedChild(db: Db, username = 'social.worker'): Promise<number> {
  const row = await db
    .selectFrom('child_access as a')
    .innerJoin('app_user as u', 'u.id', 'a.user_id')
    .select('a.child_id')
    .where('u.username', '=', username)
    .where('a.basis', '=', 'allocated_worker')
    .orderBy('a.child_id')
    .executeTakeFirstOrThrow()
  return row.child_id
}
