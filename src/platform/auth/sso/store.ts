/**
 * Single sign-on's SQL: sign-in attempts (used once), identities by issuer and subject, group
 * mappings, accounts awaiting confirmation, and the sessions that began at the provider.
 */
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'
import type { GroupMapping } from './model.js'

type Db = Kysely<Database>

// ---- Sign-in attempts ----------------------------------------------------------------------

export interface NewAttempt {
  stateHash: string
  browserHash: string
  nonce: string
  codeVerifier: string
  returnTo: string
  lifetimeMinutes: number
}

export async function insertAttempt(db: Db, a: NewAttempt): Promise<void> {
  // Old attempts are of no use to anyone: clear them as new ones start.
  await db
    .deleteFrom('sso_sign_in_attempt')
    .where('expires_at', '<', sql<Date>`now() - interval '1 day'`)
    .execute()
  await db
    .insertInto('sso_sign_in_attempt')
    .values({
      state_hash: a.stateHash,
      browser_hash: a.browserHash,
      nonce: a.nonce,
      code_verifier: a.codeVerifier,
      return_to: a.returnTo,
      expires_at: sql<Date>`now() + make_interval(mins => ${a.lifetimeMinutes})`,
    })
    .execute()
}

export type ClaimedAttempt =
  | { ok: true; browserHash: string; nonce: string; codeVerifier: string; returnTo: string }
  | { ok: false; reason: 'unknown_state' | 'replayed_state' | 'expired_state' }

/**
 * Marks the attempt used and returns it, in one statement, so two callbacks with the same state
 * cannot both pass; a second use, an unknown state and an expired one are told apart for the
 * audit trail.
 */
