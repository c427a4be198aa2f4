/**
 * Single sign-on use cases: starting and finishing a sign-in through the provider (accounts made
 * at first sign-in wait for an administrator; later sign-ins refresh role and team from the
 * groups), back-channel logout, and the administrator's group mappings and confirmations. Every
 * refusal is audited on its own, so nothing rolled back can lose it.
 */
import { createHash } from 'node:crypto'
import { recordAudit, recordAuditAlone, type AuditContext } from '../../audit/audit.js'
import type { Db } from '../../db/database.js'
import { NotFoundError } from '../../http/errors.js'
import { ROLE_NAMES } from '../../permissions/roles.js'
import { sessionIdHash, startSession, token } from '../sessions.js'
import {
  classifyTokenError,
  displayNameFrom,
  emailFrom,
  groupsFrom,
  groupsOverflowed,
  placementFor,
  tokenErrorFacts,
  usernameBase,
  type GroupMappingInput,
} from './model.js'
import { LogoutTokenError, ProviderUnavailableError, type OidcProvider } from './provider.js'
import * as store from './store.js'

/** How long someone has at the provider before the attempt is refused. */
export const ATTEMPT_MINUTES = 10

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex')

export type SsoRefusal =
  | 'provider_unavailable'
  | 'missing_state'
  | 'unknown_state'
  | 'replayed_state'
  | 'expired_state'
  | 'browser_mismatch'
  | 'no_mapped_group'
  | 'groups_overflow'
  | 'awaiting_confirmation'
  | 'disabled'
  | ReturnType<typeof classifyTokenError>

export type FinishResult =
  | { kind: 'signed_in'; cookie: string; returnTo: string }
  | { kind: 'awaiting_confirmation' }
  | { kind: 'refused'; reason: SsoRefusal }

function deny(db: Db, audit: AuditContext, reason: SsoRefusal, detail: Record<string, unknown> = {}) {
  return recordAuditAlone(db, audit, {
    action: 'user.sign_in',
    outcome: 'denied',
    detail: { method: 'sso', reason, ...detail },
  })
}

/** Starts an attempt: the provider's address to go to, and a token for this browser's cookie. */
export async function startSsoSignIn(
  db: Db,
  provider: OidcProvider,
  returnTo: string,
  audit: AuditContext,
): Promise<{ ok: true; url: string; browserToken: string } | { ok: false; reason: 'provider_unavailable' }> {
  let started
  try {
    started = await provider.start()
  } catch (err) {
    if (!(err instanceof ProviderUnavailableError)) throw err
    await recordAuditAlone(db, audit, {
      action: 'user.sign_in',
      outcome: 'failed',
      detail: { method: 'sso', reason: 'provider_unavailable' },
    })
    return { ok: false, reason: 'provider_unavailable' }
  }
  const browserToken = token()
  await store.insertAttempt(db, {
    stateHash: sha256(started.state),
    browserHash: sha256(browserToken),
    nonce: started.nonce,
    codeVerifier: started.codeVerifier,
    returnTo,
    lifetimeMinutes: ATTEMPT_MINUTES,
  })
  return { ok: true, url: started.url, browserToken }
}

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown }
  return e?.code === '23505' || /duplicate key/i.test(String(e?.message))
}

/**
 * Finishes an attempt from the provider's answer (`query`, the callback's query string). The state
 * must name an attempt this browser started, unused and in time; the ID token must pass every
 * check; the person's groups must give them a role. A first sign-in makes an account that waits
 * for an administrator; a confirmed account gets its role and team refreshed and a new session.
 */
