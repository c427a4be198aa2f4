/**
 * Reading a child's record: the permission rule decides, the audit trail records the decision
 * either way, and the read and its audit row happen in one transaction.
 */
import type { Db } from '../../platform/db/database.js'
import { recordAudit, recordAuditAlone, type AuditContext } from '../../platform/audit/audit.js'
import { allow, type Actor } from '../../platform/permissions/allow.js'
import type { Action } from '../../platform/permissions/roles.js'
import { loadChildRecord } from '../../platform/permissions/store.js'

export class NotAllowedError extends Error {
  constructor(readonly reason: string) {
    super(reason)
    this.name = 'NotAllowedError'
  }
}

export class NotFoundError extends Error {}

/** Checks `action` on the child; audits a denial in its own transaction (a rollback cannot lose it). */
export async function authoriseChild(
  db: Db,
  actor: Actor,
  action: Action,
  childId: number,
  audit: AuditContext,
): Promise<{ basis: string | null }> {
  const record = await loadChildRecord(db, childId)
  const decision = allow(actor, action, record, new Date())
  if (!decision.allowed) {
    await recordAuditAlone(db, audit, {
      action,
      outcome: 'denied',
      childId: record ? childId : null,
      recordType: 'child',
      recordId: childId,
      detail: { reason: decision.reason },
    })
    if (!record) throw new NotFoundError(`No child with id ${childId}`)
    throw new NotAllowedError(decision.reason)
  }
  return { basis: decision.basis }
}

export async function viewChildRecord(db: Db, actor: Actor, childId: number, audit: AuditContext) {
  const { basis } = await authoriseChild(db, actor, 'child.view', childId, audit)
  return db.transaction().execute(async (trx) => {
    const child = await trx
      .selectFrom('person')
      .selectAll()
      .where('id', '=', childId)
      .where('deleted_at', 'is', null)
      .executeTakeFirstOrThrow()
    const allocation = await trx
      .selectFrom('child_access as a')
      .leftJoin('app_user as u', 'u.id', 'a.user_id')
      .leftJoin('team as t', 't.id', 'a.team_id')
      .select(['a.basis', 'u.display_name as worker', 't.name as team', 'a.granted_at'])
      .where('a.child_id', '=', childId)
      .where('a.basis', 'in', ['allocated_worker', 'allocated_team'])
      .where('a.revoked_at', 'is', null)
      .orderBy('a.granted_at', 'desc')
      .orderBy('a.id', 'desc')
      .execute()
    const tasks = await trx
      .selectFrom('task')
      .select(['id', 'title', 'due_at', 'due_soon_at', 'stopped_at', 'closed_by'])
      .where('child_id', '=', childId)
      .orderBy('stopped_at', (ob) => ob.desc().nullsFirst())
      .orderBy('due_at')
      .orderBy('id')
      .limit(50)
      .execute()
    const events = await trx
      .selectFrom('case_event as e')
      .leftJoin('app_user as u', 'u.id', 'e.recorded_by')
      .select(['e.id', 'e.type', 'e.summary', 'e.occurred_at', 'u.display_name as recordedBy'])
      .where('e.child_id', '=', childId)
      .orderBy('e.occurred_at', 'desc')
      .orderBy('e.id', 'desc')
      .limit(100)
      .execute()
    await recordAudit(trx, audit, {
      action: 'child.view',
      outcome: 'allowed',
      childId,
      recordType: 'child',
      recordId: childId,
      basis,
      detail: { sections: ['summary', 'allocation', 'tasks', 'chronology'] },
    })
    return {
      child,
      worker: allocation.find((a) => a.basis === 'allocated_worker')?.worker ?? null,
      team: allocation.find((a) => a.basis === 'allocated_team')?.team ?? null,
      tasks,
      events,
    }
  })
}
