/**
 * A child's social worker episodes from an SSDA903 return (SWEpisodes) as the allocated-worker
 * grants they are in Haven, for `haven returns import --ssda903`. Pure. Each episode becomes a
 * grant to the account whose Social Work England registration is its SW_ID, given at London
 * midnight on SW_DECOM and revoked at London midnight on SW_DEC (an open episode stays open: that
 * worker is the child's allocated worker from now on), so `frontdoor_social_worker_episode_v`
 * gives the row back. SW_REASON is recorded (`frontdoor_allocation_reason`) only when it is not
 * what the view works out by itself: FCONTA for a grant no other worker's overlapped as it was
 * given, blank for a change of worker with no reason.
 *
 * A child's episodes are taken whole or not at all, and not at all when:
 * - an SW_ID is not a registration number (XX and a number: the old system knew no number) or no
 *   Haven account has it;
 * - an episode ends the day it starts (the view holds no such episode, rule SW09STG2) or before;
 * - SW_REASON is not a DfE code, or is blank where the view would give FCONTA;
 * - the open episode's worker cannot sign in (a disabled account);
 * - Haven already allocates the child to a worker at a time an episode covers: unless Haven holds
 *   every episode already as exactly that grant, which is the same return imported again.
 */
import { londonInstant, type IsoDate } from '../../platform/calendar/dates.js'
import type { SwReason } from '../../platform/db/schema.js'
import { SW_CHANGE_REASONS } from './model.js'

/** An SWEpisodes row (SW_ID as given, blanks null). */
export interface ImportedSwEpisode {
  workerId: string
  start: IsoDate
  end: IsoDate | null
  reason: string | null
}

/** A Haven account, by its registration number. */
export interface SwAccount {
  id: number
  disabled: boolean
}

/** An allocated-worker grant Haven holds for the child. */
export interface HeldWorkerGrant {
  userId: number
  grantedAt: Date
  revokedAt: Date | null
}

export interface PlannedWorkerGrant {
  userId: number
  registration: string
  start: IsoDate
  end: IsoDate | null
  grantedAt: Date
  revokedAt: Date | null
  /** The reason to record beside the grant: null when the view gives SW_REASON itself. */
  swReason: SwReason | null
}

export type SwEpisodesPlan =
  | { outcome: 'grant'; grants: PlannedWorkerGrant[] }
  | { outcome: 'unchanged' }
  | { outcome: 'refused'; reason: string }

const REGISTRATION = /^SW[0-9]{1,10}$/
const REASONS = new Set<string>(SW_CHANGE_REASONS.map((c) => c.code))
const FIRST_CONTACT: SwReason = 'FCONTA'

class Refusal extends Error {}

function check(ok: boolean, message: string): void {
  if (!ok) throw new Refusal(`SWEpisodes: ${message}`)
}

const dfe = (d: IsoDate): string => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`
const ms = (d: Date | null): number => (d === null ? Infinity : d.getTime())

/** Whether two spans of access share a moment (a grant revoked as another is given shares none). */
const overlap = (a: { grantedAt: Date; revokedAt: Date | null }, b: typeof a): boolean =>
  ms(a.grantedAt) < ms(b.revokedAt) && ms(b.grantedAt) < ms(a.revokedAt)

/**
 * SW_REASON as `frontdoor_social_worker_episode_v` gives it for a grant with no reason recorded:
 * FCONTA when no other allocated-worker grant of the child was given by then and not revoked
 * before it, else none.
 */
export function derivedSwReason(
  grant: { grantedAt: Date },
  others: readonly { grantedAt: Date; revokedAt: Date | null }[],
): SwReason | null {
  const held = others.some(
    (e) => ms(e.grantedAt) <= ms(grant.grantedAt) && ms(e.revokedAt) >= ms(grant.grantedAt),
  )
  return held ? null : FIRST_CONTACT
}

/** The grants a child's SWEpisodes rows become, given the accounts and the grants Haven holds. */
export function planSocialWorkerEpisodes(
  episodes: readonly ImportedSwEpisode[],
  accounts: ReadonlyMap<string, SwAccount>,
  held: readonly HeldWorkerGrant[],
): SwEpisodesPlan {
  try {
    const sorted = [...episodes].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0))
    const grants = sorted.map((e) => plannedGrant(e, accounts))
    const clash = held.find((h) => grants.some((g) => overlap(g, h)))
    if (clash !== undefined) {
      const same = (g: PlannedWorkerGrant, h: HeldWorkerGrant) =>
        h.userId === g.userId && ms(h.grantedAt) === ms(g.grantedAt) && ms(h.revokedAt) === ms(g.revokedAt)
      if (grants.every((g) => held.some((h) => same(g, h)))) return { outcome: 'unchanged' }
      const over = grants.find((g) => overlap(g, clash)) as PlannedWorkerGrant
      check(
        false,
        `Haven already allocates the child to a social worker at the time of the episode from ${dfe(over.start)}: not changed`,
      )
    }
    for (const [i, g] of grants.entries()) {
      const e = sorted[i] as ImportedSwEpisode
      const derived = derivedSwReason(g, [...held, ...grants.filter((o) => o !== g)])
      check(
        e.reason !== null || derived === null,
        `SW_REASON is blank for the episode from ${dfe(e.start)}, when no other worker held the case: Haven gives it FCONTA`,
      )
      g.swReason = e.reason === derived ? null : (e.reason as SwReason)
    }
    return { outcome: 'grant', grants }
  } catch (err) {
    if (err instanceof Refusal) return { outcome: 'refused', reason: err.message }
    throw err
  }
}

function plannedGrant(e: ImportedSwEpisode, accounts: ReadonlyMap<string, SwAccount>): PlannedWorkerGrant {
  const at = `the episode from ${dfe(e.start)}`
  const registration = e.workerId.trim().toUpperCase()
  check(
    REGISTRATION.test(registration),
    `SW_ID ${e.workerId} of ${at} is not a Social Work England registration number, by which Haven finds the worker’s account`,
  )
  const account = accounts.get(registration)
  check(
    account !== undefined,
    `no Haven account has the registration ${registration} (${at}): record it on the worker’s account and import again`,
  )
  check(
    e.end === null || e.end > e.start,
    e.end === e.start
      ? `${at} ends the day it starts: Haven holds no such episode (SW09STG2)`
      : `${at} ends before it starts`,
  )
  check(e.reason === null || REASONS.has(e.reason), `SW_REASON ${e.reason ?? ''} of ${at} is not a DfE code`)
  check(
    e.end !== null || !(account as SwAccount).disabled,
    `${registration}, the worker of the open episode from ${dfe(e.start)}, has a disabled account: the child’s allocated worker must be able to sign in`,
  )
  return {
    userId: (account as SwAccount).id,
    registration,
    start: e.start,
    end: e.end,
    grantedAt: londonInstant(e.start, '00:00'),
    revokedAt: e.end === null ? null : londonInstant(e.end, '00:00'),
    swReason: null,
  }
}
