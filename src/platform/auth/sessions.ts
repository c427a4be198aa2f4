/**
 * Server-side sessions. The cookie holds a random token; the database holds only its SHA-256,
 * so a copy of the table cannot be replayed. Idle and absolute limits are checked on every
 * request, and a disabled account's sessions stop working at its next request.
 */
import { createHash, randomBytes } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import type { Db } from '../db/database.js'
import type { Database } from '../db/schema.js'
import { STAFF_MEMBER_COLUMNS, staffMemberFrom, type StaffMember } from '../permissions/store.js'

export interface SessionLimits {
  idleMinutes: number
  absoluteHours: number
}

/** A message for the next page: a success ("Alert added") or one to read ("There were …"). */
export interface Flash {
  success: boolean
  text: string
}

export interface ActiveSession {
  idHash: string
  userId: number
  csrfToken: string
  /** The message waiting for the next page, if any (http/flash.ts). */
  flash: Flash | null
  /** Who is signed in, read with the session (one query on every request); null if no longer allowed. */
  member: StaffMember | null
  /** When the session ends if nothing more is asked of Haven, and when it ends whatever happens. */
  idleEndsAt: Date
  absoluteEndsAt: Date
}

/** What is left of a session that has ended by itself: enough to keep its unsent form (drafts). */
export interface EndedSession {
  userId: number
  csrfToken: string
  endedAt: Date
}

export const token = (bytes = 32) => randomBytes(bytes).toString('base64url')
const hashToken = (value: string) => createHash('sha256').update(value).digest('hex')
/** The stored id (`user_session.id_hash`) of the session behind a cookie. */
export const sessionIdHash = (cookie: string) => hashToken(cookie)

/**
 * Starts a session (a new token: sign-in never reuses an earlier one), with a message for its
 * first page if given. Returns the cookie value.
 */
export async function startSession(
  db: Db,
  userId: number,
  flash: Flash | null = null,
): Promise<{ cookie: string; csrfToken: string }> {
  const cookie = token()
  const csrfToken = token()
  await db
    .insertInto('user_session')
    .values({
      id_hash: hashToken(cookie),
      user_id: userId,
      csrf_token: csrfToken,
      flash: flash ? JSON.stringify(flash) : null,
    })
    .execute()
  return { cookie, csrfToken }
}

/**
 * The live session behind a cookie, or null. Ends sessions past their limits or whose account
 * is disabled. Touches `last_seen_at` at most once a minute to keep reads cheap, or not at all
 * with `touch: false` (a page asking how long is left must not itself keep the session alive).
 */
export async function resumeSession(
  db: Db,
  cookie: string,
  limits: SessionLimits,
  options: { now?: Date; touch?: boolean } = {},
): Promise<ActiveSession | null> {
  const now = options.now ?? new Date()
  const idHash = hashToken(cookie)
  const row = await db
    .selectFrom('user_session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .select([
      's.id_hash',
      's.user_id',
      's.csrf_token',
      's.created_at',
      's.last_seen_at',
      's.ended_at',
      's.flash',
    ])
    .select(STAFF_MEMBER_COLUMNS)
    .where('s.id_hash', '=', idHash)
    .executeTakeFirst()
  if (!row || row.ended_at) return null
  const idleLimit = row.last_seen_at.getTime() + limits.idleMinutes * 60_000
  const absoluteLimit = row.created_at.getTime() + limits.absoluteHours * 3_600_000
  const ended =
    row.disabled_at !== null
      ? 'account disabled'
      : now.getTime() > idleLimit
        ? 'idle timeout'
        : now.getTime() > absoluteLimit
          ? 'absolute timeout'
          : null
  if (ended) {
    await endSession(db, idHash, ended)
    return null
  }
  let lastSeen = row.last_seen_at
  if (options.touch !== false && now.getTime() - lastSeen.getTime() > 60_000) {
    await db.updateTable('user_session').set({ last_seen_at: now }).where('id_hash', '=', idHash).execute()
    lastSeen = now
  }
  return {
    idHash,
    userId: row.user_id,
    csrfToken: row.csrf_token,
    flash: flashFrom(row.flash),
    member: staffMemberFrom(row),
    idleEndsAt: new Date(lastSeen.getTime() + limits.idleMinutes * 60_000),
    absoluteEndsAt: new Date(absoluteLimit),
  }
}

/** Keeps a live session going from now: "Stay signed in". Returns when it will end if idle. */
export async function keepSessionAlive(db: Db, idHash: string, limits: SessionLimits, now = new Date()) {
  await db
    .updateTable('user_session')
    .set({ last_seen_at: now })
    .where('id_hash', '=', idHash)
    .where('ended_at', 'is', null)
    .execute()
  return new Date(now.getTime() + limits.idleMinutes * 60_000)
}

/**
 * The session behind a cookie if it ended by itself (idle or absolute time-out) within
 * `withinMs`, for an account still enabled: whose form answers arriving after the end may be
 * kept for them. Null for a live session, one its holder signed out of, or one ended otherwise.
 */
export async function endedByTimeOut(
  db: Db,
  cookie: string,
  withinMs: number,
  now = new Date(),
): Promise<EndedSession | null> {
  const row = await db
    .selectFrom('user_session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .select(['s.user_id', 's.csrf_token', 's.ended_at', 's.ended_reason', 'u.disabled_at'])
    .where('s.id_hash', '=', hashToken(cookie))
    .executeTakeFirst()
  if (!row?.ended_at || row.disabled_at !== null) return null
  if (row.ended_reason !== 'idle timeout' && row.ended_reason !== 'absolute timeout') return null
  if (now.getTime() - row.ended_at.getTime() > withinMs) return null
  return { userId: row.user_id, csrfToken: row.csrf_token, endedAt: row.ended_at }
}

function flashFrom(value: Record<string, unknown> | null): Flash | null {
  if (!value || typeof value.text !== 'string') return null
  return { success: value.success === true, text: value.text }
}

/** Keeps a message for the next page this session sees. */
export async function setFlash(db: Db, idHash: string, flash: Flash): Promise<void> {
  await db
    .updateTable('user_session')
    .set({ flash: JSON.stringify(flash) })
    .where('id_hash', '=', idHash)
    .execute()
}

/** Clears the message once a page has shown it. */
export async function clearFlash(db: Db, idHash: string): Promise<void> {
  await db.updateTable('user_session').set({ flash: null }).where('id_hash', '=', idHash).execute()
}

/** Ends one session (by the stored hash of its cookie) or every live session of a user. */
async function endSessions(
  db: Kysely<Database>,
  which: { idHash: string } | { userId: number },
  reason: string,
): Promise<void> {
  await db
    .updateTable('user_session')
    .set({ ended_at: sql`now()`, ended_reason: reason })
    .where('ended_at', 'is', null)
    .where((eb) => ('idHash' in which ? eb('id_hash', '=', which.idHash) : eb('user_id', '=', which.userId)))
    .execute()
}

export function endSession(db: Kysely<Database>, idHash: string, reason: string): Promise<void> {
  return endSessions(db, { idHash }, reason)
}

export function endSessionByCookie(db: Kysely<Database>, cookie: string, reason: string): Promise<void> {
  return endSessions(db, { idHash: hashToken(cookie) }, reason)
}

/** Ends every live session of a user (used when an account is disabled). */
export function endUserSessions(db: Kysely<Database>, userId: number, reason: string): Promise<void> {
  return endSessions(db, { userId }, reason)
}
