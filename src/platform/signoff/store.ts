/** The sign-off step's SQL (migration 0031): each ask, its decision, and who is waited on. */
import { sql, type Kysely } from 'kysely'
import type { Database, SignOffStatus } from '../db/schema.js'

type Db = Kysely<Database>

export interface NewSignOff {
  subjectType: string
  subjectId: string
  childId: number
  askedBy: number
  at: Date
  summary: string
}

export async function insertSignOff(trx: Db, s: NewSignOff): Promise<number> {
  const { id } = await trx
    .insertInto('sign_off')
    .values({
      subject_type: s.subjectType,
      subject_id: s.subjectId,
      child_id: s.childId,
      asked_by: s.askedBy,
      asked_at: s.at,
      summary: s.summary,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

/** The ask waiting on a record, locked until the transaction ends (two managers at once). */
export async function lockAwaiting(trx: Db, subjectType: string, subjectId: string) {
  return trx
    .selectFrom('sign_off')
    .selectAll()
    .where('subject_type', '=', subjectType)
    .where('subject_id', '=', subjectId)
    .where('status', '=', 'awaiting')
    .forUpdate()
    .executeTakeFirst()
}

export async function markDecided(
  trx: Db,
  id: number,
  d: {
    status: Exclude<SignOffStatus, 'awaiting'>
    by: number
    at: Date
    note: string | null
    reason: string | null
  },
) {
  await trx
    .updateTable('sign_off')
    .set({
      status: d.status,
      decided_by: d.by,
      decided_at: d.at,
      oversight_note: d.note,
      return_reason: d.reason,
    })
    .where('id', '=', id)
    .where('status', '=', 'awaiting')
    .execute()
}

/** Withdraws a waiting ask: what it asked for no longer stands. Never a decision. */
export async function markWithdrawn(trx: Db, id: number, w: { by: number; at: Date; reason: string }) {
  await trx
    .updateTable('sign_off')
    .set({ status: 'withdrawn', withdrawn_by: w.by, withdrawn_at: w.at, withdraw_reason: w.reason })
    .where('id', '=', id)
    .where('status', '=', 'awaiting')
    .execute()
}

/** Every ask on a record, oldest first, with who asked and who decided. */
export async function historyOf(db: Db, subjectType: string, subjectId: string) {
  return db
    .selectFrom('sign_off as s')
    .innerJoin('app_user as a', 'a.id', 's.asked_by')
    .leftJoin('app_user as d', 'd.id', 's.decided_by')
    .leftJoin('app_user as w', 'w.id', 's.withdrawn_by')
    .selectAll('s')
    .select([
      'a.display_name as askedByName',
      'd.display_name as decidedByName',
      'w.display_name as withdrawnByName',
    ])
    .where('s.subject_type', '=', subjectType)
    .where('s.subject_id', '=', subjectId)
    .orderBy('s.asked_at')
    .orderBy('s.id')
    .execute()
}

/** The manager of the team the child is allocated to, who is asked to sign off. */
export async function allocatedTeamManager(db: Db, childId: number): Promise<number | null> {
  const row = await db
    .selectFrom('child_access as g')
    .innerJoin('team as t', 't.id', 'g.team_id')
    .select('t.manager_id')
    .where('g.child_id', '=', childId)
    .where('g.basis', '=', 'allocated_team')
    .where('g.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('g.expires_at', 'is', null), eb('g.expires_at', '>', new Date())]))
    .orderBy('g.granted_at', 'desc')
    .orderBy('g.id', 'desc')
    .executeTakeFirst()
  return row?.manager_id ?? null
}

/**
 * What waits for this manager's sign-off: every ask on a child of a team they manage (or on their
 * own list through the sign-off clock's task), oldest first, with the task's due time.
 */
export async function awaitingFor(db: Db, userId: number, managedTeamIds: readonly number[]) {
  return db
    .selectFrom('sign_off as s')
    .innerJoin('app_user as a', 'a.id', 's.asked_by')
    .innerJoin('people_person_v as p', 'p.id', 's.child_id')
    .leftJoin('task as k', (join) =>
      join
        .onRef('k.child_id', '=', 's.child_id')
        .on('k.clock_code', '=', 'sign-off')
        .on('k.stopped_at', 'is', null)
        .on('k.subject_type', '=', 'sign_off')
        .on(sql<boolean>`k.subject_id = s.subject_type || ':' || s.subject_id`),
    )
    .select([
      's.id',
      's.subject_type',
      's.subject_id',
      's.child_id',
      's.summary',
      's.asked_by',
      's.asked_at',
      'a.display_name as askedByName',
      'p.given_name',
      'p.family_name',
      'p.restricted',
      'k.due_at',
      'k.assigned_user_id',
    ])
    .where('s.status', '=', 'awaiting')
    .where((eb) =>
      eb.or([
        eb('k.assigned_user_id', '=', userId),
        ...(managedTeamIds.length > 0 ? [eb('k.assigned_team_id', 'in', managedTeamIds)] : []),
      ]),
    )
    .orderBy('s.asked_at')
    .orderBy('s.id')
    .execute()
}
