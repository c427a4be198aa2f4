/**
 * The SQL behind sign-in throttling (table `sign_in_throttle`, migration 0009) and the record of
 * attempts (`sign_in_attempt`). The policy is in sign-in.ts.
 */
import { sql } from 'kysely'
import type { Db } from '../db/database.js'

export interface ThrottleKey {
  scope: 'account_source' | 'source'
  username: string
  ip: string
  /** Attempts counted before the key starts to wait. */
  allowance: number
}

export interface ThrottlePolicy {
  firstDelaySeconds: number
  maxDelaySeconds: number
  /** A key is forgotten once this long has passed since its last attempt or the end of its wait. */
  forgetAfterMinutes: number
}

export interface Reservation {
  refused: boolean
  /** When the longest wait ends, if any key is waiting. */
  blockedUntil: Date | null
}

/**
 * Counts one attempt against every key and says whether it may go ahead, in one statement: each
 * key's row is locked by the upsert, so simultaneous attempts are counted one after another and
 * cannot all read the same count. An attempt is refused when any key is still waiting (and then
 * not counted on that key); otherwise it is counted, and a key that reaches its allowance starts
 * to wait at once (before the password is checked: a right password clears it afterwards).
 */
export async function reserveAttempt(
  db: Db,
  keys: ThrottleKey[],
  policy: ThrottlePolicy,
): Promise<Reservation> {
  const values = keys.map(
    (k) => sql`(${k.scope}, ${k.username}, ${k.ip}, ${k.allowance}::integer, 1, now(),
      case when 1 >= ${k.allowance}::integer then now() + make_interval(secs => ${policy.firstDelaySeconds}::integer) end,
      false)`,
  )
  const forget = sql`make_interval(mins => ${policy.forgetAfterMinutes}::integer)`
  const waiting = sql`coalesce(t.blocked_until > now(), false)`
  // The attempts after this one, when it is counted: from 1 again once the key has been forgotten.
  const counted = sql`case when coalesce(t.blocked_until, t.last_attempt_at) < now() - ${forget}
    then 1 else t.attempts + 1 end`
  const rows = await sql<{ last_refused: boolean; blocked_until: Date | null }>`
    insert into sign_in_throttle as t
      (scope, username, ip, allowance, attempts, last_attempt_at, blocked_until, last_refused)
    values ${sql.join(values)}
    on conflict (scope, username, ip) do update set
      last_refused = ${waiting},
      allowance = excluded.allowance,
      attempts = case when ${waiting} then t.attempts else ${counted} end,
      last_attempt_at = case when ${waiting} then t.last_attempt_at else now() end,
      blocked_until = case
        when ${waiting} then t.blocked_until
        when ${counted} >= excluded.allowance then now() + make_interval(secs => least(
          ${policy.maxDelaySeconds}::integer,
          ${policy.firstDelaySeconds}::integer * power(2, least(${counted} - excluded.allowance, 20))::integer))
      end
    returning last_refused, blocked_until`.execute(db)
  const waits = rows.rows.map((r) => r.blocked_until).filter((d): d is Date => d !== null)
  return {
    refused: rows.rows.some((r) => r.last_refused),
    blockedUntil: waits.length ? new Date(Math.max(...waits.map((d) => d.getTime()))) : null,
  }
}

/**
 * After a right password: the account's count from this address starts again, and the address's
 * own count gives back the attempt (it was not a failure) and stops waiting. Keys nobody has tried
 * for a day (long past any wait) are tidied away at the same time.
 */
export async function clearAfterSuccess(db: Db, username: string, ip: string): Promise<void> {
  await db
    .deleteFrom('sign_in_throttle')
    .where('last_attempt_at', '<', sql<Date>`now() - interval '1 day'`)
    .where((eb) => eb.or([eb('blocked_until', 'is', null), eb('blocked_until', '<', sql<Date>`now()`)]))
    .execute()
  await db
    .deleteFrom('sign_in_throttle')
    .where('scope', '=', 'account_source')
    .where('username', '=', username)
    .where('ip', '=', ip)
    .execute()
  await db
    .updateTable('sign_in_throttle')
    .set({ attempts: sql`greatest(attempts - 1, 0)`, blocked_until: null })
    .where('scope', '=', 'source')
    .where('username', '=', '')
    .where('ip', '=', ip)
    .execute()
}

export async function recordAttempt(db: Db, username: string, ip: string, succeeded: boolean): Promise<void> {
  await db.insertInto('sign_in_attempt').values({ username, ip, succeeded }).execute()
}

export interface FailedAttempts {
  count: number
  first: Date | null
  last: Date | null
}

/** The failed attempts on an account, from anywhere, since its last successful sign-in. */
export async function failuresSinceLastSuccess(db: Db, username: string): Promise<FailedAttempts> {
  const row = await db
    .selectFrom('sign_in_attempt')
    .select((eb) => [
      eb.fn.countAll<number | string>().as('count'),
      eb.fn.min('attempted_at').as('first'),
      eb.fn.max('attempted_at').as('last'),
    ])
    .where('username', '=', username)
    .where('succeeded', '=', false)
    .where(
      'id',
      '>',
      sql<number>`coalesce((select max(id) from sign_in_attempt where username = ${username} and succeeded), 0)`,
    )
    .executeTakeFirstOrThrow()
  return { count: Number(row.count), first: row.first ?? null, last: row.last ?? null }
}
