/**
 * The privacy review queue and staff notifications in SQL: emergency access and attempts on one's
 * own record raise a review for the data protection officer and tell the people responsible.
 */
import { sql, type Kysely } from 'kysely'
import type { AccessReviewTable, Database } from '../db/schema.js'

type Db = Kysely<Database>

export interface NewReview {
  kind: AccessReviewTable['kind']
  userId: number
  childId: number
  childAccessId: number | null
  reasonCode: string | null
  reason: string | null
  raisedAt: Date
  dueOn: string
}

export async function insertReview(trx: Db, review: NewReview): Promise<number> {
  const row = await trx
    .insertInto('access_review')
    .values({
      kind: review.kind,
      user_id: review.userId,
      child_id: review.childId,
      child_access_id: review.childAccessId,
      reason_code: review.reasonCode,
      reason: review.reason,
      raised_at: review.raisedAt,
      due_on: review.dueOn,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function insertNotifications(
  trx: Db,
  rows: {
    userId: number
    kind: 'break_glass_used' | 'own_record_attempt'
    childId: number
    message: string
  }[],
  at: Date,
): Promise<void> {
  if (rows.length === 0) return
  await trx
    .insertInto('staff_notification')
    .values(
      rows.map((r) => ({
        user_id: r.userId,
        kind: r.kind,
        child_id: r.childId,
        message: r.message,
        created_at: at,
      })),
    )
    .execute()
}

/**
 * Who answers for a child's record: its allocated workers and the managers of its allocated teams,
 * by live grants; when nobody is allocated, the service managers.
 */
export async function responsibleFor(trx: Db, childId: number, now: Date): Promise<number[]> {
  const rows = await sql<{ id: number }>`
    select distinct u.id from child_access a
      join team t on a.basis = 'allocated_team' and t.id = a.team_id
      join app_user u on u.id = t.manager_id
      where a.child_id = ${childId} and a.revoked_at is null and (a.expires_at is null or a.expires_at > ${now})
    union
    select distinct a.user_id from child_access a
      where a.child_id = ${childId} and a.basis = 'allocated_worker' and a.revoked_at is null
        and (a.expires_at is null or a.expires_at > ${now})
    order by 1`.execute(trx)
  const ids = rows.rows.map((r) => Number(r.id))
  if (ids.length > 0) return ids
  return (await staffWithRole(trx, 'service_manager')).map(Number)
}

export async function staffWithRole(trx: Db, role: string): Promise<number[]> {
  const rows = await trx
    .selectFrom('app_user')
    .select('id')
    .where('role', '=', role)
    .where('disabled_at', 'is', null)
    .orderBy('id')
    .execute()
  return rows.map((r) => r.id)
}

export async function unreadNotifications(db: Db, userId: number) {
  return db
    .selectFrom('staff_notification')
    .select(['id', 'kind', 'child_id', 'message', 'created_at'])
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(20)
    .execute()
}

export async function notificationOwner(db: Db, id: number): Promise<number | null> {
  const row = await db
    .selectFrom('staff_notification')
    .select('user_id')
    .where('id', '=', id)
    .executeTakeFirst()
  return row?.user_id ?? null
}

export async function markNotificationRead(trx: Db, id: number, userId: number, at: Date): Promise<void> {
  await trx
    .updateTable('staff_notification')
    .set({ read_at: at })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .execute()
}

const REVIEW_COLUMNS = [
  'r.id',
  'r.kind',
  'r.child_id',
  'r.reason_code',
  'r.reason',
  'r.raised_at',
  'r.due_on',
  'r.closed_at',
  'r.outcome',
  'r.outcome_note',
  'u.username',
  'u.display_name',
  'a.expires_at',
] as const

/** Reviews with who raised them and, for emergency access, when the grant ends. */
function reviews(db: Db) {
  return db
    .selectFrom('access_review as r')
    .innerJoin('app_user as u', 'u.id', 'r.user_id')
    .leftJoin('child_access as a', 'a.id', 'r.child_access_id')
    .select(REVIEW_COLUMNS)
}

/** Reviews not yet closed, the longest-waiting first. */
export async function openReviews(db: Db) {
  return reviews(db).where('r.closed_at', 'is', null).orderBy('r.due_on').orderBy('r.id').limit(500).execute()
}

/** Everything raised since `since`, newest first: the weekly review list. */
export async function reviewsRaisedSince(db: Db, since: Date) {
  return reviews(db)
    .where('r.raised_at', '>=', since)
    .orderBy('r.raised_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(500)
    .execute()
}

export async function loadReview(db: Db, id: number) {
  return reviews(db).where('r.id', '=', id).executeTakeFirst()
}

/** Closes an open review; false when it was closed already (by someone else, say). */
export async function closeReview(
  trx: Db,
  id: number,
  close: { by: number; at: Date; outcome: 'justified' | 'escalated' | 'breach'; note: string | null },
): Promise<boolean> {
  const result = await trx
    .updateTable('access_review')
    .set({ closed_at: close.at, closed_by: close.by, outcome: close.outcome, outcome_note: close.note })
    .where('id', '=', id)
    .where('closed_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}
