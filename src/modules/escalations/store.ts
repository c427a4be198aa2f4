/**
 * The escalations module's SQL: escalations and the levels each reached, the people an escalation
 * may go to, and the open escalations a person or a manager's report lists. No permission checks
 * here, except the lists' filter to the children the reader may see; the service decides who may
 * call what. Children's names come from the people module's published view.
 */
import type { Kysely } from 'kysely'
import type { Db } from '../../platform/db/database.js'
import type {
  Database,
  EscalationBecause,
  EscalationStatus,
  EscalationResponse,
} from '../../platform/db/schema.js'
import type { Actor } from '../../platform/permissions/allow.js'
import type { Role } from '../../platform/permissions/roles.js'
import { visibleChildren } from '../../platform/permissions/store.js'
import type { OpenFilter } from './model.js'

export type { Db }
export type Trx = Kysely<Database>

export { childrenNamed } from '../../platform/casework/store.js'

export interface NewEscalation {
  childId: number
  raisedBy: number
  raisedAt: Date
  raiserAgency: string
  difference: string
  wanted: string
  recipientId: number
  dueAt: Date
}

export async function insertEscalation(trx: Trx, e: NewEscalation): Promise<number> {
  const { id } = await trx
    .insertInto('escalation')
    .values({
      child_id: e.childId,
      raised_by: e.raisedBy,
      raised_at: e.raisedAt,
      raiser_agency: e.raiserAgency,
      difference: e.difference,
      wanted: e.wanted,
      level: 1,
      recipient_id: e.recipientId,
      due_at: e.dueAt,
      status: 'awaiting_response',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await insertLevel(trx, {
    escalationId: id,
    level: 1,
    recipientId: e.recipientId,
    sentBy: e.raisedBy,
    sentAt: e.raisedAt,
    because: 'raised',
    reason: null,
    dueAt: e.dueAt,
  })
  return id
}

export interface NewLevel {
  escalationId: number
  level: number
  recipientId: number
  sentBy: number
  sentAt: Date
  because: EscalationBecause
  reason: string | null
  dueAt: Date
}

async function insertLevel(trx: Trx, l: NewLevel): Promise<void> {
  await trx
    .insertInto('escalation_level')
    .values({
      escalation_id: l.escalationId,
      level: l.level,
      recipient_id: l.recipientId,
      sent_by: l.sentBy,
      sent_at: l.sentAt,
      because: l.because,
      reason: l.reason,
      due_at: l.dueAt,
    })
    .execute()
}

/** The escalation, held until the transaction ends, so two answers to one level are taken in turn. */
export async function lockEscalation(trx: Trx, id: number) {
  return trx.selectFrom('escalation').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
}

/** Moves the escalation on: its new state, and one more change to its version. */
async function changeEscalation(
  trx: Trx,
  id: number,
  set: {
    status: EscalationStatus
    level?: number
    recipient_id?: number
    due_at?: Date
    resolved_at?: Date
    resolution?: string | null
  },
): Promise<void> {
  await trx
    .updateTable('escalation')
    .set((eb) => ({ ...set, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute()
}

export async function recordResponse(
  trx: Trx,
  escalationId: number,
  level: number,
  r: { response: EscalationResponse; reasons: string; actions: string | null },
  by: number,
  at: Date,
): Promise<void> {
  await trx
    .updateTable('escalation_level')
    .set({
      response: r.response,
      response_reasons: r.reasons,
      response_actions: r.actions,
      responded_by: by,
      responded_at: at,
    })
    .where('escalation_id', '=', escalationId)
    .where('level', '=', level)
    .execute()
  await changeEscalation(trx, escalationId, { status: 'responded' })
}

export async function escalateTo(trx: Trx, l: NewLevel): Promise<void> {
  await insertLevel(trx, l)
  await changeEscalation(trx, l.escalationId, {
    status: 'awaiting_response',
    level: l.level,
    recipient_id: l.recipientId,
    due_at: l.dueAt,
  })
}

export async function resolve(trx: Trx, id: number, at: Date, note: string | null): Promise<void> {
  await changeEscalation(trx, id, { status: 'resolved', resolved_at: at, resolution: note })
}

/** The child an escalation is about, for the route's subject; null when there is none. */
export async function escalationChild(db: Db, id: number): Promise<number | null> {
  const row = await db.selectFrom('escalation').select('child_id').where('id', '=', id).executeTakeFirst()
  return row?.child_id ?? null
}

/** One escalation with who raised it and who must answer, and every level it reached, first first. */
export async function escalationWithLevels(db: Db, id: number) {
  const escalation = await db
    .selectFrom('escalation as e')
    .innerJoin('app_user as r', 'r.id', 'e.raised_by')
    .innerJoin('app_user as to', 'to.id', 'e.recipient_id')
    .selectAll('e')
    .select(['r.display_name as raisedByName', 'to.display_name as recipientName'])
    .where('e.id', '=', id)
    .executeTakeFirst()
  if (!escalation) return null
  const levels = await db
    .selectFrom('escalation_level as l')
    .innerJoin('app_user as to', 'to.id', 'l.recipient_id')
    .leftJoin('app_user as by', 'by.id', 'l.responded_by')
    .selectAll('l')
    .select(['to.display_name as recipientName', 'by.display_name as respondedByName'])
    .where('l.escalation_id', '=', id)
    .orderBy('l.level')
    .execute()
  return { escalation, levels }
}

/** The child's escalations, latest first, with who raised each and who must answer. */
export async function escalationsOn(db: Db, childId: number) {
  return db
    .selectFrom('escalation as e')
    .innerJoin('app_user as r', 'r.id', 'e.raised_by')
    .innerJoin('app_user as to', 'to.id', 'e.recipient_id')
    .select([
      'e.id',
      'e.raised_at',
      'e.raiser_agency',
      'e.level',
      'e.status',
      'e.due_at',
      'r.display_name as raisedByName',
      'to.display_name as recipientName',
    ])
    .where('e.child_id', '=', childId)
    .orderBy('e.raised_at', 'desc')
    .orderBy('e.id', 'desc')
    .execute()
}

export interface Person {
  id: number
  name: string
}

/** The manager of the team the child's case is allocated to, if the team has one. */
export async function allocatedTeamManager(db: Db, childId: number, now: Date): Promise<Person | null> {
  const row = await db
    .selectFrom('child_access as a')
    .innerJoin('team as t', 't.id', 'a.team_id')
    .innerJoin('app_user as u', 'u.id', 't.manager_id')
    .select(['u.id', 'u.display_name as name'])
    .where('a.child_id', '=', childId)
    .where('a.basis', '=', 'allocated_team')
    .where('a.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('a.expires_at', 'is', null), eb('a.expires_at', '>', now)]))
    .where('u.disabled_at', 'is', null)
    .orderBy('a.granted_at', 'desc')
    .orderBy('a.id', 'desc')
    .executeTakeFirst()
  return row ?? null
}

/**
 * The people working with the child: those named on a live grant to the child's record (the
 * allocated worker, partners in its strategy discussions and conferences), with their role.
 */
export async function peopleWorkingWith(db: Db, childId: number, now: Date) {
  return db
    .selectFrom('child_access as a')
    .innerJoin('app_user as u', 'u.id', 'a.user_id')
    .select(['u.id', 'u.display_name as name', 'u.role', 'u.job_title'])
    .distinct()
    .where('a.child_id', '=', childId)
    .where('a.basis', '!=', 'break_glass')
    .where('a.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('a.expires_at', 'is', null), eb('a.expires_at', '>', now)]))
    .where('u.disabled_at', 'is', null)
    .orderBy('u.display_name')
    .orderBy('u.id')
    .execute()
}

/** Members of staff in these roles, whose accounts are in use. */
export async function staffInRoles(db: Db, roles: readonly Role[]): Promise<Person[]> {
  return db
    .selectFrom('app_user')
    .select(['id', 'display_name as name'])
    .where('role', 'in', roles)
    .where('disabled_at', 'is', null)
    .orderBy('display_name')
    .orderBy('id')
    .execute()
}

/** Whether `managerId` manages the team `userId` works in. */
export async function managesUser(db: Db, managerId: number, userId: number): Promise<boolean> {
  const row = await db
    .selectFrom('app_user as u')
    .innerJoin('team as t', 't.id', 'u.team_id')
    .select('u.id')
    .where('u.id', '=', userId)
    .where('t.manager_id', '=', managerId)
    .executeTakeFirst()
  return row !== undefined
}

/** Open escalations on the children the reader may see, most overdue first. */
export async function openEscalations(db: Db, actor: Actor, now: Date, filter: OpenFilter) {
  let q = db
    .selectFrom('escalation as e')
    .innerJoin('person', 'person.id', 'e.child_id')
    .innerJoin('app_user as r', 'r.id', 'e.raised_by')
    .innerJoin('app_user as to', 'to.id', 'e.recipient_id')
    .select([
      'e.id',
      'e.child_id',
      'person.given_name',
      'person.family_name',
      'e.raised_at',
      'e.raiser_agency',
      'e.level',
      'e.status',
      'e.due_at',
      'e.raised_by',
      'e.recipient_id',
      'r.display_name as raisedByName',
      'to.display_name as recipientName',
    ])
    .where('e.status', '!=', 'resolved')
    .where(visibleChildren(actor, now))
  if (filter.level !== null) q = q.where('e.level', '=', filter.level)
  if (filter.agency !== null) q = q.where('e.raiser_agency', '=', filter.agency)
  if (filter.overdueOnly) q = q.where('e.status', '=', 'awaiting_response').where('e.due_at', '<', now)
  const involving = filter.involving
  if (involving !== null)
    q = q.where((eb) => eb.or([eb('e.raised_by', '=', involving), eb('e.recipient_id', '=', involving)]))
  return q.orderBy('e.due_at').orderBy('e.id').execute()
}
