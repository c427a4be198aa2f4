/**
 * Single sign-on rules with no I/O: which role and team a person's groups give them, the username
 * a new account gets, why a token was refused, and the admin form's schema.
 */
import { z } from 'zod'
import { ROLES, type Role } from '../../permissions/roles.js'

export interface GroupMapping {
  id: number
  groupId: string
  role: string
  teamId: number | null
}

export interface Placement {
  role: Role
  /** Null when the deciding mapping names no team: the team an administrator set is kept. */
  teamId: number | null
  groupId: string
}

/**
 * The role and team a person's groups give them: the mapping added first (lowest id) among those
 * naming one of their groups decides, so adding a mapping never changes anyone's existing role
 * behind the administrator's back. Null when none of their groups is mapped to a known role.
 */
export function placementFor(groups: readonly string[], mappings: readonly GroupMapping[]): Placement | null {
  const mine = new Set(groups)
  const deciding = [...mappings]
    .sort((a, b) => a.id - b.id)
    .find((m) => mine.has(m.groupId) && (ROLES as readonly string[]).includes(m.role))
  return deciding ? { role: deciding.role as Role, teamId: deciding.teamId, groupId: deciding.groupId } : null
}

/** The groups claim as a list of strings: providers send an array, some a single string. */
export function groupsFrom(claims: Record<string, unknown>, claim: string): string[] {
  const value = claims[claim]
  if (typeof value === 'string') return [value]
  if (Array.isArray(value)) return value.filter((g): g is string => typeof g === 'string')
  return []
}

/**
 * Entra ID leaves the groups out when someone is in too many (more than 200 in a token) and
 * says so with `_claim_names`: such a person cannot be placed from the token alone.
 */
export function groupsOverflowed(claims: Record<string, unknown>, claim: string): boolean {
  const names = claims._claim_names
  return typeof names === 'object' && names !== null && claim in names
}

/**
 * A username for a new account from what the provider says, in the form local accounts use
 * (lower case letters, digits, dots, dashes, underscores; 3 to 64): the part of the preferred
 * username or email before any @. The caller adds a number when it is taken. Only a label:
 * accounts are found again by issuer and subject, never by this or by email.
 */
export function usernameBase(claims: Record<string, unknown>): string {
  const source = [claims.preferred_username, claims.email, claims.name].find(
    (v): v is string => typeof v === 'string' && v.trim() !== '',
  )
  const local = (source ?? '').split('@')[0] ?? ''
  const cleaned = local
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9._-]+/g, '.')
    .replace(/^[._-]+|[._-]+$/g, '')
    .slice(0, 56)
  return cleaned.length >= 3 ? cleaned : `sso.${cleaned || 'user'}`
}

export function displayNameFrom(claims: Record<string, unknown>, fallback: string): string {
  const name = claims.name
  if (typeof name === 'string' && name.trim()) return name.trim().slice(0, 120)
  const parts = [claims.given_name, claims.family_name].filter(
    (v): v is string => typeof v === 'string' && v.trim() !== '',
  )
  return parts.length ? parts.join(' ').slice(0, 120) : fallback
}

export function emailFrom(claims: Record<string, unknown>): string | null {
  const email = claims.email
  return typeof email === 'string' && /^[^@\s]+@[^@\s]+$/.test(email) ? email.slice(0, 254) : null
}

/** Why the provider's answer was refused, as a short code for the audit trail. */
export type TokenRefusal =
  | 'bad_signature'
  | 'wrong_audience'
  | 'wrong_issuer'
  | 'wrong_nonce'
  | 'token_expired'
  | 'token_not_yet_valid'
  | 'provider_error'
  | 'token_rejected'

/**
 * The code, message and claim name behind an error from openid-client, which wraps oauth4webapi's
 * coded error, whose cause names the claim. Only these are read: the causes also hold the token's
 * claims, which are personal data and stay out of the audit trail.
 */
export function tokenErrorFacts(err: unknown): { code: string; claim: string | null; messages: string[] } {
  let code = ''
  let claim: string | null = null
  const messages: string[] = []
  let at: unknown = err
  for (let depth = 0; depth < 5 && typeof at === 'object' && at !== null; depth++) {
    const e = at as { code?: unknown; message?: unknown; claim?: unknown; cause?: unknown }
    if (!code && typeof e.code === 'string') code = e.code
    if (typeof e.message === 'string') messages.push(e.message)
    if (claim === null && typeof e.claim === 'string') claim = e.claim
    at = e.cause
  }
  return { code, claim, messages }
}

/** Why the provider's answer was refused, as a short code for the audit trail. */
export function classifyTokenError(err: unknown): TokenRefusal {
  const { code, claim, messages } = tokenErrorFacts(err)
  if (code === 'OAUTH_KEY_SELECTION_FAILED' || messages.some((m) => /signature verification failed/i.test(m)))
    return 'bad_signature'
  if (code === 'OAUTH_JWT_CLAIM_COMPARISON_FAILED') {
    if (claim === 'aud' || claim === 'azp') return 'wrong_audience'
    if (claim === 'iss') return 'wrong_issuer'
    if (claim === 'nonce') return 'wrong_nonce'
  }
  if (code === 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED')
    return claim === 'nbf' || claim === 'iat' ? 'token_not_yet_valid' : 'token_expired'
  if (code === 'OAUTH_AUTHORIZATION_RESPONSE_ERROR' || code === 'OAUTH_RESPONSE_BODY_ERROR')
    return 'provider_error'
  return 'token_rejected'
}

/** Adding a group mapping on the admin page. */
export const groupMappingSchema = z.object({
  groupId: z
    .string()
    .trim()
    .min(1, 'Enter the group’s ID')
    .max(200, 'The group’s ID must be 200 characters or fewer')
    .regex(/^[\x21-\x7e]+$/, 'Enter the group’s ID without spaces or unusual characters'),
  role: z.enum(ROLES, { message: 'Choose the role the group gives' }),
  teamId: z
    .string()
    .optional()
    .transform((v) => (v ? Number(v) : null))
    .refine((v) => v === null || (Number.isSafeInteger(v) && v > 0), 'Choose a team from the list'),
})
export type GroupMappingInput = z.output<typeof groupMappingSchema>
