/**
 * Signing in with a local account, rate limited per username and per address so guessing is
 * slow: after 5 failures for a username in 15 minutes, or 20 from one address, sign-in waits.
 */
import { sql } from 'kysely'
import type { Db } from '../db/database.js'
import type { AppUser } from '../db/schema.js'
import { verifyPassword } from './passwords.js'
import { findUserByUsername } from './users.js'

export const RATE_LIMIT = { windowMinutes: 15, perUsername: 5, perAddress: 20 }

export type SignInResult =
  { ok: true; user: AppUser } | { ok: false; reason: 'invalid' | 'rate_limited' | 'disabled' }

export async function signIn(db: Db, username: string, password: string, ip: string): Promise<SignInResult> {
  const name = username.trim().toLowerCase()
  const since = sql<Date>`now() - make_interval(mins => ${RATE_LIMIT.windowMinutes})`
  const recent = await db
    .selectFrom('sign_in_attempt')
    .select([
      (eb) => eb.fn.countAll<number>().filterWhere('username', '=', name).as('by_name'),
      (eb) => eb.fn.countAll<number>().filterWhere('ip', '=', ip).as('by_ip'),
    ])
    .where('succeeded', '=', false)
    .where('attempted_at', '>', since)
    .where((eb) => eb.or([eb('username', '=', name), eb('ip', '=', ip)]))
    .executeTakeFirstOrThrow()
  if (recent.by_name >= RATE_LIMIT.perUsername || recent.by_ip >= RATE_LIMIT.perAddress) {
    return { ok: false, reason: 'rate_limited' }
  }
  const user = await findUserByUsername(db, name)
  const valid = await verifyPassword(user?.password_hash ?? null, password)
  const ok = valid && user !== undefined && user.disabled_at === null
  await db.insertInto('sign_in_attempt').values({ username: name, ip, succeeded: ok }).execute()
  if (!valid || !user) return { ok: false, reason: 'invalid' }
  if (user.disabled_at) return { ok: false, reason: 'disabled' }
  return { ok: true, user }
}