export async function claimAttempt(db: Db, stateHash: string): Promise<ClaimedAttempt> {
  const claimed = await db
    .updateTable('sso_sign_in_attempt')
    .set({ used_at: sql`now()` })
    .where('state_hash', '=', stateHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .returning(['browser_hash', 'nonce', 'code_verifier', 'return_to'])
    .executeTakeFirst()
  if (claimed)
    return {
      ok: true,
      browserHash: claimed.browser_hash,
      nonce: claimed.nonce,
      codeVerifier: claimed.code_verifier,
      returnTo: claimed.return_to,
    }
  const seen = await db
    .selectFrom('sso_sign_in_attempt')
    .select(['used_at'])
    .where('state_hash', '=', stateHash)
    .executeTakeFirst()
  return { ok: false, reason: !seen ? 'unknown_state' : seen.used_at ? 'replayed_state' : 'expired_state' }
}

// ---- Group mappings ------------------------------------------------------------------------

export async function listMappings(db: Db): Promise<GroupMapping[]> {
  const rows = await db
    .selectFrom('sso_group_mapping')
    .select(['id', 'group_id', 'role', 'team_id'])
    .orderBy('id')
    .execute()
  return rows.map((r) => ({ id: Number(r.id), groupId: r.group_id, role: r.role, teamId: r.team_id }))
}

export function listMappingsForAdmin(db: Db) {
  return db
    .selectFrom('sso_group_mapping as m')
    .leftJoin('team as t', 't.id', 'm.team_id')
    .leftJoin('app_user as u', 'u.id', 'm.created_by')
    .select([
      'm.id',
      'm.group_id',
      'm.role',
      't.name as teamName',
      'u.display_name as createdBy',
      'm.created_at',
    ])
    .orderBy('m.id')
    .execute()
}

/** Adds a mapping; false when the group is mapped already. */
export async function insertMapping(
  db: Db,
  m: { groupId: string; role: string; teamId: number | null; createdBy: number },
): Promise<{ id: number } | null> {
  const row = await db
    .insertInto('sso_group_mapping')
    .values({ group_id: m.groupId, role: m.role, team_id: m.teamId, created_by: m.createdBy })
    .onConflict((oc) => oc.column('group_id').doNothing())
    .returning('id')
    .executeTakeFirst()
  return row ? { id: Number(row.id) } : null
}

export function deleteMapping(db: Db, id: number) {
  return db
    .deleteFrom('sso_group_mapping')
    .where('id', '=', id)
    .returning(['group_id', 'role', 'team_id'])
    .executeTakeFirst()
}

export async function teamExists(db: Db, id: number): Promise<boolean> {
  return (await db.selectFrom('team').select('id').where('id', '=', id).executeTakeFirst()) !== undefined
}

export function listTeamChoices(db: Db) {
  return db.selectFrom('team').select(['id', 'name']).orderBy('name').orderBy('id').execute()
}

// ---- Accounts and identities ---------------------------------------------------------------

export function findIdentity(db: Db, issuer: string, subject: string) {
  return db
    .selectFrom('user_identity as i')
    .innerJoin('app_user as u', 'u.id', 'i.user_id')
    .select([
      'u.id',
      'u.username',
      'u.role',
      'u.team_id',
      'u.disabled_at',
      'u.awaiting_confirmation',
      'u.display_name',
      'u.email',
    ])
    .where('i.issuer', '=', issuer)
    .where('i.subject', '=', subject)
    .executeTakeFirst()
}

/** The username, with a number added if needed so it is not taken. */
export async function freeUsername(db: Db, base: string): Promise<string> {
  const taken = new Set(
    (
      await db
        .selectFrom('app_user')
        .select('username')
        .where((eb) => eb.or([eb('username', '=', base), eb('username', 'like', `${base}-%`)]))
        .execute()
    ).map((r) => r.username),
  )
  if (!taken.has(base)) return base
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`
}

export async function insertPendingAccount(
  db: Db,
  a: {
    username: string
    displayName: string
    email: string | null
    role: string
    teamId: number | null
    issuer: string
    subject: string
  },
): Promise<{ id: number; username: string }> {
  const user = await db
    .insertInto('app_user')
    .values({
      username: a.username,
      display_name: a.displayName,
      email: a.email,
      role: a.role,
      team_id: a.teamId,
      password_hash: null,
      disabled_at: sql<Date>`now()`,
      disabled_reason: 'Waiting for an administrator to confirm the account',
      awaiting_confirmation: true,
    })
    .returning(['id', 'username'])
    .executeTakeFirstOrThrow()
  await db
    .insertInto('user_identity')
    .values({ user_id: user.id, issuer: a.issuer, subject: a.subject, last_sign_in_at: sql<Date>`now()` })
    .execute()
  return { id: Number(user.id), username: user.username }
}

/** Refreshes what the provider says about a confirmed account at sign-in. */
export async function refreshAccount(
  db: Db,
  userId: number,
  a: { role: string; teamId: number | null; displayName: string; email: string | null },
): Promise<void> {
  await db
    .updateTable('app_user')
    .set({
      role: a.role,
      display_name: a.displayName,
      email: a.email,
      ...(a.teamId !== null ? { team_id: a.teamId } : {}),
    })
    .where('id', '=', userId)
    .execute()
  await db
    .updateTable('user_identity')
    .set({ last_sign_in_at: sql<Date>`now()` })
    .where('user_id', '=', userId)
    .execute()
}

export function listAwaiting(db: Db) {
  return db
    .selectFrom('app_user as u')
    .innerJoin('user_identity as i', 'i.user_id', 'u.id')
    .leftJoin('team as t', 't.id', 'u.team_id')
    .select([
      'u.id',
      'u.username',
      'u.display_name',
      'u.email',
      'u.role',
      't.name as teamName',
      'i.created_at',
    ])
    .where('u.awaiting_confirmation', '=', true)
    .orderBy('i.created_at')
    .orderBy('u.id')
    .execute()
}

export function findAwaiting(db: Db, username: string) {
  return db
    .selectFrom('app_user as u')
    .innerJoin('user_identity as i', 'i.user_id', 'u.id')
    .leftJoin('team as t', 't.id', 'u.team_id')
    .select([
      'u.id',
      'u.username',
      'u.display_name',
      'u.email',
      'u.role',
      't.name as teamName',
      'i.created_at',
    ])
    .where('u.username', '=', username)
    .where('u.awaiting_confirmation', '=', true)
    .executeTakeFirst()
}

/** Confirms or refuses an account awaiting confirmation; null when it is not awaiting. */
export function settleAwaiting(db: Db, username: string, outcome: { refusedReason: string | null }) {
  return db
    .updateTable('app_user')
    .set(
      outcome.refusedReason === null
        ? { awaiting_confirmation: false, disabled_at: null, disabled_reason: null }
        : { awaiting_confirmation: false, disabled_reason: outcome.refusedReason },
    )
    .where('username', '=', username)
    .where('awaiting_confirmation', '=', true)
    .returning(['id', 'username', 'role'])
    .executeTakeFirst()
}

// ---- Sessions that began at the provider ---------------------------------------------------

export async function insertSsoSession(
  db: Db,
  s: { sessionIdHash: string; issuer: string; subject: string; sid: string | null; idToken: string },
): Promise<void> {
  await db
    .insertInto('sso_session')
    .values({
      session_id_hash: s.sessionIdHash,
      issuer: s.issuer,
      subject: s.subject,
      sid: s.sid,
      id_token: s.idToken,
    })
    .execute()
}

export function findSsoSession(db: Db, sessionIdHash: string) {
  return db
    .selectFrom('sso_session')
    .select(['id_token', 'issuer', 'subject', 'sid'])
    .where('session_id_hash', '=', sessionIdHash)
    .executeTakeFirst()
}

/**
 * Ends the live Haven sessions begun at the provider for a provider session id (`sid`) or, with
 * no sid, for every session of the subject. Returns the accounts and how many ended.
 */
export async function endSsoSessions(
  db: Db,
  which: { issuer: string; sid: string | null; subject: string | null },
  reason: string,
): Promise<{ userId: number }[]> {
  const ended = await db
    .updateTable('user_session')
    .set({ ended_at: sql`now()`, ended_reason: reason })
    .where('ended_at', 'is', null)
    .where('id_hash', 'in', (eb) => {
      let q = eb.selectFrom('sso_session').select('session_id_hash').where('issuer', '=', which.issuer)
      if (which.sid !== null) q = q.where('sid', '=', which.sid)
      if (which.subject !== null) q = q.where('subject', '=', which.subject)
      return q
    })
    .returning('user_id')
    .execute()
  return ended.map((r) => ({ userId: Number(r.user_id) }))
}