export async function finishSsoSignIn(
  db: Db,
  provider: OidcProvider,
  input: {
    query: string
    state: string | undefined
    browserToken: string | undefined
    error: string | undefined
  },
  audit: AuditContext,
): Promise<FinishResult> {
  const refuse = async (reason: SsoRefusal, detail: Record<string, unknown> = {}): Promise<FinishResult> => {
    await deny(db, audit, reason, detail)
    return { kind: 'refused', reason }
  }
  if (!input.state) return refuse('missing_state')
  const attempt = await store.claimAttempt(db, sha256(input.state))
  if (!attempt.ok) return refuse(attempt.reason)
  if (!input.browserToken || sha256(input.browserToken) !== attempt.browserHash)
    return refuse('browser_mismatch')
  if (input.error) return refuse('provider_error', { error: input.error.slice(0, 64) })

  let signedIn
  try {
    signedIn = await provider.finish(input.query, {
      state: input.state,
      nonce: attempt.nonce,
      codeVerifier: attempt.codeVerifier,
    })
  } catch (err) {
    if (err instanceof ProviderUnavailableError) return refuse('provider_unavailable')
    const facts = tokenErrorFacts(err)
    return refuse(classifyTokenError(err), {
      error: facts.code || 'unknown',
      ...(facts.claim ? { claim: facts.claim } : {}),
    })
  }

  const { issuer, subject, claims } = signedIn
  const who = { issuer, subject }
  const claim = provider.config.groupsClaim
  if (groupsOverflowed(claims, claim)) return refuse('groups_overflow', who)
  const placement = placementFor(groupsFrom(claims, claim), await store.listMappings(db))
  const existing = await store.findIdentity(db, issuer, subject)

  if (!existing) {
    if (!placement) return refuse('no_mapped_group', who)
    const base = usernameBase(claims)
    for (let tries = 0; ; tries++) {
      try {
        await db.transaction().execute(async (trx) => {
          const account = await store.insertPendingAccount(trx, {
            username: await store.freeUsername(trx, base),
            displayName: displayNameFrom(claims, base),
            email: emailFrom(claims),
            role: placement.role,
            teamId: placement.teamId,
            issuer,
            subject,
          })
          await recordAudit(
            trx,
            { ...audit, userId: account.id, username: account.username },
            {
              action: 'user.sso_account_created',
              outcome: 'allowed',
              recordType: 'user',
              recordId: account.id,
              detail: { ...who, role: placement.role, group: placement.groupId },
            },
          )
        })
        break
      } catch (err) {
        // Two first sign-ins at once, or a username taken in between: look again.
        if (!isUniqueViolation(err) || tries >= 2) throw err
        if (await store.findIdentity(db, issuer, subject)) break
      }
    }
    await deny(db, audit, 'awaiting_confirmation', who)
    return { kind: 'awaiting_confirmation' }
  }

  const account = { ...audit, userId: existing.id, username: existing.username }
  if (existing.awaiting_confirmation) {
    await deny(db, account, 'awaiting_confirmation', who)
    return { kind: 'awaiting_confirmation' }
  }
  if (existing.disabled_at !== null) {
    await deny(db, account, 'disabled', who)
    return { kind: 'refused', reason: 'disabled' }
  }
  if (!placement) {
    await deny(db, account, 'no_mapped_group', who)
    return { kind: 'refused', reason: 'no_mapped_group' }
  }

  const cookie = await db.transaction().execute(async (trx) => {
    const refreshed = {
      role: placement.role,
      teamId: placement.teamId,
      displayName: displayNameFrom(claims, existing.display_name),
      email: emailFrom(claims) ?? existing.email,
    }
    await store.refreshAccount(trx, existing.id, refreshed)
    const changed =
      existing.role !== refreshed.role || (refreshed.teamId !== null && refreshed.teamId !== existing.team_id)
    if (changed)
      await recordAudit(trx, account, {
        action: 'user.sso_refresh',
        outcome: 'allowed',
        recordType: 'user',
        recordId: existing.id,
        detail: {
          group: placement.groupId,
          role: { from: existing.role, to: refreshed.role },
          team: { from: existing.team_id, to: refreshed.teamId ?? existing.team_id },
        },
      })
    const session = await startSession(trx, existing.id)
    await store.insertSsoSession(trx, {
      sessionIdHash: sessionIdHash(session.cookie),
      issuer,
      subject,
      sid: signedIn.sid,
      idToken: signedIn.idToken,
    })
    await recordAudit(trx, account, {
      action: 'user.sign_in',
      outcome: 'allowed',
      detail: { method: 'sso', ...who },
    })
    return session.cookie
  })
  return { kind: 'signed_in', cookie, returnTo: attempt.returnTo }
}

/** The provider's sign-out page for a session that began there; null for any other session. */
export async function providerSignOutUrl(
  db: Db,
  provider: OidcProvider,
  cookie: string,
): Promise<string | null> {
  const found = await store.findSsoSession(db, sessionIdHash(cookie))
  return found ? provider.endSessionUrl(found.id_token) : null
}

/**
 * Back-channel logout: the provider says a person signed out there, so their Haven sessions from
 * that provider session (or, with no session id, all of theirs from the provider) end now.
 */
