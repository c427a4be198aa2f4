/**
 * Signing in with a local account, throttled so guessing is slow without letting anyone lock a
 * colleague out:
 *
 * - per account and source address together: the first `perAccountAndSource` attempts go
 *   straight through; from then on each attempt waits, a minute at first and twice as long after
 *   each further failure, up to an hour. Guessing from one address does not stop the holder
 *   signing in from theirs.
 * - per source address across accounts: a looser `perSource`, against trying one password on many
 *   accounts.
 *
 * The attempt is counted and the decision made in one statement (sign-in-store.ts), so a burst of
 * simultaneous guesses gets no more through than one at a time would. The holder is told of
 * failed attempts on their account at their next successful sign-in.
 */
import type { Db } from '../db/database.js'
import type { AppUser } from '../db/schema.js'
import { verifyPassword } from './passwords.js'
import {
  clearAfterSuccess,
  failuresSinceLastSuccess,
  recordAttempt,
  reserveAttempt,
  type FailedAttempts,
} from './sign-in-store.js'
import { findUserByUsername } from './users.js'

export const THROTTLE = {
  perAccountAndSource: 5,
  perSource: 30,
  firstDelaySeconds: 60,
  maxDelaySeconds: 3600,
  forgetAfterMinutes: 15,
}

export type SignInResult =
  | { ok: true; user: AppUser; failedSinceLastSignIn: FailedAttempts }
  | { ok: false; reason: 'invalid' | 'disabled' }
  | { ok: false; reason: 'rate_limited'; retryAt: Date | null }

export async function signIn(db: Db, username: string, password: string, ip: string): Promise<SignInResult> {
  const name = username.trim().toLowerCase()
  const reservation = await reserveAttempt(
    db,
    [
      { scope: 'account_source', username: name, ip, allowance: THROTTLE.perAccountAndSource },
      { scope: 'source', username: '', ip, allowance: THROTTLE.perSource },
    ],
    THROTTLE,
  )
  if (reservation.refused) {
    // Refused attempts are attempts on the account all the same: the holder hears of them.
    await recordAttempt(db, name, ip, false)
    return { ok: false, reason: 'rate_limited', retryAt: reservation.blockedUntil }
  }
  const user = await findUserByUsername(db, name)
  const valid = await verifyPassword(user?.password_hash ?? null, password)
  const ok = valid && user !== undefined && user.disabled_at === null
  if (!ok) {
    await recordAttempt(db, name, ip, false)
    if (!valid || !user) return { ok: false, reason: 'invalid' }
    return { ok: false, reason: 'disabled' }
  }
  await clearAfterSuccess(db, name, ip)
  const failedSinceLastSignIn = await failuresSinceLastSuccess(db, name)
  await recordAttempt(db, name, ip, true)
  return { ok: true, user, failedSinceLastSignIn }
}

/** Whole minutes until `retryAt`, at least 1: what the sign-in page asks the person to wait. */
export function minutesToWait(retryAt: Date | null, now = new Date()): number {
  if (!retryAt) return 1
  return Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 60_000))
}