export async function backChannelLogout(
  db: Db,
  provider: OidcProvider,
  logoutToken: string | undefined,
  audit: AuditContext,
): Promise<{ ok: boolean }> {
  const refuse = async (reason: string) => {
    await recordAuditAlone(db, audit, {
      action: 'user.sign_out',
      outcome: 'denied',
      detail: { method: 'sso_back_channel', reason },
    })
    return { ok: false }
  }
  if (!logoutToken) return refuse('missing_logout_token')
  let verified
  try {
    verified = await provider.verifyLogoutToken(logoutToken)
  } catch (err) {
    if (err instanceof LogoutTokenError) return refuse(err.message)
    if (err instanceof ProviderUnavailableError) return refuse('provider_unavailable')
    throw err
  }
  const ended = await store.endSsoSessions(
    db,
    { issuer: verified.issuer, sid: verified.sid, subject: verified.sid ? null : verified.subject },
    'signed out at the identity provider',
  )
  const users = [...new Set(ended.map((e) => e.userId))]
  await recordAuditAlone(db, audit, {
    action: 'user.sign_out',
    outcome: 'allowed',
    detail: {
      method: 'sso_back_channel',
      sessionsEnded: ended.length,
      users,
      ...(verified.sid ? { sid: verified.sid } : { subject: verified.subject }),
      ...(verified.jti ? { jti: verified.jti } : {}),
    },
  })
  return { ok: true }
}

// ---- Administration ------------------------------------------------------------------------

export class SsoAdminError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message)
  }
}
/** A mapping or awaiting account that is not there: the platform's not found, so routes answer 404. */
export class SsoNotFoundError extends NotFoundError {}

export async function addGroupMapping(
  db: Db,
  input: GroupMappingInput,
  audit: AuditContext & { userId: number },
): Promise<void> {
  if (input.teamId !== null && !(await store.teamExists(db, input.teamId)))
    throw new SsoAdminError('teamId', 'Choose a team from the list')
  await db.transaction().execute(async (trx) => {
    const added = await store.insertMapping(trx, { ...input, createdBy: audit.userId })
    if (!added)
      throw new SsoAdminError('groupId', 'That group already has a mapping: remove it first to change it')
    await recordAudit(trx, audit, {
      action: 'sso.group_mapping_add',
      outcome: 'allowed',
      recordType: 'sso_group_mapping',
      recordId: added.id,
      detail: { group: input.groupId, role: input.role, teamId: input.teamId },
    })
  })
}

export async function removeGroupMapping(db: Db, id: number, audit: AuditContext): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const removed = await store.deleteMapping(trx, id)
    if (!removed) throw new SsoNotFoundError(`No group mapping ${id}`)
    await recordAudit(trx, audit, {
      action: 'sso.group_mapping_remove',
      outcome: 'allowed',
      recordType: 'sso_group_mapping',
      recordId: id,
      detail: { group: removed.group_id, role: removed.role, teamId: removed.team_id },
    })
    return removed.group_id
  })
}

export async function listAwaitingAccounts(db: Db) {
  return (await store.listAwaiting(db)).map((a) => ({
    ...a,
    roleName: ROLE_NAMES[a.role as keyof typeof ROLE_NAMES] ?? a.role,
  }))
}

export async function loadAwaitingAccount(db: Db, username: string) {
  const found = await store.findAwaiting(db, username)
  if (!found) throw new SsoNotFoundError(`No account awaiting confirmation called ${username}`)
  return { ...found, roleName: ROLE_NAMES[found.role as keyof typeof ROLE_NAMES] ?? found.role }
}

/** Confirms an account made at a first sign-in (refusedReason null) or refuses it with a reason. */
export async function settleAwaitingAccount(
  db: Db,
  username: string,
  refusedReason: string | null,
  audit: AuditContext,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const settled = await store.settleAwaiting(trx, username, {
      refusedReason: refusedReason === null ? null : `Refused: ${refusedReason}`,
    })
    if (!settled) throw new SsoNotFoundError(`No account awaiting confirmation called ${username}`)
    await recordAudit(trx, audit, {
      action: refusedReason === null ? 'user.confirm' : 'user.refuse',
      outcome: 'allowed',
      recordType: 'user',
      recordId: settled.id,
      detail: {
        username: settled.username,
        role: settled.role,
        ...(refusedReason ? { reason: refusedReason } : {}),
      },
    })
  })
}
